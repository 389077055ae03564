package org.citizenhub.mappings.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.citizenhub.mappings.citizen.PartialDate;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

class ImmunizationMapperTest {

    private static final Instant NOW = Instant.parse("2025-09-01T02:00:00Z");

    @Test
    void summarisesCompletedDosesPerPatientOldestFirstWithoutDuplicates() {
        List<Immunization> records = List.of(
                dose("i1", "Patient/a", "08", "Viêm gan B", "2020-03-02", 1, Immunization.ImmunizationStatus.COMPLETED),
                dose("i2", "Patient/a", "19", "BCG", "2020-03-01", 1, Immunization.ImmunizationStatus.COMPLETED),
                dose("i3", "Patient/a", "08", "Viêm gan B", "2020-03-02", 1, Immunization.ImmunizationStatus.COMPLETED),
                dose("i4", "Patient/a", "05", "Sởi", "2021-01", 0, Immunization.ImmunizationStatus.NOTDONE),
                dose("i5", "Patient/b", "208", "COVID-19 Pfizer", "2021-09-15T08:00:00+07:00", 2, Immunization.ImmunizationStatus.COMPLETED),
                dose("i6", "Patient/a", "08", "Viêm gan B", "2020-05", 2, Immunization.ImmunizationStatus.ENTEREDINERROR));

        Map<String, ImmunizationSummary> summaries = ImmunizationMapper.summarize(records, NOW);

        assertThat(summaries).containsOnlyKeys("Patient/a", "Patient/b");
        ImmunizationSummary a = summaries.get("Patient/a");
        assertThat(a.doses()).extracting(ImmunizationSummary.Dose::vaccineCode).containsExactly("19", "08");
        assertThat(a.byVaccine()).containsOnlyKeys("19", "08");
        ImmunizationSummary.Dose covid = summaries.get("Patient/b").doses().get(0);
        assertThat(covid.date()).isEqualTo(PartialDate.parse("2021-09-15"));
        assertThat(covid.doseNumber()).isEqualTo(2);
        assertThat(covid.source().sourceRecordId()).isEqualTo("Immunization/i5");
    }

    @Test
    void keepsAVaccineWrittenOnlyAsTextWithAVagueDate() {
        Immunization handwritten = new Immunization().setStatus(Immunization.ImmunizationStatus.COMPLETED)
                .setPatient(new Reference("Patient/c"))
                .setVaccineCode(new CodeableConcept().setText("Viêm não Nhật Bản mũi 3"))
                .setOccurrence(new StringType("khoảng năm 2012"));
        handwritten.setId("i9");

        ImmunizationSummary.Dose dose = ImmunizationMapper.toDose(handwritten, NOW).orElseThrow();

        assertThat(dose.vaccineKey()).isEqualTo("Viêm não Nhật Bản mũi 3");
        assertThat(dose.date()).isNull();
    }

    @Test
    void roundTripsADose() {
        Immunization written = ImmunizationMapper.toFhir("Patient/a", new ImmunizationSummary.Dose(HubFhirUris.CVX, "03",
                "MMR", PartialDate.parse("2019-10-01"), 1, "LOT-77", provenance("Immunization/x")));
        written.setId("x");

        ImmunizationSummary.Dose reread = ImmunizationMapper.toDose(FhirR4.parse(FhirR4.encode(written), Immunization.class), NOW)
                .orElseThrow();

        assertThat(reread).isEqualTo(new ImmunizationSummary.Dose(HubFhirUris.CVX, "03", "MMR",
                PartialDate.parse("2019-10-01"), 1, "LOT-77", provenance("Immunization/x")));
    }

    @Test
    void refusesAnImmunizationWithoutPatient() {
        Immunization orphan = dose("i7", null, "08", "Viêm gan B", "2020-01-01", 1, Immunization.ImmunizationStatus.COMPLETED);

        assertThatThrownBy(() -> ImmunizationMapper.summarize(List.of(orphan), NOW))
                .isInstanceOf(FhirInputException.class).hasMessageContaining("Immunization/i7 has no Patient");
    }

    private static org.citizenhub.mappings.citizen.Provenance provenance(String id) {
        return new org.citizenhub.mappings.citizen.Provenance(org.citizenhub.mappings.citizen.SourceSystem.HEALTH, id, NOW);
    }

    private static Immunization dose(String id, String patient, String cvx, String name, String date, int number,
                                     Immunization.ImmunizationStatus status) {
        Immunization immunization = new Immunization().setStatus(status)
                .setVaccineCode(new CodeableConcept().addCoding(new Coding(HubFhirUris.CVX, cvx, name)))
                .setOccurrence(new DateTimeType(date));
        if (patient != null) {
            immunization.setPatient(new Reference(patient));
        }
        if (number > 0) {
            immunization.addProtocolApplied().setDoseNumber(new PositiveIntType(number));
        }
        immunization.setId(id);
        return immunization;
    }
}
