package org.citizenhub.connectors.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.citizenhub.mappings.health.IdentifierSystems;
import org.citizenhub.mappings.health.PatientMapper;
import org.citizenhub.sandbox.health.FhirSimulator;
import org.citizenhub.sandbox.health.SimulatorFaults;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A misbehaving server gives clear, retry-aware errors that never quote personal data. */
class FhirRestClientErrorsTest {

    private static final String PERSONAL_ID = TestSeeds.personalId(0);

    private FhirSimulator simulator;
    private PatientDirectory directory;
    private FhirRestClient client;

    @BeforeEach
    void start() {
        simulator = new FhirSimulator().load(TestSeeds.patients(3));
        simulator.start(0);
        client = new FhirRestClient(FhirClientSettings.defaults(URI.create(simulator.baseUrl()))
                .withRequestTimeout(Duration.ofMillis(500)));
        directory = new PatientDirectory(client, new PatientMapper(IdentifierSystems.DEFAULT));
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void findsAPatientByPersonalIdWrittenWithSpaces() {
        assertThat(directory.findByPersonalId(PERSONAL_ID.substring(0, 6) + " " + PERSONAL_ID.substring(6)))
                .singleElement().satisfies(p -> assertThat(p.getIdElement().getIdPart()).isEqualTo("hs-00000"));
        assertThat(directory.findByPersonalId("048099999999")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "SERVER_ERROR, SERVER_ERROR, true, 'server answered 500 (fatal/exception)'",
            "UNAVAILABLE, SERVER_ERROR, true, 'server answered 503 with text/plain'",
            "HTML_PAGE, NOT_FHIR, false, 'answer is text/html, not FHIR JSON'",
            "INVALID_JSON, INVALID_RESPONSE, false, 'INVALID_JSON: body is not valid JSON'",
    })
    void reportsAMisbehavingServerClearly(SimulatorFaults.Fault fault, FhirServerException.Kind kind, boolean retryable,
                                          String message) {
        simulator.faults().failNext(fault, 1);

        assertThatThrownBy(() -> directory.findByPersonalId(PERSONAL_ID))
                .isInstanceOfSatisfying(FhirServerException.class, e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    assertThat(e.retryable()).isEqualTo(retryable);
                    assertThat(e.getMessage()).startsWith("GET Patient search: ").contains(message)
                            .doesNotContain(PERSONAL_ID).doesNotContain(PERSONAL_ID.substring(3));
                });
        assertThat(directory.findByPersonalId(PERSONAL_ID)).as("healthy again").hasSize(1);
    }

    @Test
    void timesOutOnASlowServer() {
        simulator.faults().slow(Duration.ofSeconds(20));
        try {
            assertThatThrownBy(() -> client.read(Patient.class, "hs-00001"))
                    .isInstanceOfSatisfying(FhirServerException.class, e -> {
                        assertThat(e.kind()).isEqualTo(FhirServerException.Kind.TIMEOUT);
                        assertThat(e.retryable()).isTrue();
                    })
                    .hasMessage("GET Patient/hs-00001: no answer within 500 ms");
        } finally {
            simulator.faults().clear();
        }
    }

    @Test
    void saysSoWhenTheServerIsDown() {
        simulator.stop();

        assertThatThrownBy(() -> directory.findByPersonalId(PERSONAL_ID))
                .isInstanceOfSatisfying(FhirServerException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FhirServerException.Kind.UNREACHABLE);
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).doesNotContain(PERSONAL_ID);
                });
    }

    @Test
    void answersNothingForAMissingResourceAndRefusesAnUnknownSearch() {
        assertThat(client.read(Patient.class, "does-not-exist")).isEmpty();
        assertThatThrownBy(() -> client.search("Patient", List.of(Map.entry("favourite-colour", "blue"))))
                .isInstanceOfSatisfying(FhirServerException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FhirServerException.Kind.REJECTED);
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).doesNotContain("blue");
                });
    }

    @Test
    void readsAResourceWithItsVersion() {
        Versioned<Patient> patient = client.read(Patient.class, "hs-00001").orElseThrow();

        assertThat(patient.versionId()).isEqualTo("1");
        assertThat(patient.id()).isEqualTo("hs-00001");
    }
}
