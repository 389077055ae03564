package org.citizenhub.mappings.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DateOfBirthTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "15/03/1985, 19850315",
            "5/3/1985, 19850305",
            "15-03-1985, 19850315",
            "15.03.1985, 19850315",
            "1985-03-15, 19850315",
            "19850315, 19850315",
            "03/1985, 19850300",
            "1985-03, 19850300",
            "1985, 19850000",
            "00/00/1985, 19850000",
            "01/01/1985, 19850101p",
            "03/15/1985, 19850315",
    })
    void readsEveryCommonForm(String text, String key) {
        assertThat(DateOfBirth.parse(text).key()).isEqualTo(key);
    }

    @ParameterizedTest(name = "absurd: {0}")
    @CsvSource({"''", "'abc'", "'31/02/1985'", "'15/13/1985'", "'1700'", "'9999-99-99'", "'12/12/12345'", "'00/00/0000'"})
    void absurdDatesAreMissing(String text) {
        assertThat(DateOfBirth.parse(text)).isNull();
    }
}
