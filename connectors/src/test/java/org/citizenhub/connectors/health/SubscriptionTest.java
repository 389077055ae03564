package org.citizenhub.connectors.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.citizenhub.mappings.health.PatientMapper;
import org.citizenhub.sandbox.health.FhirSimulator;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rest-hook subscriptions end to end: the simulator notifies a real HTTP callback, the parser reads it. */
class SubscriptionTest {

    private FhirSimulator simulator;
    private FhirRestClient client;
    private HttpServer callback;
    private final List<SubscriptionNotification> notifications = new CopyOnWriteArrayList<>();
    private final List<String> tokens = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        simulator = new FhirSimulator().load(TestSeeds.patients(3));
        simulator.start(0);
        client = new FhirRestClient(FhirClientSettings.defaults(URI.create(simulator.baseUrl())).withSyncOverlap(Duration.ZERO));
        callback = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        callback.createContext("/hub/fhir-callback", exchange -> {
            tokens.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Hub-Token")));
            notifications.add(SubscriptionCallbackParser.parse(exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        callback.start();
    }

    @AfterEach
    void stop() {
        callback.stop(0);
        simulator.close();
    }

    private URI callbackUrl(String path) {
        return URI.create("http://localhost:" + callback.getAddress().getPort() + "/hub/fhir-callback" + path);
    }

    @Test
    void registersOnceHoweverOftenTheHubStarts() {
        SubscriptionRegistrar registrar = new SubscriptionRegistrar(client);
        SubscriptionRequest request = new SubscriptionRequest("Patient?", callbackUrl(""),
                SubscriptionRequest.Payload.EMPTY, List.of("X-Hub-Token: s3cret"), null);

        String first = registrar.register(request);
        String second = registrar.register(request);

        assertThat(second).isEqualTo(first);
        assertThat(simulator.subscriptions()).hasSize(1);
    }

    @Test
    void anEmptyNotificationLeadsToASyncThatFindsTheChange() {
        IncrementalSync sync = new IncrementalSync(client, new InMemoryWatermarkStore(), "fhir");
        sync.sync(Patient.class, p -> { }, r -> { });
        new SubscriptionRegistrar(client).register(new SubscriptionRequest("Patient?", callbackUrl(""),
                SubscriptionRequest.Payload.EMPTY, List.of("X-Hub-Token: s3cret"), null));

        changePhone("hs-00001", "0935123123");

        await().atMost(Duration.ofSeconds(10)).until(() -> !notifications.isEmpty());
        assertThat(notifications.get(0)).isInstanceOf(SubscriptionNotification.ResyncRequested.class);
        assertThat(tokens).containsOnly("s3cret");
        List<Patient> changed = new ArrayList<>();
        sync.sync(Patient.class, changed::add, r -> { });
        assertThat(changed).singleElement().satisfies(p -> assertThat(p.getTelecomFirstRep().getValue()).isEqualTo("0935123123"));
    }

    @Test
    void aFullNotificationCarriesTheChangedPatient() {
        new SubscriptionRegistrar(client).register(new SubscriptionRequest("Patient?", callbackUrl(""),
                SubscriptionRequest.Payload.FULL_RESOURCE, List.of("X-Hub-Token: s3cret"), null));

        changePhone("hs-00002", "0935456456");

        await().atMost(Duration.ofSeconds(10)).until(() -> !notifications.isEmpty());
        assertThat(notifications.get(0)).isInstanceOfSatisfying(SubscriptionNotification.ResourcesReceived.class, received ->
                assertThat(received.resources()).singleElement().isInstanceOfSatisfying(Patient.class, p -> {
                    assertThat(p.getIdElement().getIdPart()).isEqualTo("hs-00002");
                    assertThat(p.getMeta().getVersionId()).isEqualTo("2");
                    assertThat(p.getTelecomFirstRep().getValue()).isEqualTo("0935456456");
                }));
    }

    private void changePhone(String id, String phone) {
        new ConflictRetryingUpdater(client).update(Patient.class, id, p -> PatientMapper.applyPhone(p, phone));
    }
}
