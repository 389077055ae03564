package org.citizenhub.sandbox.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.citizenhub.mappings.health.FhirR4;
import org.citizenhub.mappings.health.IdentifierSystems;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FhirSimulatorTest {

    private static final LocalDate TODAY = LocalDate.of(2025, 9, 1);

    private FhirSimulator simulator;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() {
        simulator = new FhirSimulator().load(HealthViewSeeds.fromPeople(SamplePeople.people(30), 7, TODAY));
        simulator.start(0);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void servesTheLoadedPatientsWithVersionsAndEtags() throws Exception {
        HttpResponse<String> response = get("/Patient/hs-000001");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).contains("W/\"1\"");
        Patient patient = FhirR4.parse(response.body(), Patient.class);
        assertThat(patient.getMeta().getVersionId()).isEqualTo("1");
        assertThat(simulator.personKeyOf("hs-000001")).contains("P0");
        assertThat(response.body()).doesNotContain("\"P0\"");
    }

    @Test
    void pagesThroughSearchResultsWithNextLinks() throws Exception {
        Bundle page = FhirR4.parse(get("/Patient?_count=7&_lastUpdated=ge2000-01-01").body(), Bundle.class);
        int seen = page.getEntry().size();
        int pages = 1;
        while (page.getLink("next") != null) {
            page = FhirR4.parse(send(HttpRequest.newBuilder(URI.create(page.getLink("next").getUrl())).GET()).body(), Bundle.class);
            seen += page.getEntry().size();
            pages++;
        }

        assertThat(seen).isEqualTo(30);
        assertThat(pages).isEqualTo(5);
    }

    @Test
    void answersARepeatedSearchFromCacheUnlessToldNoCache() throws Exception {
        String query = "/Patient?identifier=" + IdentifierSystems.DEFAULT.personalId() + "%7C048089000999";
        assertThat(FhirR4.parse(get(query).body(), Bundle.class).getEntry()).isEmpty();
        Patient added = new Patient();
        added.addIdentifier().setSystem(IdentifierSystems.DEFAULT.personalId()).setValue("048089000999");
        simulator.store(added);

        Bundle cached = FhirR4.parse(get(query).body(), Bundle.class);
        Bundle fresh = FhirR4.parse(send(request(query).header("Cache-Control", "no-cache").GET()).body(), Bundle.class);

        assertThat(cached.getEntry()).isEmpty();
        assertThat(fresh.getEntry()).hasSize(1);
    }

    @Test
    void refusesAnUpdateWithAStaleIfMatch() throws Exception {
        Patient patient = FhirR4.parse(get("/Patient/hs-000002").body(), Patient.class);
        patient.setGender(null);
        String body = FhirR4.encode(patient);

        HttpResponse<String> first = send(request("/Patient/hs-000002").header("If-Match", "W/\"1\"")
                .header("Content-Type", "application/fhir+json").PUT(HttpRequest.BodyPublishers.ofString(body)));
        HttpResponse<String> second = send(request("/Patient/hs-000002").header("If-Match", "W/\"1\"")
                .header("Content-Type", "application/fhir+json").PUT(HttpRequest.BodyPublishers.ofString(body)));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("ETag")).contains("W/\"2\"");
        assertThat(second.statusCode()).isEqualTo(412);
        assertThat(get("/Patient/hs-000002/_history/1").statusCode()).isEqualTo(200);
    }

    @Test
    void createsConditionallyOnce() throws Exception {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(IdentifierSystems.DEFAULT.personalId()).setValue("048095001111");
        String body = FhirR4.encode(patient);
        String ifNoneExist = "identifier=" + IdentifierSystems.DEFAULT.personalId() + "|048095001111";

        HttpResponse<String> first = send(request("/Patient").header("If-None-Exist", ifNoneExist)
                .header("Content-Type", "application/fhir+json").POST(HttpRequest.BodyPublishers.ofString(body)));
        HttpResponse<String> second = send(request("/Patient").header("If-None-Exist", ifNoneExist)
                .header("Content-Type", "application/fhir+json").POST(HttpRequest.BodyPublishers.ofString(body)));

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(simulator.repository().search("Patient",
                r -> SearchCriteria.hasIdentifier(r, IdentifierSystems.DEFAULT.personalId(), "048095001111"))).hasSize(1);
    }

    @Test
    void processesATransactionWithUrnReferences() throws Exception {
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Patient patient = new Patient();
        patient.addName().setFamily("Bùi").addGiven("An");
        tx.addEntry().setFullUrl("urn:uuid:11111111-2222-3333-4444-555555555555").setResource(patient)
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        DiagnosticReport report = new DiagnosticReport().setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL)
                .setSubject(new Reference("urn:uuid:11111111-2222-3333-4444-555555555555"));
        tx.addEntry().setResource(report).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("DiagnosticReport");

        HttpResponse<String> response = send(request("").header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(FhirR4.encode(tx))));

        assertThat(response.statusCode()).isEqualTo(200);
        Bundle result = FhirR4.parse(response.body(), Bundle.class);
        String patientLocation = result.getEntry().get(0).getResponse().getLocation();
        assertThat(result.getEntry().get(0).getResponse().getStatus()).startsWith("201");
        DiagnosticReport stored = (DiagnosticReport) result.getEntry().get(1).getResource();
        assertThat(patientLocation).startsWith(stored.getSubject().getReference() + "/_history/");
    }

    @Test
    void refusesATransactionLargerThanAllowed() throws Exception {
        simulator.close();
        simulator = new FhirSimulator(FhirSimulator.Settings.defaults().withMaxTransactionEntries(1));
        simulator.start(0);
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        tx.addEntry().setResource(new Patient()).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        tx.addEntry().setResource(new Patient()).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");

        HttpResponse<String> response = send(request("").header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(FhirR4.encode(tx))));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(simulator.repository().count("Patient")).isZero();
    }

    @Test
    void notifiesRestHooksWithAndWithoutPayload() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer callback = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        callback.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " " + body.length
                    + " " + exchange.getRequestHeaders().getFirst("X-Hub-Token"));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        callback.start();
        try {
            String base = "http://localhost:" + callback.getAddress().getPort();
            subscribe(base + "/empty", null);
            subscribe(base + "/full", "application/fhir+json");

            Patient patient = FhirR4.parse(get("/Patient/hs-000003").body(), Patient.class);
            patient.addTelecom().setValue("0935000000");
            send(request("/Patient/hs-000003").header("Content-Type", "application/fhir+json")
                    .PUT(HttpRequest.BodyPublishers.ofString(FhirR4.encode(patient))));

            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
            assertThat(received).containsExactlyInAnyOrder("POST /empty 0 secret", "PUT /full/Patient/hs-000003 "
                    + received.stream().filter(r -> r.startsWith("PUT")).findFirst().orElseThrow().split(" ")[2] + " secret");
            assertThat(received.stream().filter(r -> r.startsWith("PUT")).findFirst().orElseThrow().split(" ")[2])
                    .isNotEqualTo("0");
        } finally {
            callback.stop(0);
        }
    }

    @Test
    void misbehavesOnPurpose() throws Exception {
        simulator.faults().failNext(SimulatorFaults.Fault.HTML_PAGE, 1);
        HttpResponse<String> html = get("/Patient/hs-000001");
        simulator.faults().failNext(SimulatorFaults.Fault.SERVER_ERROR, 1);
        HttpResponse<String> error = get("/Patient/hs-000001");
        HttpResponse<String> healthy = get("/Patient/hs-000001");

        assertThat(html.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(error.statusCode()).isEqualTo(500);
        assertThat(healthy.statusCode()).isEqualTo(200);
    }

    private void subscribe(String endpoint, String payload) throws Exception {
        Subscription subscription = new Subscription().setStatus(Subscription.SubscriptionStatus.REQUESTED)
                .setCriteria("Patient?").setReason("test");
        subscription.getChannel().setType(Subscription.SubscriptionChannelType.RESTHOOK).setEndpoint(endpoint)
                .setPayload(payload).addHeader("X-Hub-Token: secret");
        HttpResponse<String> response = send(request("/Subscription").header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(FhirR4.encode(subscription))));
        assertThat(response.statusCode()).isEqualTo(201);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path)).timeout(Duration.ofSeconds(10));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
