package org.citizenhub.connectors.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.citizenhub.mappings.health.FhirInputException;
import org.citizenhub.mappings.health.FhirR4;
import org.citizenhub.mappings.health.HealthCheckCertificateMapper;
import org.citizenhub.mappings.health.ResolvedBundle;
import org.citizenhub.mappings.health.TransactionBundleResolver;
import org.citizenhub.sandbox.health.FhirSimulator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionBundleIngestTest {

    private FhirSimulator simulator;
    private FhirRestClient client;

    @BeforeEach
    void start() {
        simulator = new FhirSimulator();
        simulator.start(0);
        client = new FhirRestClient(FhirClientSettings.defaults(URI.create(simulator.baseUrl())));
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void ingestsASyntheaStyleExportWithReferencesResolved(@TempDir Path inbox) throws IOException {
        Path file = inbox.resolve("export.json");
        Files.write(file, fixture());

        ResolvedBundle bundle = new TransactionBundleIngest(1_000_000, 100).read(file, TransactionBundleIngest.onServer(client));

        Patient patient = bundle.resourcesOf(Patient.class).get(0);
        DiagnosticReport certificate = bundle.resourcesOf(DiagnosticReport.class).get(0);
        assertThat(HealthCheckCertificateMapper.fromFhir(certificate, Instant.now()).orElseThrow().patientReference())
                .isEqualTo("Patient/" + patient.getIdElement().getIdPart());
        assertThat(bundle.unresolvedConditionalReferences()).as("the simulator serves no Organization")
                .singleElement().satisfies(ref -> assertThat(ref).startsWith("Organization?identifier="));
    }

    @Test
    void refusesAFileOverTheLimitBeforeParsingIt() {
        InputStream huge = new ByteArrayInputStream(fixture());

        assertThatThrownBy(() -> new TransactionBundleIngest(100, 100).read(huge, TransactionBundleResolver.ConditionalLookup.none()))
                .isInstanceOfSatisfying(FhirInputException.class, e -> assertThat(e.reason()).isEqualTo(FhirInputException.Reason.TOO_LARGE))
                .hasMessageContaining("more than 100 bytes");
    }

    @Test
    void sendsTheTransactionToTheServerTwiceWithoutDuplicatingThePatient() {
        Bundle bundle = FhirR4.parse(new String(fixture(), StandardCharsets.UTF_8), Bundle.class);
        Bundle encounterless = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        bundle.getEntry().stream().filter(e -> !(e.getResource() instanceof Encounter)).forEach(encounterless::addEntry);
        encounterless.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Immunization.class::isInstance).forEach(i -> ((Immunization) i).setEncounter(null));

        Bundle first = client.transaction(encounterless);
        Bundle second = client.transaction(FhirR4.parse(FhirR4.encode(encounterless), Bundle.class));

        assertThat(first.getEntry().get(0).getResponse().getStatus()).startsWith("201");
        assertThat(second.getEntry().get(0).getResponse().getStatus()).startsWith("200");
        assertThat(simulator.repository().count("Patient")).isEqualTo(1);
        assertThat(simulator.repository().count("DiagnosticReport")).isEqualTo(2);
        assertThat(simulator.repository().search("DiagnosticReport", r -> true))
                .allSatisfy(r -> assertThat(((DiagnosticReport) r).getSubject().getReference())
                        .isEqualTo(first.getEntry().get(0).getResponse().getLocation().replaceAll("/_history/.*", "")));
    }

    private static byte[] fixture() {
        try (InputStream in = TransactionBundleIngestTest.class.getResourceAsStream("/health/synthea-style-transaction.json")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
