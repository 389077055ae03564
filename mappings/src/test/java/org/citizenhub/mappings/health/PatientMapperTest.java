package org.citizenhub.mappings.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;

import org.citizenhub.mappings.citizen.Address;
import org.citizenhub.mappings.citizen.CitizenRecord;
import org.citizenhub.mappings.citizen.PartialDate;
import org.citizenhub.mappings.citizen.PersonName;
import org.citizenhub.mappings.citizen.Provenance;
import org.citizenhub.mappings.citizen.Sex;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.id.DataQualityFinding;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PatientMapperTest {

    private static final Instant NOW = Instant.parse("2025-09-01T02:00:00Z");
    private final PatientMapper mapper = new PatientMapper(IdentifierSystems.DEFAULT);

    @ParameterizedTest(name = "family={0} given={1} text={2} -> {3}/{4}/{5}")
    @CsvSource(delimiter = ';', nullValues = "-", value = {
            // family; given words (| between elements); text; expected family; middle; given
            "Nguyễn; Văn|Hùng; -; Nguyễn; Văn; Hùng",
            "Lê; Hoàng|Bảo|Ngọc; -; Lê; Hoàng Bảo; Ngọc",
            "NGUYEN; VAN HUNG; -; NGUYEN; VAN; HUNG",
            "Trần; Thị Thu Hà; -; Trần; Thị Thu; Hà",
            "Tôn Thất; Minh; -; Tôn Thất; ''; Minh",
            "-; -; Phạm Minh Chính; Phạm; Minh; Chính",
            "-; Phạm Thị Hoa; -; Phạm; Thị; Hoa",
            "-; -; Con bà Trần Thị Mai; Con; bà Trần Thị; Mai",
            "Hồ; -; Hồ Văn Tư; Hồ; Văn; Tư",
            "Nguyễn Văn An; -; -; Nguyễn; Văn; An",
            "-; Bình; -; ''; ''; Bình",
    })
    void readsVietnameseNamesHoweverTheClinicFilledTheParts(String family, String given, String text,
                                                              String expFamily, String expMiddle, String expGiven) {
        HumanName name = new HumanName().setFamily(family).setText(text);
        if (given != null) {
            Arrays.stream(given.split("\\|")).forEach(name::addGiven);
        }
        Patient patient = new Patient();
        patient.setId("p1");
        patient.addName(name);

        PersonName mapped = mapper.toCitizenRecord(patient, NOW).record().name();

        assertThat(mapped).isEqualTo(new PersonName(expFamily, expMiddle, expGiven));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "1985, 1985",
            "1948-05, 1948-05",
            "2025-06-11, 2025-06-11",
            "1799-01-01, ",
    })
    void keepsPartialBirthDates(String fhirDate, String expected) {
        Patient patient = new Patient().setBirthDateElement(new org.hl7.fhir.r4.model.DateType(fhirDate));
        patient.setId("p1");
        patient.addName().setFamily("Đỗ").addGiven("Lan");

        MappedPatient mapped = mapper.toCitizenRecord(patient, NOW);

        assertThat(mapped.record().dateOfBirth()).isEqualTo(expected == null ? null : PartialDate.parse(expected));
        assertThat(mapped.hasFinding(DataQualityFinding.Code.VALUE_INVALID)).isEqualTo(expected == null);
    }

    @Test
    void mapsAClinicRecordWrittenInUpperCaseWithAnAddressOnlyAsText() {
        Patient patient = FhirR4.parse(Fixtures.text("patient-clinic-uppercase-no-diacritics.json"), Patient.class);

        MappedPatient mapped = mapper.toCitizenRecord(patient, NOW);
        CitizenRecord r = mapped.record();

        assertThat(r.provenance()).isEqualTo(new Provenance(SourceSystem.HEALTH, "Patient/bv-c-10231", NOW));
        assertThat(r.name()).isEqualTo(new PersonName("NGUYEN", "VAN", "HUNG"));
        assertThat(r.personalId()).isEqualTo("048085001234");
        assertThat(r.dateOfBirth()).isEqualTo(PartialDate.yearOnly(1985));
        assertThat(r.sex()).isEqualTo(Sex.MALE);
        assertThat(r.phone()).as("mobile wins over home phone").isEqualTo("+84 905 123 456");
        assertThat(r.email()).as("old e-mail is history").isNull();
        assertThat(r.permanentAddress()).isEqualTo(
                new Address("K12/5", "Lê Duẩn", "P. Thạch Thang", "", "Q. Hải Châu", "TP Đà Nẵng", null));
        assertThat(r.permanentAddress().era()).isEqualTo(Address.AdminEra.BEFORE_2025);
        assertThat(mapped.findings()).isEmpty();
        assertThat(mapped.hasTrustworthyPersonalId()).isTrue();
    }

    @Test
    void flagsANewbornPlaceholderNameAndKeepsThePostReformAddress() {
        Patient patient = FhirR4.parse(Fixtures.text("patient-newborn-placeholder.json"), Patient.class);

        MappedPatient mapped = mapper.toCitizenRecord(patient, NOW);

        assertThat(mapped.findings()).extracting(DataQualityFinding::field).containsExactly("name");
        assertThat(mapped.record().personalId()).isNull();
        assertThat(mapped.hasTrustworthyPersonalId()).isFalse();
        assertThat(mapped.record().permanentAddress()).isEqualTo(
                new Address("45", "Nguyễn Văn Linh", "Phường Hải Châu", "", "", "Đà Nẵng", null));
        assertThat(mapped.record().permanentAddress().era()).isEqualTo(Address.AdminEra.FROM_2025);
    }

    @Test
    void doesNotTrustAnIdNumberThatDisagreesWithTheRecordedSex() {
        Patient patient = FhirR4.parse(Fixtures.text("patient-id-disagrees-with-sex.json"), Patient.class);

        MappedPatient mapped = mapper.toCitizenRecord(patient, NOW);

        assertThat(mapped.hasFinding(DataQualityFinding.Code.ID_CENTURY_SEX_MISMATCH)).isTrue();
        assertThat(mapped.hasTrustworthyPersonalId()).isFalse();
        assertThat(mapped.findings()).allSatisfy(f -> assertThat(f.message()).doesNotContain("048190004567"));
        assertThat(mapped.record().name()).isEqualTo(new PersonName("Lê", "Hoàng Bảo", "Ngọc"));
        assertThat(mapped.record().permanentAddress())
                .as("the ended 'old' address is skipped, state stands in for city")
                .isEqualTo(new Address("120", "Tôn Đức Thắng", "Phường Hòa Khánh Nam", "", "Quận Liên Chiểu", "Đà Nẵng", null));
        assertThat(mapped.record().currentAddress())
                .isEqualTo(new Address("Số 3", "Hùng Vương", "", "", "", "Tam Kỳ", null));
    }

    @Test
    void takesANineDigitNumberAsTheLegacyIdAndReadsTheDayOfDeathInVietnam() {
        Patient patient = FhirR4.parse(Fixtures.text("patient-legacy-cmnd-deceased.json"), Patient.class);

        CitizenRecord r = mapper.toCitizenRecord(patient, NOW).record();

        assertThat(r.personalId()).isNull();
        assertThat(r.legacyId()).isEqualTo("201234567");
        assertThat(r.sex()).as("gender unknown").isNull();
        assertThat(r.dateOfBirth()).isEqualTo(new PartialDate(1948, 5, 0));
        assertThat(r.name()).isEqualTo(new PersonName("Phạm", "Thị", "Hoa"));
        assertThat(r.dateOfDeath()).isEqualTo(LocalDate.of(2024, 11, 2));
    }

    @Test
    void refusesAPatientWithoutAUsableNameWithoutQuotingIt() {
        Patient patient = FhirR4.parse(Fixtures.text("patient-no-name.json"), Patient.class);

        assertThatThrownBy(() -> mapper.toCitizenRecord(patient, NOW))
                .isInstanceOf(FhirInputException.class)
                .hasMessageContaining("Patient/anon-1 has no usable name")
                .hasMessageNotContaining("048085001234");
    }

    @Test
    void writesAPatientThatReadsBackAsTheSameCitizen() {
        CitizenRecord citizen = new CitizenRecord(new Provenance(SourceSystem.POPULATION, "048085001234", NOW),
                "048085001234", "201234567", new PersonName("Nguyễn", "Văn", "Hùng"), PartialDate.parse("1985-03-07"),
                Sex.MALE, null,
                new Address("K12/5", "Lê Duẩn", "Phường Hải Châu", "20207", "", "Thành phố Đà Nẵng", null),
                new Address("45", "Nguyễn Văn Linh", "Phường Thạc Gián", "", "Quận Thanh Khê", "Thành phố Đà Nẵng", null),
                null, "0905123456", "hung@example.com", null);

        Patient written = mapper.toPatient(citizen);
        written.setId("Patient/roundtrip");
        Patient reread = FhirR4.parse(FhirR4.encode(written), Patient.class);
        CitizenRecord back = mapper.toCitizenRecord(reread, NOW).record();

        assertThat(written.getNameFirstRep().getText()).isEqualTo("Nguyễn Văn Hùng");
        assertThat(written.getAddressFirstRep().getLine()).extracting(Object::toString)
                .containsExactly("K12/5 Lê Duẩn", "Phường Hải Châu");
        assertThat(back).usingRecursiveComparison().ignoringFields("provenance").isEqualTo(citizen);
    }

    @Test
    void appliesAnAddressChangeOnlyOnceAndLeavesOtherElementsAlone() {
        Patient patient = FhirR4.parse(Fixtures.text("patient-id-disagrees-with-sex.json"), Patient.class);
        Address moved = new Address("9", "Bạch Đằng", "Phường Hải Châu", "20207", "", "Thành phố Đà Nẵng", null);

        boolean first = PatientMapper.applyPermanentAddress(patient, moved);
        boolean second = PatientMapper.applyPermanentAddress(patient, moved);

        assertThat(first).isTrue();
        assertThat(second).as("same address again is no change").isFalse();
        assertThat(patient.getAddress()).hasSize(3);
        assertThat(mapper.toCitizenRecord(patient, NOW).record().permanentAddress()).isEqualTo(moved);
        assertThat(mapper.toCitizenRecord(patient, NOW).record().currentAddress().city()).isEqualTo("Tam Kỳ");
    }

    @Test
    void appliesAPhoneChangeOnTheMobileNumber() {
        Patient patient = FhirR4.parse(Fixtures.text("patient-clinic-uppercase-no-diacritics.json"), Patient.class);

        assertThat(PatientMapper.applyPhone(patient, "0935000111")).isTrue();
        assertThat(PatientMapper.applyPhone(patient, "0935000111")).isFalse();

        assertThat(patient.getTelecom()).hasSize(3);
        assertThat(mapper.toCitizenRecord(patient, NOW).record().phone()).isEqualTo("0935000111");
    }

    @Test
    void readsTheIdentifierUnderTheConfiguredSystemOnly() {
        Patient patient = FhirR4.parse(Fixtures.text("patient-clinic-uppercase-no-diacritics.json"), Patient.class);
        PatientMapper otherServer = new PatientMapper(new IdentifierSystems("urn:oid:2.16.704.1.1", "urn:oid:2.16.704.1.2"));

        assertThat(otherServer.toCitizenRecord(patient, NOW).record().personalId()).isNull();
        assertThat(mapper.personalIdOf(patient)).contains("048 085 001234");
    }
}
