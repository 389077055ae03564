package org.citizenhub.mappings.school;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.citizenhub.mappings.school.SchoolRows.lowerSecondary;
import static org.citizenhub.mappings.school.SchoolRows.record;
import static org.citizenhub.mappings.school.SchoolRows.with;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

import org.citizenhub.mappings.citizen.CitizenRecord;
import org.citizenhub.mappings.citizen.InvalidSourceRecordException;
import org.citizenhub.mappings.citizen.PartialDate;
import org.citizenhub.mappings.citizen.PersonName;
import org.citizenhub.mappings.citizen.Sex;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.id.DataQualityFinding;
import org.citizenhub.mappings.id.DataQualityFinding.Code;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SchoolMapperTest {

    private static final Instant READ_AT = Instant.parse("2025-10-01T08:00:00Z");
    private final SchoolMapper mapper = new SchoolMapper(SchoolDirectory.daNang());

    @Test
    void mapsADecomposedUpperCaseRowToStudentResultAndGuardian() {
        Map<String, String> row = with(with(with(lowerSecondary(),
                "fullName", Normalizer.normalize("NGUYỄN  VĂN HÙNG", Normalizer.Form.NFD)),
                "averageScore", "7,8"), "school", "  Trường THCS Nguyễn Du ");

        MappedStudent mapped = mapper.map(record(row), READ_AT);

        CitizenRecord student = mapped.student().record();
        assertThat(student.provenance().sourceSystem()).isEqualTo(SourceSystem.SCHOOL);
        assertThat(student.provenance().sourceRecordId()).isEqualTo("4800012345");
        assertThat(student.provenance().retrievedAt()).isEqualTo(READ_AT);
        assertThat(student.name()).isEqualTo(new PersonName("NGUYỄN", "VĂN", "HÙNG"));
        assertThat(Normalizer.isNormalized(student.name().full(), Normalizer.Form.NFC)).isTrue();
        assertThat(student.dateOfBirth()).isEqualTo(new PartialDate(2012, 3, 5));
        assertThat(student.sex()).isEqualTo(Sex.MALE);
        assertThat(student.personalId()).isNull();
        assertThat(student.phone()).as("the guardian's phone is not the student's").isNull();
        assertThat(mapped.student().findings()).isEmpty();

        SchoolResult result = mapped.result();
        assertThat(result.school()).isEqualTo("Trường THCS Nguyễn Du");
        assertThat(result.level()).isEqualTo(SchoolLevel.LOWER_SECONDARY);
        assertThat(result.className()).isEqualTo("8/2");
        assertThat(result.schoolYear()).isEqualTo(new SchoolYear(2025));
        assertThat(result.averageScore()).isEqualByComparingTo(new BigDecimal("7.8"));
        assertThat(result.conduct()).isEqualTo(Conduct.TOT);
        assertThat(result.rowKey()).isEqualTo("2025-2026/4800012345");

        GuardianContact guardian = mapped.guardian().orElseThrow();
        assertThat(guardian.provenance().sourceRecordId()).isEqualTo("4800012345/guardian");
        assertThat(guardian.name()).isEqualTo(new PersonName("Nguyễn", "Văn", "Hải"));
        assertThat(guardian.phone()).isEqualTo("0905 123 456");
        assertThat(guardian.toCitizenRecord().sourceRef().key()).isEqualTo("SCHOOL:4800012345/guardian");
        assertThat(guardian.toCitizenRecord().phone()).isEqualTo("0905 123 456");
    }

    @Test
    void primaryPupilsAreRatedWithoutAnAverage() {
        Map<String, String> row = lowerSecondary();
        row.put("school", "Truong Tieu hoc Kim Dong");
        row.put("className", "3/1");
        row.put("birthDate", "1/9/2017");
        row.put("averageScore", "");
        row.put("conduct", "HOAN THANH TOT");

        MappedStudent mapped = mapper.map(record(row), READ_AT);

        assertThat(mapped.result().school()).as("directory spelling").isEqualTo("Trường Tiểu học Kim Đồng");
        assertThat(mapped.result().level()).isEqualTo(SchoolLevel.PRIMARY);
        assertThat(mapped.result().average()).isEmpty();
        assertThat(mapped.result().conduct()).isEqualTo(Conduct.HOAN_THANH_TOT);
        assertThat(mapped.student().findings()).isEmpty();
    }

    @Test
    void aNineDigitIdIsTheLegacyCmndAndAValidCccdIsKept() {
        CitizenRecord withCmnd = mapper.map(record(with(lowerSecondary(), "personalId", "201 234 567")), READ_AT).student().record();
        assertThat(withCmnd.legacyId()).isEqualTo("201234567");
        assertThat(withCmnd.personalId()).isNull();

        var withCccd = mapper.map(record(with(lowerSecondary(), "personalId", "048212001234")), READ_AT).student();
        assertThat(withCccd.record().personalId()).isEqualTo("048212001234");
        assertThat(withCccd.findings()).isEmpty();
    }

    static Stream<Arguments> rejectedRows() {
        return Stream.of(
                Arguments.of("averageScore", "10.5", "averageScore must be a number from 0 to 10"),
                Arguments.of("averageScore", "-1", "averageScore must be a number from 0 to 10"),
                Arguments.of("averageScore", "tám", "averageScore must be a number from 0 to 10"),
                Arguments.of("averageScore", "75", "averageScore must be a number from 0 to 10"),
                Arguments.of("school", "Trường THCS Hogwarts", "school is not in the school directory"),
                Arguments.of("school", "", "school is missing"),
                Arguments.of("birthDate", "31/02/2012", "birthDate is not a calendar date"),
                Arguments.of("birthDate", "05/13/2012", "birthDate is not a calendar date"),
                Arguments.of("birthDate", "2012", "birthDate is not a date"),
                Arguments.of("birthDate", "", "birthDate is missing"),
                Arguments.of("schoolYear", "2025-2027", "schoolYear must be two consecutive years"),
                Arguments.of("schoolYear", "HK1", "schoolYear must be two consecutive years"),
                Arguments.of("studentCode", "", "studentCode is missing"),
                Arguments.of("studentCode", "48 000/1", "studentCode is missing or not a code"),
                Arguments.of("fullName", "   ", "fullName is missing"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("rejectedRows")
    void rejectsARowThatWouldBeWrongIfKeptWithAReasonWithoutTheValue(String column, String value, String reason) {
        SchoolRecord row = record(with(lowerSecondary(), column, value));

        assertThatThrownBy(() -> mapper.map(row, READ_AT))
                .isInstanceOf(InvalidSourceRecordException.class)
                .hasMessageContaining(reason)
                .satisfies(e -> {
                    if (!value.isBlank()) {
                        assertThat(e.getMessage()).doesNotContain(value.strip());
                    }
                });
    }

    static Stream<Arguments> keptWithFindings() {
        return Stream.of(
                // the leading zero lost in a spreadsheet
                Arguments.of("personalId", "48212001234", Code.ID_MALFORMED, "personalId"),
                // a CCCD of a girl on a boy's row
                Arguments.of("personalId", "048312001234", Code.ID_CENTURY_SEX_MISMATCH, "personalId"),
                Arguments.of("personalId", "048210001234", Code.ID_BIRTH_YEAR_MISMATCH, "personalId"),
                Arguments.of("conduct", "Xuất sắc", Code.VALUE_INVALID, "conduct"),
                Arguments.of("conduct", "", Code.VALUE_MISSING, "conduct"),
                Arguments.of("gender", "", Code.VALUE_MISSING, "gender"),
                Arguments.of("gender", "X", Code.VALUE_INVALID, "gender"),
                Arguments.of("className", "11A2", Code.VALUE_INVALID, "className"),
                Arguments.of("className", "Lớp chọn", Code.VALUE_INVALID, "className"),
                Arguments.of("averageScore", "", Code.VALUE_MISSING, "averageScore"),
                // dd/MM/yyyy with the year of a parent
                Arguments.of("birthDate", "05/03/1985", Code.VALUE_INVALID, "birthDate"),
                Arguments.of("guardianName", "", Code.VALUE_MISSING, "guardianName"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("keptWithFindings")
    void keepsADoubtfulRowWithAFindingThatNamesTheFieldNotTheValue(String column, String value, Code code, String field) {
        Map<String, String> row = with(lowerSecondary(), column, value);

        MappedStudent mapped = mapper.map(record(row), READ_AT);

        assertThat(mapped.student().findings()).extracting(DataQualityFinding::code, DataQualityFinding::field)
                .contains(org.assertj.core.groups.Tuple.tuple(code, field));
        for (DataQualityFinding f : mapped.student().findings()) {
            for (String personalValue : row.values()) {
                if (personalValue.length() > 3) {
                    assertThat(f.message()).doesNotContain(personalValue);
                }
            }
        }
    }

    @Test
    void aGirlsRowReadsNuInAnyWriting() {
        for (String written : new String[] {"Nữ", "NỮ", "nu", Normalizer.normalize("Nữ", Normalizer.Form.NFD)}) {
            assertThat(mapper.map(record(with(lowerSecondary(), "gender", written)), READ_AT).student().record().sex())
                    .as(written).isEqualTo(Sex.FEMALE);
        }
    }

    @Test
    void noGuardianWhenTheRowNamesNone() {
        Map<String, String> row = with(with(lowerSecondary(), "guardianName", ""), "guardianPhone", "");
        MappedStudent mapped = mapper.map(record(row), READ_AT);
        assertThat(mapped.guardian()).isEmpty();
        assertThat(mapped.student().findings()).isEmpty();
    }

    @Test
    void theConnectorsRowKeyAndTheResultsRowKeyAgree() {
        SchoolRecord row = record(with(lowerSecondary(), "schoolYear", " 2025 – 2026 "));
        assertThat(row.rowKey()).isEqualTo("2025-2026/4800012345");
        assertThat(mapper.map(row, READ_AT).result().rowKey()).isEqualTo(row.rowKey());
    }
}
