package org.citizenhub.mappings.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneNumberTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "0905123456, 0905123456",
            "+84 905 123 456, 0905123456",
            "+84905123456, 0905123456",
            "84905123456, 0905123456",
            "0084 905 123 456, 0905123456",
            "0905.123.456, 0905123456",
            "(0905) 123-456, 0905123456",
            "905123456, 0905123456",
            "01689123456, 0389123456",
            "+84 168 912 3456, 0389123456",
            "01219123456, 0799123456",
            "01239123456, 0839123456",
            "02363123456, 02363123456",
            "'không có', ''",
            "123, ''",
            "'', ''",
    })
    void oneFormForEveryWayOfWritingANumber(String raw, String expected) {
        assertThat(PhoneNumber.normalize(raw)).isEqualTo(expected);
    }
}
