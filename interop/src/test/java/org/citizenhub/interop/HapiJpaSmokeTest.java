package org.citizenhub.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

class HapiJpaSmokeTest {
    @Test
    void starts() throws Exception {
        long t0 = System.nanoTime();
        try (HapiJpaServer server = HapiJpaServer.start()) {
            System.out.println("started in " + (System.nanoTime() - t0) / 1_000_000 + " ms at " + server.baseUrl());
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metadata")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
        }
    }
}
