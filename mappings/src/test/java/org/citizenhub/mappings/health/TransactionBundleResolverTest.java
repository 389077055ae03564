package org.citizenhub.mappings.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class TransactionBundleResolverTest {

    private static final String PATIENT_UUID = "5cbc121b-cd71-4428-b8b7-31e53eba8184";
    private static final String ORGANIZATION_REF =
            "Organization?identifier=https://github.com/synthetichealth/synthea|ef58ea08-d883-3957-8300-150554edc8fb";

    private final TransactionBundleResolver resolver = new TransactionBundleResolver(100);

    @Test
    void resolvesUrnUuidAndConditionalReferencesInsideTheBundle() {
        Bundle bundle = FhirR4.parse(Fixtures.text("synthea-style-transaction.json"), Bundle.class);

        ResolvedBundle resolved = resolver.resolve(bundle, TransactionBundleResolver.IdAssigner.fromBundle(),
                TransactionBundleResolver.ConditionalLookup.none());

        Patient patient = resolved.resourcesOf(Patient.class).get(0);
        assertThat(patient.getIdElement().getValue()).isEqualTo("Patient/" + PATIENT_UUID);
        Immunization flu = resolved.resourcesOf(Immunization.class).get(0);
        assertThat(flu.getPatient().getReference()).isEqualTo("Patient/" + PATIENT_UUID);
        assertThat(flu.getEncounter().getReference()).startsWith("Encounter/0b5b5a7e");
        DiagnosticReport certificate = resolved.resourcesOf(DiagnosticReport.class).get(0);
        assertThat(certificate.getSubject().getReference()).as("conditional reference resolved in the bundle")
                .isEqualTo("Patient/" + PATIENT_UUID);
        assertThat(resolved.unresolvedConditionalReferences()).containsExactly(ORGANIZATION_REF);
        assertThat(resolved.resourcesOf(Encounter.class).get(0).getServiceProvider().getReference()).isEqualTo(ORGANIZATION_REF);
        assertThat(HealthCheckCertificateMapper.fromFhir(certificate, Instant.EPOCH).orElseThrow().patientReference())
                .isEqualTo("Patient/" + PATIENT_UUID);
    }

    @Test
    void asksTheLookupForConditionalReferencesTheBundleCannotResolve() {
        Bundle bundle = FhirR4.parse(Fixtures.text("synthea-style-transaction.json"), Bundle.class);

        ResolvedBundle resolved = resolver.resolve(bundle, TransactionBundleResolver.IdAssigner.fromBundle(),
                ref -> ref.startsWith("Organization?") ? Optional.of("Organization/hospital-c") : Optional.empty());

        assertThat(resolved.unresolvedConditionalReferences()).isEmpty();
        assertThat(resolved.resourcesOf(Encounter.class).get(0).getServiceProvider().getReference())
                .isEqualTo("Organization/hospital-c");
    }

    @Test
    void usesTheIdsTheCallerAssigns() {
        Bundle bundle = FhirR4.parse(Fixtures.text("synthea-style-transaction.json"), Bundle.class);
        int[] next = {100};

        ResolvedBundle resolved = resolver.resolve(bundle, entry -> String.valueOf(next[0]++),
                TransactionBundleResolver.ConditionalLookup.none());

        assertThat(resolved.resourcesOf(Immunization.class).get(0).getPatient().getReference()).isEqualTo("Patient/100");
        assertThat(resolved.resourcesOf(Immunization.class).get(0).getIdElement().getValue()).isEqualTo("Immunization/102");
    }

    @Test
    void refusesAUrnThatIsNoEntryOfTheBundle() {
        Bundle bundle = FhirR4.parse(Fixtures.text("synthea-style-transaction.json"), Bundle.class);
        ((Immunization) bundle.getEntry().get(2).getResource()).setPatient(new Reference("urn:uuid:00000000-0000-0000-0000-000000000000"));

        assertThatThrownBy(() -> resolver.resolve(bundle, TransactionBundleResolver.IdAssigner.fromBundle(),
                TransactionBundleResolver.ConditionalLookup.none()))
                .isInstanceOfSatisfying(FhirInputException.class,
                        e -> assertThat(e.reason()).isEqualTo(FhirInputException.Reason.UNKNOWN_REFERENCE))
                .hasMessageContaining("bundle entry 2 (Immunization)");
    }

    @Test
    void refusesBundlesThatAreTooLargeOrOfTheWrongType() {
        Bundle bundle = FhirR4.parse(Fixtures.text("synthea-style-transaction.json"), Bundle.class);

        assertThatThrownBy(() -> new TransactionBundleResolver(3).resolve(bundle,
                TransactionBundleResolver.IdAssigner.fromBundle(), TransactionBundleResolver.ConditionalLookup.none()))
                .isInstanceOfSatisfying(FhirInputException.class,
                        e -> assertThat(e.reason()).isEqualTo(FhirInputException.Reason.TOO_LARGE))
                .hasMessageContaining("4 entries, at most 3");
        bundle.setType(Bundle.BundleType.SEARCHSET);
        assertThatThrownBy(() -> resolver.resolve(bundle,
                TransactionBundleResolver.IdAssigner.fromBundle(), TransactionBundleResolver.ConditionalLookup.none()))
                .isInstanceOfSatisfying(FhirInputException.class,
                        e -> assertThat(e.reason()).isEqualTo(FhirInputException.Reason.UNSUPPORTED));
    }
}
