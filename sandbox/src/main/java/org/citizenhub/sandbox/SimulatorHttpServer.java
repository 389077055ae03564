package org.citizenhub.sandbox;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import com.sun.net.httpserver.HttpServer;

/**
 * The JDK HTTP server the simulators listen with, on loopback. It writes a response's headers and body
 * separately; with Nagle's algorithm on (the JDK's default) the body then waits for the client's delayed
 * ACK, about 40 ms per small request — a simulator answering 25 requests a second instead of hundreds.
 * The JDK reads {@code sun.net.httpserver.nodelay} once, when its first server is made, so every
 * simulator makes its server here.
 */
public final class SimulatorHttpServer {

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private SimulatorHttpServer() {
    }

    public static HttpServer create(int port) throws IOException {
        return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    }
}
