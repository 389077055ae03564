package org.citizenhub.mappings.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.citizenhub.mappings.citizen.Sex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PersonalIdTest {

    @ParameterizedTest(name = "{0} → cccd {1}, cmnd {2}")
    @CsvSource({
            "048085001234, 048085001234, ''",
            "048 085 001 234, 048085001234, ''",
            "048.085.001.234, 048085001234, ''",
            "48085001234, 048085001234, ''",
            "201234567, '', 201234567",
            "20123456, '', 020123456",
            "'12ab', '', ''",
            "'', '', ''",
    })
    void sortsCccdFromLegacyCmnd(String raw, String cccd, String cmnd) {
        PersonalId id = PersonalId.parse(raw, 0, null);
        assertThat(id.cccd()).isEqualTo(cccd);
        assertThat(id.cmnd()).isEqualTo(cmnd);
    }

    @Test
    void cccdIsStrongEvidenceOnlyWhenConsistentWithBirthYearAndSex() {
        assertThat(PersonalId.parse("048085001234", 1985, Sex.MALE).consistent()).isTrue();
        assertThat(PersonalId.parse("048085001234", 1986, Sex.MALE).consistent()).isFalse();
        assertThat(PersonalId.parse("048085001234", 1985, Sex.FEMALE).consistent()).isFalse();
        assertThat(PersonalId.parse("999085001234", 1985, Sex.MALE).consistent()).isFalse();
    }

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource({
            "048085001234, 048085001235, true",
            "048085001234, 048085001243, true",
            "048085001234, 048085009934, false",
            "048085001234, 048085001234, false",
    })
    void oneDigitTypoIsANearMatch(String a, String b, boolean near) {
        assertThat(PersonalId.nearMatch(a, b)).isEqualTo(near);
    }
}
