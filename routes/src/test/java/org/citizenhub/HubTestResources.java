package org.citizenhub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What one hub test context owns: a fresh data directory (H2 vault, broker journal), a routes folder
 * with the shipped YAML routes, a survivorship rules file (the shipped example, which tests may edit and
 * must restore), and free loopback ports for the simulators and the broker's TCP acceptor.
 */
public record HubTestResources(Path dataDir, Path routesDir, int populationPort, int brokerPort, int fhirPort,
                               int schoolPort, int utilityPort) {

    public static HubTestResources create() {
        try {
            Path dataDir = Files.createTempDirectory("citizen-hub-it");
            Path routesDir = Files.createDirectories(dataDir.resolve("routes"));
            try (var shipped = Files.list(Path.of("../config/routes"))) {
                for (Path route : shipped.toList()) {
                    Files.copy(route, routesDir.resolve(route.getFileName()));
                }
            }
            Files.copy(Path.of("../config/survivorship.example.yaml"), dataDir.resolve("survivorship.yaml"));
            return new HubTestResources(dataDir, routesDir, freePort(), freePort(), freePort(), freePort(), freePort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void register(DynamicPropertyRegistry registry) {
        registry.add("citizenhub.data-dir", dataDir::toString);
        registry.add("citizenhub.routes-dir", routesDir::toString);
        registry.add("citizenhub.disclosure.procedures", () -> "file:../config/procedures.yaml");
        registry.add("citizenhub.disclosure.agencies", () -> "file:../config/agencies.yaml");
        registry.add("citizenhub.identity.survivorship", () -> "file:" + survivorshipFile());
        registry.add("citizenhub.sandbox.population-port", () -> populationPort);
        registry.add("citizenhub.broker.tcp-acceptor", () -> "tcp://127.0.0.1:" + brokerPort);
        registry.add("citizenhub.sandbox.fhir-port", () -> fhirPort);
        registry.add("citizenhub.sandbox.school-port", () -> schoolPort);
        registry.add("citizenhub.sandbox.utility-port", () -> utilityPort);
        // a slow school system or provider is given up on after 1.5 s (then retried), as the registry is
        registry.add("citizenhub.school.response-timeout", () -> 1500);
        registry.add("citizenhub.utility.response-timeout", () -> 1500);
    }

    /** The survivorship rules file the hub under test reads (a copy of config/survivorship.example.yaml). */
    public Path survivorshipFile() {
        return dataDir.resolve("survivorship.yaml");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
