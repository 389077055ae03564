package org.citizenhub.mappings.citizen;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PersonNameTest {

    @ParameterizedTest
    @CsvSource({
            "Nguyễn Văn Hùng,        Nguyễn, Văn,       Hùng",
            "Lê Hoàng Bảo Ngọc,      Lê,     Hoàng Bảo, Ngọc",
            "'  Trần   Thị  Mai  ',  Trần,   Thị,       Mai",
            "Hùng,                   '',     '',        Hùng",
            "Phan Tú,                Phan,   '',        Tú",
    })
    void splitsFamilyFirstNames(String full, String family, String middle, String given) {
        PersonName name = PersonName.parseFamilyFirst(full);
        assertThat(name).isEqualTo(new PersonName(family, middle, given));
        assertThat(name.full()).isEqualTo(full.strip().replaceAll("\\s+", " "));
    }
}
