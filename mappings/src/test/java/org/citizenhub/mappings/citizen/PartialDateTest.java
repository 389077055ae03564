package org.citizenhub.mappings.citizen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PartialDateTest {

    @ParameterizedTest
    @ValueSource(strings = {"1948", "1948-03", "1948-03-07", "2024-02-29"})
    void roundTripsItsTextForm(String text) {
        assertThat(PartialDate.parse(text).toString()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-02-29", "1990-13", "1990-00-05", "12/05/1990", "abcd", "1700", "1990-05-12-01"})
    void rejectsImpossibleDates(String text) {
        assertThatThrownBy(() -> PartialDate.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyFullDatesBecomeLocalDates() {
        assertThat(PartialDate.parse("1948").toLocalDate()).isEmpty();
        assertThat(PartialDate.parse("1948-03-07").toLocalDate()).isPresent();
    }
}
