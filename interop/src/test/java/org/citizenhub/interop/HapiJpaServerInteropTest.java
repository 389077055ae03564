package org.citizenhub.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpServer;
import org.citizenhub.connectors.health.ConflictRetryingUpdater;
import org.citizenhub.connectors.health.CreateOutcome;
import org.citizenhub.connectors.health.FhirClientSettings;
import org.citizenhub.connectors.health.FhirRestClient;
import org.citizenhub.connectors.health.FhirServerException;
import org.citizenhub.connectors.health.InMemoryWatermarkStore;
import org.citizenhub.connectors.health.IncrementalSync;
import org.citizenhub.connectors.health.PatientDirectory;
import org.citizenhub.connectors.health.SubscriptionCallbackParser;
import org.citizenhub.connectors.health.SubscriptionNotification;
import org.citizenhub.connectors.health.SubscriptionRegistrar;
import org.citizenhub.connectors.health.SubscriptionRequest;
import org.citizenhub.connectors.health.TransactionBundleIngest;
import org.citizenhub.connectors.health.Versioned;
import org.citizenhub.mappings.citizen.Address;
import org.citizenhub.mappings.citizen.CitizenRecord;
import org.citizenhub.mappings.citizen.PartialDate;
import org.citizenhub.mappings.citizen.PersonName;
import org.citizenhub.mappings.citizen.Provenance;
import org.citizenhub.mappings.citizen.Sex;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.health.DrivingFitness;
import org.citizenhub.mappings.health.FhirR4;
import org.citizenhub.mappings.health.HealthCheckCertificate;
import org.citizenhub.mappings.health.HealthCheckCertificateMapper;
import org.citizenhub.mappings.health.IdentifierSystems;
import org.citizenhub.mappings.health.ImmunizationMapper;
import org.citizenhub.mappings.health.ImmunizationSummary;
import org.citizenhub.mappings.health.PatientMapper;
import org.citizenhub.mappings.health.ResolvedBundle;
import org.citizenhub.mappings.id.PersonalIdNumber;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The hub's FHIR connector against a real HAPI FHIR JPA server (issue 5: "pointing the hub at an
 * external FHIR server … a HAPI FHIR JPA server works the same way"). One server for the class (its
 * start-up is the expensive part); the sync test runs first because it counts every Patient.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HapiJpaServerInteropTest {

    /** Not the hub's default systems: the identifier system is configuration, and this server uses its own. */
    private static final IdentifierSystems HOSPITAL_SYSTEMS = new IdentifierSystems(
            "https://benhvien.danang.example/fhir/sid/cccd", "https://benhvien.danang.example/fhir/sid/cmnd");
    private static final Address NEW_HOME =
            new Address("9", "Bạch Đằng", "Phường Hải Châu", "20207", "", "Thành phố Đà Nẵng", null);
    private static final String[] FAMILIES = {"Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Phan", "Võ", "Đặng", "Bùi", "Đỗ"};

    private final PatientMapper mapper = new PatientMapper(HOSPITAL_SYSTEMS);
    private HapiJpaServer server;
    private FhirRestClient client;
    private PatientDirectory directory;
    private ExecutorService threads;
    private int serial = 5000;

    @BeforeAll
    void startServer() {
        server = HapiJpaServer.start();
        // pages of 50, so 250 Patients take several pages; 60 s per request for a busy 2-core machine
        client = new FhirRestClient(FhirClientSettings.defaults(URI.create(server.baseUrl()))
                .withPageSize(50).withRequestTimeout(Duration.ofSeconds(60)));
        directory = new PatientDirectory(client, mapper);
        threads = Executors.newFixedThreadPool(8);
    }

    @AfterAll
    void stopServer() throws InterruptedException {
        if (threads != null) {
            threads.shutdownNow();
            threads.awaitTermination(10, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.close();
        }
    }

    // ---- 1. incremental sync ------------------------------------------------------------------

    @Test
    @Order(1)
    void incrementalSyncFollowsTheJpaServersPagingLinksAndDeliversEverythingOnce() {
        Map<String, String> created = new HashMap<>(); // Patient id -> personal ID
        int reports = 0;
        int immunizations = 0;
        for (int batch = 0; batch < 5; batch++) {
            Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
            for (int i = 0; i < 50; i++) {
                int n = batch * 50 + i;
                CitizenRecord citizen = citizen(n);
                String patientUrn = "urn:uuid:" + UUID.randomUUID();
                transaction.addEntry().setFullUrl(patientUrn).setResource(mapper.toPatient(citizen))
                        .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
                if (n % 10 == 0) {
                    transaction.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID())
                            .setResource(certificate(patientUrn))
                            .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("DiagnosticReport");
                    reports++;
                }
                if (n % 5 == 0) {
                    transaction.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID())
                            .setResource(ImmunizationMapper.toFhir(patientUrn, dose()))
                            .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Immunization");
                    immunizations++;
                }
            }
            Bundle response = client.transaction(transaction);
            for (int e = 0; e < response.getEntry().size(); e++) {
                String location = response.getEntry().get(e).getResponse().getLocation();
                assertThat(response.getEntry().get(e).getResponse().getStatus()).startsWith("201");
                if (location.startsWith("Patient/")) {
                    Patient sent = (Patient) transaction.getEntry().get(e).getResource();
                    created.put(location.split("/")[1], mapper.personalIdOf(sent).orElseThrow());
                }
            }
        }
        assertThat(created).hasSize(250);

        InMemoryWatermarkStore watermarks = new InMemoryWatermarkStore();
        // no overlap, so "exactly once" can be counted; the hub's default overlap re-delivers the last
        // 2 s on purpose (its handler is idempotent per id and version)
        IncrementalSync sync = new IncrementalSync(
                new FhirRestClient(client.settings().withSyncOverlap(Duration.ZERO)), watermarks, "jpa");
        List<Patient> delivered = new ArrayList<>();
        IncrementalSync.Report first = sync.sync(Patient.class, delivered::add, rejected -> {
            throw new AssertionError("rejected " + rejected);
        });

        assertThat(first.pages()).as("250 Patients in pages of 50 through the server's next links").isGreaterThanOrEqualTo(5);
        assertThat(first.delivered()).isEqualTo(250);
        assertThat(delivered).extracting(p -> p.getIdElement().getIdPart()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(created.keySet());
        for (Patient patient : delivered) {
            // mapped like a synced Patient: the personal ID is found under the configured system
            assertThat(mapper.personalIdOf(patient)).contains(created.get(patient.getIdElement().getIdPart()));
            assertThat(mapper.toCitizenRecord(patient, Instant.now()).record().name().family()).isNotBlank();
        }
        Instant watermark = watermarks.load(sync.streamOf(Patient.class)).orElseThrow();
        assertThat(first.watermark()).contains(watermark);
        assertThat(watermark).isEqualTo(delivered.stream().map(p -> p.getMeta().getLastUpdated().toInstant())
                .max(Instant::compareTo).orElseThrow());

        List<DiagnosticReport> certificates = new ArrayList<>();
        sync.sync(DiagnosticReport.class, certificates::add, r -> { });
        List<Immunization> doses = new ArrayList<>();
        sync.sync(Immunization.class, doses::add, r -> { });
        assertThat(certificates).hasSize(reports);
        assertThat(doses).hasSize(immunizations);
        for (DiagnosticReport report : certificates) {
            HealthCheckCertificate certificate = HealthCheckCertificateMapper.fromFhir(report, Instant.now()).orElseThrow();
            assertThat(certificate.patientReference()).startsWith("Patient/");
            assertThat(created).containsKey(certificate.patientReference().substring("Patient/".length()));
            assertThat(certificate.conclusion()).isEqualTo(DrivingFitness.FIT);
        }
        Map<String, ImmunizationSummary> summaries = ImmunizationMapper.summarize(doses, Instant.now());
        assertThat(summaries).hasSize(immunizations);
        assertThat(summaries.keySet()).allSatisfy(ref -> assertThat(created).containsKey(ref.substring("Patient/".length())));

        // changes after the watermark: 3 updated, 4 new; the next run gets exactly those, once
        List<String> updatedIds = delivered.subList(0, 3).stream().map(p -> p.getIdElement().getIdPart()).toList();
        for (String id : updatedIds) {
            new ConflictRetryingUpdater(client).update(Patient.class, id, p -> PatientMapper.applyPhone(p, "0935" + id.hashCode() % 1000000));
        }
        Set<String> newIds = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            newIds.add(directory.createIfAbsent(citizen(300 + i)).id());
        }
        List<Patient> changes = new ArrayList<>();
        IncrementalSync.Report second = sync.sync(Patient.class, changes::add, r -> { });

        assertThat(second.startedFrom()).contains(watermark);
        assertThat(changes).extracting(p -> p.getIdElement().getIdPart()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(concat(updatedIds, newIds));
        assertThat(changes).filteredOn(p -> updatedIds.contains(p.getIdElement().getIdPart()))
                .allSatisfy(p -> assertThat(p.getMeta().getVersionId()).isEqualTo("2"));
        assertThat(watermarks.load(sync.streamOf(Patient.class)).orElseThrow()).isAfter(watermark);

        IncrementalSync.Report idle = sync.sync(Patient.class, p -> {
            throw new AssertionError("nothing changed, yet " + p.getIdElement().getIdPart() + " came again");
        }, r -> { });
        assertThat(idle.delivered()).isZero();
    }

    /**
     * The JPA server answers an identical search from its cache for 60 s by default: a client without
     * {@code Cache-Control: no-cache} does not see a Patient created meanwhile; the connector does.
     */
    @Test
    @Order(2)
    void searchesDefeatTheJpaServersSearchCache() throws Exception {
        String family = "Kiểm-Tra-Bộ-Đệm";
        String query = "Patient?family=" + java.net.URLEncoder.encode(family, StandardCharsets.UTF_8) + "&_count=50";
        assertThat(total(rawGet(query))).isZero();

        Patient patient = mapper.toPatient(citizen(400));
        patient.getNameFirstRep().setFamily(family);
        directory.createIfAbsent(patient);

        assertThat(total(rawGet(query))).as("a plain repeated search is answered from the server's cache").isZero();
        assertThat(client.searchAll(Patient.class, List.of(Map.entry("family", family)))).hasSize(1);
    }

    // ---- 2. search by identifier --------------------------------------------------------------

    @Test
    @Order(3)
    void findsPatientsByPersonalIdUnderTheConfiguredSystem() {
        CitizenRecord citizen = citizen(500);
        String id = directory.createIfAbsent(citizen).id();

        assertThat(directory.findByPersonalId(citizen.personalId())).singleElement()
                .satisfies(p -> assertThat(p.getIdElement().getIdPart()).isEqualTo(id));
        // the same number under the hub's default system is another identifier to this server
        assertThat(new PatientDirectory(client, new PatientMapper(IdentifierSystems.DEFAULT))
                .findByPersonalId(citizen.personalId())).isEmpty();
        assertThat(directory.findByPersonalId(personalId(501))).isEmpty();
    }

    // ---- 3. conditional create -----------------------------------------------------------------

    @Test
    @Order(4)
    void racingConditionalCreatesMakeOnePatient() throws Exception {
        for (int round = 0; round < 3; round++) {
            CitizenRecord citizen = citizen(600 + round);
            int writers = 4;
            CyclicBarrier start = new CyclicBarrier(writers);
            List<Future<CreateOutcome>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                results.add(threads.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return directory.createIfAbsent(citizen);
                }));
            }
            List<CreateOutcome> outcomes = new ArrayList<>();
            for (Future<CreateOutcome> result : results) {
                outcomes.add(result.get(120, TimeUnit.SECONDS));
            }

            assertThat(outcomes).filteredOn(CreateOutcome::created).hasSize(1);
            assertThat(outcomes).extracting(CreateOutcome::id).containsOnly(outcomes.get(0).id());
            assertThat(directory.findByPersonalId(citizen.personalId())).singleElement()
                    .satisfies(p -> assertThat(p.getIdElement().getIdPart()).isEqualTo(outcomes.get(0).id()));
        }
        // and once more, later: the existing one is answered (200, not created)
        CreateOutcome again = directory.createIfAbsent(citizen(600));
        assertThat(again.created()).isFalse();
    }

    // ---- 4. If-Match ---------------------------------------------------------------------------

    @Test
    @Order(5)
    void aStaleIfMatchIsRefusedAndTheReadMergeRetryLands() throws Exception {
        String id = directory.createIfAbsent(citizen(700)).id();
        Versioned<Patient> v1 = client.read(Patient.class, id).orElseThrow();
        assertThat(v1.versionId()).isEqualTo("1");
        PatientMapper.applyPhone(v1.resource(), "0935111222");
        assertThat(client.update(v1.resource(), Optional.of("1")).versionId()).isEqualTo("2");

        Patient stale = client.read(Patient.class, id).orElseThrow().resource();
        PatientMapper.applyPhone(stale, "0935333444");
        stale.getMeta().setVersionId("1");
        assertThatThrownBy(() -> client.update(stale, Optional.of("1")))
                .isInstanceOfSatisfying(FhirServerException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FhirServerException.Kind.CONFLICT);
                    assertThat(e.status()).isIn(409, 412);
                });

        // two writers read version 2 before either writes: one gets the conflict, re-reads, merges, retries
        ConflictRetryingUpdater updater = new ConflictRetryingUpdater(client);
        CyclicBarrier bothHaveRead = new CyclicBarrier(2);
        Future<ConflictRetryingUpdater.Outcome> address = threads.submit(() -> updater.update(Patient.class, id,
                onceAfterBarrier(bothHaveRead, p -> PatientMapper.applyPermanentAddress(p, NEW_HOME))));
        Future<ConflictRetryingUpdater.Outcome> phone = threads.submit(() -> updater.update(Patient.class, id,
                onceAfterBarrier(bothHaveRead, p -> PatientMapper.applyPhone(p, "0935777888"))));
        ConflictRetryingUpdater.Outcome a = address.get(120, TimeUnit.SECONDS);
        ConflictRetryingUpdater.Outcome b = phone.get(120, TimeUnit.SECONDS);

        assertThat(a.changed()).isTrue();
        assertThat(b.changed()).isTrue();
        assertThat(a.attempts() + b.attempts()).as("exactly one writer retried").isEqualTo(3);
        Versioned<Patient> stored = client.read(Patient.class, id).orElseThrow();
        assertThat(stored.versionId()).isEqualTo("4");
        CitizenRecord merged = mapper.toCitizenRecord(stored.resource(), Instant.now()).record();
        assertThat(merged.permanentAddress()).isEqualTo(NEW_HOME);
        assertThat(merged.phone()).isEqualTo("0935777888");
    }

    // ---- 5. transaction bundles with urn:uuid --------------------------------------------------

    @Test
    @Order(6)
    void aTransactionBundleWithUrnUuidReferencesIsResolvedByTheServer() {
        CitizenRecord citizen = citizen(800);
        String patientUrn = "urn:uuid:" + UUID.randomUUID();
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        bundle.addEntry().setFullUrl(patientUrn).setResource(mapper.toPatient(citizen)).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl("Patient")
                .setIfNoneExist("identifier=" + HOSPITAL_SYSTEMS.personalIdToken(citizen.personalId()));
        bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(certificate(patientUrn))
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("DiagnosticReport");
        bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(ImmunizationMapper.toFhir(patientUrn, dose()))
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Immunization");

        Bundle response = client.transaction(bundle);

        String patientRef = response.getEntry().get(0).getResponse().getLocation().replaceAll("/_history/.*", "");
        assertThat(patientRef).startsWith("Patient/");
        String reportRef = response.getEntry().get(1).getResponse().getLocation().replaceAll("/_history/.*", "");
        DiagnosticReport report = client.read(DiagnosticReport.class, reportRef.split("/")[1]).orElseThrow().resource();
        assertThat(report.getSubject().getReference()).isEqualTo(patientRef);

        // the same bundle again: the conditional create finds the Patient, the new entries point at it
        Bundle again = client.transaction(bundle);
        assertThat(again.getEntry().get(0).getResponse().getStatus()).startsWith("200");
        assertThat(again.getEntry().get(0).getResponse().getLocation()).startsWith(patientRef + "/");
    }

    @Test
    @Order(7)
    void theInboxResolvesConditionalReferencesAgainstTheJpaServer() {
        CitizenRecord known = citizen(810);
        String knownId = directory.createIfAbsent(known).id();
        String immunizationUrn = "urn:uuid:" + UUID.randomUUID();
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        // an export that refers to a Patient already on the server by identifier, and among its own
        // entries by urn:uuid
        bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID())
                .setResource(certificate("Patient?identifier=" + HOSPITAL_SYSTEMS.personalIdToken(known.personalId())))
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("DiagnosticReport");
        String newPatientUrn = "urn:uuid:" + UUID.randomUUID();
        bundle.addEntry().setFullUrl(newPatientUrn).setResource(mapper.toPatient(citizen(811)))
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        bundle.addEntry().setFullUrl(immunizationUrn).setResource(ImmunizationMapper.toFhir(newPatientUrn, dose()))
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Immunization");
        byte[] file = FhirR4.encode(bundle).getBytes(StandardCharsets.UTF_8);

        ResolvedBundle resolved = new TransactionBundleIngest(1_000_000, 100)
                .read(new ByteArrayInputStream(file), TransactionBundleIngest.onServer(client));

        assertThat(resolved.unresolvedConditionalReferences()).isEmpty();
        assertThat(resolved.resourcesOf(DiagnosticReport.class)).singleElement()
                .satisfies(r -> assertThat(r.getSubject().getReference()).isEqualTo("Patient/" + knownId));
        Patient newPatient = resolved.resourcesOf(Patient.class).get(0);
        assertThat(resolved.resourcesOf(Immunization.class)).singleElement()
                .satisfies(i -> assertThat(i.getPatient().getReference()).isEqualTo("Patient/" + newPatient.getIdElement().getIdPart()));
    }

    // ---- 6. rest-hook subscriptions ------------------------------------------------------------

    @Test
    @Order(8)
    void restHookSubscriptionsAreActivatedAndNotificationsReachTheCallback() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer callback = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        callback.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), exchange.getRequestHeaders().getFirst("X-Hub-Token"), body));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        callback.start();
        try {
            String base = "http://127.0.0.1:" + callback.getAddress().getPort() + "/api/health/fhir-callback";
            SubscriptionRegistrar registrar = new SubscriptionRegistrar(client);
            SubscriptionRequest empty = new SubscriptionRequest("Patient?", URI.create(base + "/patient-changed"),
                    SubscriptionRequest.Payload.EMPTY, List.of("X-Hub-Token: s3cret"), null);
            SubscriptionRequest full = new SubscriptionRequest("DiagnosticReport?", URI.create(base + "/resources"),
                    SubscriptionRequest.Payload.FULL_RESOURCE, List.of("X-Hub-Token: s3cret"), null);
            String emptyId = registrar.register(empty);
            String fullId = registrar.register(full);

            for (String id : List.of(emptyId, fullId)) {
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                        assertThat(client.read(Subscription.class, id).orElseThrow().resource().getStatus())
                                .isEqualTo(Subscription.SubscriptionStatus.ACTIVE));
            }
            // registering again at the next start reuses them
            assertThat(registrar.register(empty)).isEqualTo(emptyId);
            assertThat(registrar.register(full)).isEqualTo(fullId);

            String patientId = directory.createIfAbsent(citizen(900)).id();
            String reportId = client.create(certificate("Patient/" + patientId), Optional.empty()).id();

            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(received).anyMatch(r -> r.path().endsWith("/patient-changed"));
                assertThat(received).anyMatch(r -> r.path().contains("/resources/DiagnosticReport/" + reportId));
            });
            Received ping = received.stream().filter(r -> r.path().endsWith("/patient-changed")).findFirst().orElseThrow();
            assertThat(ping.method()).isEqualTo("POST");
            assertThat(ping.token()).isEqualTo("s3cret");
            assertThat(SubscriptionCallbackParser.parse(ping.path(), ping.contentType(), ping.body()))
                    .isInstanceOf(SubscriptionNotification.ResyncRequested.class);

            Received push = received.stream().filter(r -> r.path().contains("/resources/DiagnosticReport/" + reportId)).findFirst().orElseThrow();
            assertThat(push.method()).isEqualTo("PUT");
            assertThat(push.token()).isEqualTo("s3cret");
            SubscriptionNotification notification = SubscriptionCallbackParser.parse(push.path(), push.contentType(), push.body());
            assertThat(notification).isInstanceOfSatisfying(SubscriptionNotification.ResourcesReceived.class, r ->
                    assertThat(r.resources()).singleElement().isInstanceOfSatisfying(DiagnosticReport.class, d ->
                            assertThat(HealthCheckCertificateMapper.fromFhir(d, Instant.now()).orElseThrow().patientReference())
                                    .isEqualTo("Patient/" + patientId)));
        } finally {
            callback.stop(0);
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private record Received(String method, String path, String contentType, String token, byte[] body) {
    }

    private CitizenRecord citizen(int n) {
        String personalId = personalId(n);
        return new CitizenRecord(new Provenance(SourceSystem.POPULATION, personalId, Instant.now()), personalId, null,
                new PersonName(FAMILIES[n % FAMILIES.length], "Thị", "Lan " + n),
                PartialDate.parse((1950 + n % 60) + "-0" + (1 + n % 9) + "-1" + n % 10), n % 2 == 0 ? Sex.MALE : Sex.FEMALE,
                null, new Address(String.valueOf(10 + n), "Lê Duẩn", "Phường Hải Châu", "20207", "", "Thành phố Đà Nẵng", null),
                null, null, "0905" + String.format("%06d", n), null, null);
    }

    private static String personalId(int n) {
        return PersonalIdNumber.build("048", n % 2 == 0 ? Sex.MALE : Sex.FEMALE, 1950 + n % 60, 1000 + n);
    }

    private static DiagnosticReport certificate(String patientReference) {
        LocalDate issued = LocalDate.now().minusMonths(2);
        return HealthCheckCertificateMapper.toFhir(new HealthCheckCertificate(patientReference, issued, issued,
                issued.plusMonths(12), DrivingFitness.FIT, "B", "Đủ điều kiện sức khỏe lái xe hạng B",
                new Provenance(SourceSystem.HEALTH, "test", Instant.now())));
    }

    private static ImmunizationSummary.Dose dose() {
        return new ImmunizationSummary.Dose("http://hl7.org/fhir/sid/cvx", "207", "COVID-19 mRNA", PartialDate.parse("2021-08-01"),
                1, "LOT-1", new Provenance(SourceSystem.HEALTH, "test", Instant.now()));
    }

    private String rawGet(String relative) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/" + relative)).header("Accept", "application/fhir+json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static int total(String searchBundle) {
        Bundle bundle = FhirR4.parse(searchBundle, Bundle.class);
        return (int) bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(Patient.class::isInstance).count();
    }

    private static List<String> concat(List<String> a, Set<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static Predicate<Patient> onceAfterBarrier(CyclicBarrier barrier, Predicate<Patient> change) {
        AtomicBoolean first = new AtomicBoolean(true);
        return patient -> {
            if (first.getAndSet(false)) {
                try {
                    barrier.await(60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("the other writer never read", e);
                }
            }
            return change.test(patient);
        };
    }
}
