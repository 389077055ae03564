package org.citizenhub.connectors.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.citizenhub.connectors.vault.HealthEvidenceStore.EvidenceVersion;
import org.citizenhub.connectors.vault.HealthEvidenceStore.Kind;
import org.citizenhub.mappings.citizen.CitizenRecord;
import org.citizenhub.mappings.citizen.GoldenRecordBuilder;
import org.citizenhub.mappings.citizen.Mapped;
import org.citizenhub.mappings.citizen.PartialDate;
import org.citizenhub.mappings.citizen.PersonName;
import org.citizenhub.mappings.citizen.Provenance;
import org.citizenhub.mappings.citizen.Sex;
import org.citizenhub.mappings.citizen.SourceRef;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.citizen.SurvivorshipRules;
import org.citizenhub.mappings.health.DrivingFitness;
import org.citizenhub.mappings.health.HealthCheckCertificate;
import org.citizenhub.mappings.health.ImmunizationSummary;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Health evidence in the vault: idempotent per version, never overwritten by an older one, linked through the Patient. */
class HealthEvidenceStoreTest {

    private static final Instant T0 = Instant.parse("2025-10-01T02:00:00Z");
    private static final SourceRef PATIENT = new SourceRef(SourceSystem.HEALTH, "Patient/45");

    private VaultStore vault;
    private HealthEvidenceStore evidence;

    @BeforeEach
    void freshVault() {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:evidence" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(db).load().migrate();
        NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(db);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(db));
        vault = new VaultStore(jdbc, tx, new GoldenRecordBuilder(SurvivorshipRules.defaults()), Clock.fixed(T0, ZoneOffset.UTC),
                CitizenLinker.NONE);
        evidence = new HealthEvidenceStore(jdbc, tx);
    }

    @Test
    void findsTheCertificatesOfACitizenThroughTheLinkOfItsPatient() {
        String citizen = storePatient("Patient/45");
        String other = storePatient("Patient/46");

        evidence.store(List.of(certificate("DiagnosticReport/1", PATIENT, "1", T0, "B"),
                certificate("DiagnosticReport/2", new SourceRef(SourceSystem.HEALTH, "Patient/46"), "1", T0, "A1")));

        assertThat(evidence.certificatesOf(citizen)).extracting(HealthCheckCertificate::licenceClass).containsExactly("B");
        assertThat(evidence.certificatesOf(other)).extracting(HealthCheckCertificate::licenceClass).containsExactly("A1");
    }

    @Test
    void keepsEvidenceWhosePatientIsNotStoredYetAndShowsItOnceItIs() {
        evidence.store(List.of(certificate("DiagnosticReport/1", PATIENT, "1", T0, "B")));

        String citizen = storePatient("Patient/45");

        assertThat(evidence.certificatesOf(citizen)).hasSize(1);
    }

    @Test
    void storesAVersionOnceAndNeverGoesBackToAnOlderOne() {
        String citizen = storePatient("Patient/45");
        EvidenceVersion v1 = certificate("DiagnosticReport/1", PATIENT, "1", T0, "B");
        EvidenceVersion v2 = certificate("DiagnosticReport/1", PATIENT, "2", T0.plusSeconds(60), "C1");

        assertThat(evidence.store(List.of(v1))).isEqualTo(1);
        assertThat(evidence.store(List.of(v1))).as("the same version again").isZero();
        assertThat(evidence.store(List.of(v2))).isEqualTo(1);
        assertThat(evidence.store(List.of(v1))).as("an older version arriving late").isZero();

        assertThat(evidence.storedVersion("DiagnosticReport/1")).contains("2");
        assertThat(evidence.certificatesOf(citizen)).extracting(HealthCheckCertificate::licenceClass).containsExactly("C1");
    }

    @Test
    void withdrawsACertificateThatWasCancelled() {
        String citizen = storePatient("Patient/45");
        evidence.store(List.of(certificate("DiagnosticReport/1", PATIENT, "1", T0, "B")));

        evidence.store(List.of(EvidenceVersion.withdrawn("DiagnosticReport/1", Kind.DRIVER_HEALTH_CHECK, PATIENT, "2",
                T0.plusSeconds(60), T0)));

        assertThat(evidence.certificatesOf(citizen)).isEmpty();
        assertThat(evidence.count(Kind.DRIVER_HEALTH_CHECK)).isZero();
        assertThat(evidence.store(List.of(EvidenceVersion.withdrawn("DiagnosticReport/9", Kind.DRIVER_HEALTH_CHECK, PATIENT, "1",
                T0, T0)))).as("nothing to withdraw").isZero();
    }

    @Test
    void summarisesVaccinationsPerPatientOldestFirstWithARepeatedDoseOnce() {
        String citizen = storePatient("Patient/45");
        evidence.store(List.of(
                dose("Immunization/3", "208", "2021-10", 2),
                dose("Immunization/1", "208", "2021-07", 1),
                dose("Immunization/2", "208", "2021-07", 1)));

        List<ImmunizationSummary> summaries = evidence.immunizationsOf(citizen);

        assertThat(summaries).singleElement().satisfies(s -> {
            assertThat(s.patientReference()).isEqualTo("Patient/45");
            assertThat(s.doses()).extracting(ImmunizationSummary.Dose::doseNumber).containsExactly(1, 2);
        });
    }

    private String storePatient(String recordId) {
        CitizenRecord record = new CitizenRecord(new Provenance(SourceSystem.HEALTH, recordId, T0), null, null,
                new PersonName("Trần", "Thị", "Mai"), PartialDate.parse("1988-03-02"), Sex.FEMALE, null, null, null, null,
                null, null, null);
        return vault.upsert(List.of(new Mapped(record, List.of()))).get(0).golden().citizenId();
    }

    private static EvidenceVersion certificate(String id, SourceRef patient, String version, Instant updated, String licenceClass) {
        LocalDate issued = LocalDate.of(2025, 9, 1);
        return EvidenceVersion.certificate(id, patient, version, updated, T0, new HealthCheckCertificate(
                patient.recordId(), issued, issued, issued.plusYears(1).minusDays(1), DrivingFitness.FIT, licenceClass,
                "Đủ điều kiện sức khỏe lái xe hạng " + licenceClass, new Provenance(SourceSystem.HEALTH, id, T0)));
    }

    private static EvidenceVersion dose(String id, String cvx, String date, int number) {
        return EvidenceVersion.dose(id, PATIENT, "1", T0, T0, new ImmunizationSummary.Dose("http://hl7.org/fhir/sid/cvx", cvx,
                "COVID-19", PartialDate.parse(date), number, null, new Provenance(SourceSystem.HEALTH, id, T0)));
    }
}
