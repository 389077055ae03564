package org.citizenhub.mappings.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.citizenhub.mappings.citizen.PartialDate;
import org.citizenhub.mappings.citizen.Sex;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PersonalIdNumberTest {

    @ParameterizedTest(name = "{0} born {1} {2} -> {3}")
    @CsvSource({
            // id,            birth,      sex,    expected finding codes
            "048090001234,    1990-05-12, MALE,   ''",
            "048190001234,    1990-05-12, FEMALE, ''",
            "049203001234,    2003,       MALE,   ''",
            "001305000001,    2005-01-01, FEMALE, ''",
            "048090001234,    1990-05-12, FEMALE, ID_CENTURY_SEX_MISMATCH",
            "048290001234,    1990-05-12, MALE,   ID_BIRTH_YEAR_MISMATCH",
            "048091001234,    1990-05-12, MALE,   ID_BIRTH_YEAR_MISMATCH",
            "999090001234,    1990-05-12, MALE,   ID_UNKNOWN_PROVINCE",
            "48090001234,     1990-05-12, MALE,   ID_MALFORMED",
            "04809000123A,    1990-05-12, MALE,   ID_MALFORMED",
            "048690001234,    1990-05-12, MALE,   ID_MALFORMED",
            "'048 090 001 234', 1990-05-12, MALE, ''",
    })
    void validatesAgainstBirthYearAndSex(String id, String birth, Sex sex, String expected) {
        var codes = PersonalIdNumber.validate(id, PartialDate.parse(birth), sex).stream()
                .map(f -> f.code().name()).toList();
        if (expected.isEmpty()) {
            assertThat(codes).isEmpty();
        } else {
            assertThat(codes).containsExactly(expected);
        }
    }

    @Test
    void buildsByTheRuleAndReadsBack() {
        String id = PersonalIdNumber.build("048", Sex.FEMALE, 2007, 42);
        assertThat(id).isEqualTo("048307000042");
        assertThat(PersonalIdNumber.sexOf(id)).contains(Sex.FEMALE);
        assertThat(PersonalIdNumber.birthYearOf(id)).contains(2007);
        assertThat(PersonalIdNumber.validate(id, PartialDate.yearOnly(2007), Sex.FEMALE)).isEmpty();
    }

    @Test
    void refusesToBuildForUnknownProvince() {
        assertThatThrownBy(() -> PersonalIdNumber.build("003", Sex.MALE, 1990, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void findingsNeverQuoteTheNumber() {
        var findings = PersonalIdNumber.validate("999090001234", PartialDate.yearOnly(1991), Sex.FEMALE);
        assertThat(findings).hasSize(3).allSatisfy(f -> assertThat(f.message()).doesNotContain("999090001234", "001234"));
    }

    @Test
    void masksAllButTheLastThreeDigits() {
        assertThat(PersonalIdNumber.mask("048090001234")).isEqualTo("*********234");
        assertThat(PersonalIdNumber.mask("12")).isEqualTo("***");
    }

    @Test
    void recognisesLegacyCmnd() {
        assertThat(PersonalIdNumber.isCmndShape(PersonalIdNumber.clean("201 234 567"))).isTrue();
        assertThat(PersonalIdNumber.isCccdShape("201234567")).isFalse();
    }
}
