package org.citizenhub.connectors.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.sun.net.httpserver.HttpServer;
import org.citizenhub.mappings.citizen.Provenance;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.health.DrivingFitness;
import org.citizenhub.mappings.health.FhirInputException;
import org.citizenhub.mappings.health.HealthCheckCertificate;
import org.citizenhub.mappings.health.HealthCheckCertificateMapper;
import org.citizenhub.sandbox.health.FhirSimulator;
import org.citizenhub.sandbox.health.SimulatorFaults;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IncrementalSyncTest {

    private FhirSimulator simulator;
    private FhirRestClient client;
    private final InMemoryWatermarkStore watermarks = new InMemoryWatermarkStore();
    private IncrementalSync sync;

    @BeforeEach
    void start() {
        simulator = new FhirSimulator().load(TestSeeds.patients(60));
        simulator.start(0);
        client = new FhirRestClient(FhirClientSettings.defaults(URI.create(simulator.baseUrl()))
                .withPageSize(7).withSyncOverlap(Duration.ZERO));
        sync = new IncrementalSync(client, watermarks, "fhir");
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void fetchesEverythingPageByPageThenOnlyWhatChanged() {
        List<Patient> first = new ArrayList<>();
        IncrementalSync.Report full = sync.sync(Patient.class, first::add, rejected -> { });

        assertThat(first).hasSize(60);
        assertThat(full.pages()).isEqualTo(9);
        assertThat(watermarks.load("fhir:Patient")).isEqualTo(full.watermark());

        editPhone("hs-00005", "0935111222");
        editPhone("hs-00042", "0935333444");
        List<Patient> second = new ArrayList<>();
        sync.sync(Patient.class, second::add, rejected -> { });

        assertThat(second).extracting(p -> p.getIdElement().getIdPart()).containsExactly("hs-00005", "hs-00042");
        assertThat(second).allSatisfy(p -> assertThat(p.getMeta().getVersionId()).isEqualTo("2"));
    }

    @Test
    void seesChangesTheServerWouldOtherwiseAnswerFromItsSearchCache() {
        sync.sync(Patient.class, p -> { }, rejected -> { });
        List<Patient> nothingYet = new ArrayList<>();
        sync.sync(Patient.class, nothingYet::add, rejected -> { });

        editPhone("hs-00017", "0935999000");
        List<Patient> afterEdit = new ArrayList<>();
        sync.sync(Patient.class, afterEdit::add, rejected -> { });

        assertThat(nothingYet).isEmpty();
        assertThat(afterEdit).extracting(p -> p.getIdElement().getIdPart()).containsExactly("hs-00017");
    }

    @Test
    void resumesAfterAServerFailureWithoutLosingAnything() {
        Set<String> seen = new HashSet<>();
        boolean[] broken = {false};

        assertThatThrownBy(() -> sync.sync(Patient.class, p -> {
            seen.add(p.getIdElement().getIdPart());
            if (!broken[0]) {
                broken[0] = true;
                simulator.faults().failAll(SimulatorFaults.Fault.SERVER_ERROR);
            }
        }, rejected -> { }))
                .isInstanceOfSatisfying(FhirServerException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FhirServerException.Kind.SERVER_ERROR);
                    assertThat(e.retryable()).isTrue();
                });
        assertThat(seen).hasSize(7);

        simulator.faults().clear();
        List<Patient> rest = new ArrayList<>();
        sync.sync(Patient.class, p -> {
            rest.add(p);
            seen.add(p.getIdElement().getIdPart());
        }, rejected -> { });

        assertThat(rest).hasSize(53);
        assertThat(seen).hasSize(60);
    }

    @Test
    void handsOverABrokenResourceForParkingAndGoesOn() throws IOException {
        HttpServer stub = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        stub.createContext("/fhir/Patient", exchange -> {
            byte[] body;
            try (InputStream in = getClass().getResourceAsStream("/health/page-with-invalid-patient.json")) {
                body = in.readAllBytes();
            }
            exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        stub.start();
        try {
            FhirRestClient stubClient = new FhirRestClient(FhirClientSettings.defaults(
                    URI.create("http://localhost:" + stub.getAddress().getPort() + "/fhir")));
            List<Resource> good = new ArrayList<>();
            List<RejectedEntry> bad = new ArrayList<>();

            IncrementalSync.Report report = new IncrementalSync(stubClient, watermarks, "stub")
                    .sync(Patient.class, good::add, bad::add);

            assertThat(good).extracting(r -> r.getIdElement().getIdPart()).containsExactly("ok-1", "ok-2");
            assertThat(bad).singleElement().satisfies(r -> {
                assertThat(r.reference()).isEqualTo("Patient/broken-1");
                assertThat(r.reason().reason()).isEqualTo(FhirInputException.Reason.INVALID_RESOURCE);
                assertThat(r.reason().getMessage()).doesNotContain("1985-13-45");
            });
            assertThat(report.watermark()).hasValueSatisfying(w -> assertThat(w.toString()).isEqualTo("2025-03-04T01:20:00Z"));
        } finally {
            stub.stop(0);
        }
    }

    @Test
    void syncsHealthCheckCertificatesSeparatelyFromPatients() {
        sync.sync(Patient.class, p -> { }, r -> { });
        HealthCheckCertificate issued = new HealthCheckCertificate("Patient/hs-00007", LocalDate.of(2025, 8, 20),
                LocalDate.of(2025, 8, 21), LocalDate.of(2026, 8, 20), DrivingFitness.FIT, "B",
                "Đủ điều kiện sức khỏe lái xe hạng B", new Provenance(SourceSystem.HEALTH, "clinic", Instant.now()));
        simulator.store(HealthCheckCertificateMapper.toFhir(issued));

        List<HealthCheckCertificate> certificates = new ArrayList<>();
        IncrementalSync.Report report = sync.sync(DiagnosticReport.class,
                d -> HealthCheckCertificateMapper.fromFhir(d, Instant.now()).ifPresent(certificates::add), r -> { });
        List<Patient> patients = new ArrayList<>();
        sync.sync(Patient.class, patients::add, r -> { });

        assertThat(report.stream()).isEqualTo("fhir:DiagnosticReport");
        assertThat(certificates).singleElement().satisfies(c -> {
            assertThat(c.patientReference()).isEqualTo("Patient/hs-00007");
            assertThat(c.supports("B", LocalDate.of(2026, 1, 15))).isTrue();
        });
        assertThat(patients).as("the Patient watermark is its own").isEmpty();
    }

    private void editPhone(String id, String phone) {
        Patient patient = (Patient) simulator.repository().read("Patient", id).orElseThrow();
        patient.getTelecomFirstRep().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(phone);
        simulator.store(patient);
    }
}
