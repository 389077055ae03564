package org.citizenhub.sandbox.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.health.HealthCheckCertificate;
import org.citizenhub.mappings.health.HealthCheckCertificateMapper;
import org.citizenhub.mappings.health.IdentifierSystems;
import org.citizenhub.mappings.health.MappedPatient;
import org.citizenhub.mappings.health.PatientMapper;
import org.citizenhub.mappings.id.DataQualityFinding;
import org.citizenhub.sandbox.synthetic.PopulationGenerator;
import org.citizenhub.sandbox.synthetic.SyntheticDataset;
import org.citizenhub.sandbox.synthetic.SyntheticViews;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulator loaded with the synthetic population's HEALTH view, read back through the hub's mappers. */
class SyntheticHealthViewTest {

    private static SyntheticDataset dataset;
    private static FhirSimulator simulator;

    @BeforeAll
    static void load() {
        dataset = SyntheticViews.generate(PopulationGenerator.generate(11, 600), 11);
        simulator = new FhirSimulator().load(HealthViewSeeds.fromDataset(dataset, 11));
    }

    @Test
    void servesEveryHealthViewRecordAsAPatientWithItsGroundTruthKeptAside() {
        assertThat(simulator.repository().count("Patient")).isEqualTo(dataset.view(SourceSystem.HEALTH).size());
        dataset.view(SourceSystem.HEALTH).forEach(r ->
                assertThat(simulator.personKeyOf(SeedResources.logicalId(r.recordId()))).contains(r.personKey()));
    }

    @Test
    void everySyntheticPatientMapsAndTheMessIsFlaggedNotHidden() {
        PatientMapper mapper = new PatientMapper(IdentifierSystems.DEFAULT);
        List<MappedPatient> mapped = new ArrayList<>();
        for (Resource r : simulator.repository().search("Patient", p -> true)) {
            mapped.add(mapper.toCitizenRecord((Patient) r, Instant.now()));
        }

        assertThat(mapped).hasSize(dataset.view(SourceSystem.HEALTH).size());
        assertThat(mapped).as("some IDs are missing, wrong or legacy")
                .anyMatch(m -> !m.hasTrustworthyPersonalId())
                .anyMatch(MappedPatient::hasTrustworthyPersonalId);
        assertThat(mapped).as("unnamed newborns are recorded as the mother's child")
                .anyMatch(m -> m.findings().stream().anyMatch(f -> f.field().equals("name")
                        && f.code() == DataQualityFinding.Code.VALUE_INVALID));
    }

    @Test
    void someAdultsHaveAHealthCheckCertificateThatReadsBack() {
        List<HealthCheckCertificate> certificates = new ArrayList<>();
        for (Resource r : simulator.repository().search("DiagnosticReport", x -> true)) {
            HealthCheckCertificateMapper.fromFhir((DiagnosticReport) r, Instant.now()).ifPresent(certificates::add);
        }

        assertThat(certificates).hasSizeGreaterThan(20);
        assertThat(certificates).allSatisfy(c -> assertThat(simulator.repository()
                .read("Patient", c.patientReference().substring("Patient/".length()))).isPresent());
        assertThat(simulator.repository().count("Immunization")).isPositive();
    }
}
