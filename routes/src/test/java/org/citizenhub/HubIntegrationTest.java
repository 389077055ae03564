package org.citizenhub;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.DisableJmx;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: the whole hub with its real embedded broker, a fresh H2 vault in a
 * temporary directory, and the population and FHIR simulators on free loopback ports, loaded with a small
 * synthetic population. Every subclass shares this one application context.
 */
@CamelSpringBootTest
@DisableJmx(false)
@AutoConfigureObservability
@SpringBootTest(classes = CitizenHubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "citizenhub.sandbox.size=300",
                "citizenhub.sandbox.scripted-changes=30",
                "citizenhub.population.poll-interval=300",
                "citizenhub.population.response-timeout=1500",
                "citizenhub.errors.maximum-redeliveries=2",
                "citizenhub.errors.redelivery-delay=50",
                "camel.main.routes-reload-enabled=true",
        })
public abstract class HubIntegrationTest {

    protected static final Path DATA_DIR;
    protected static final Path ROUTES_DIR;
    protected static final int POPULATION_PORT;
    protected static final int FHIR_PORT;

    static {
        try {
            DATA_DIR = Files.createTempDirectory("citizen-hub-it");
            ROUTES_DIR = Files.createDirectories(DATA_DIR.resolve("routes"));
            try (var shipped = Files.list(Path.of("../config/routes"))) {
                for (Path route : shipped.toList()) {
                    Files.copy(route, ROUTES_DIR.resolve(route.getFileName()));
                }
            }
            try (ServerSocket socket = new ServerSocket(0)) {
                POPULATION_PORT = socket.getLocalPort();
            }
            try (ServerSocket socket = new ServerSocket(0)) {
                FHIR_PORT = socket.getLocalPort();
            }
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void hubProperties(DynamicPropertyRegistry registry) {
        registry.add("citizenhub.data-dir", DATA_DIR::toString);
        registry.add("citizenhub.routes-dir", ROUTES_DIR::toString);
        registry.add("citizenhub.sandbox.population-port", () -> POPULATION_PORT);
        registry.add("citizenhub.sandbox.fhir-port", () -> FHIR_PORT);
    }
}
