package org.citizenhub.mappings.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VietnameseNameTest {

    @ParameterizedTest(name = "{0} → {1} | {2} | {3}")
    @CsvSource(delimiter = '|', value = {
            "Nguyễn Văn Hùng      | nguyen | van       | hung",
            "NGUYEN VAN HUNG      | nguyen | van       | hung",
            "HUNG NGUYEN VAN      | nguyen | van       | hung",
            "Hùng Nguyễn Văn      | nguyen | van       | hung",
            "Van Hung Nguyen      | nguyen | van       | hung",
            "Lê Hoàng Bảo Ngọc    | le     | hoang bao | ngoc",
            "Ngoc Le Hoang Bao    | le     | hoang bao | ngoc",
            "Huỳnh Thị Mai        | hoang  | thi       | mai",
            "Hoàng Thị Mai        | hoang  | thi       | mai",
            "Võ Văn Kiệt          | vu     | van       | kiet",
            "VU VAN KIET          | vu     | van       | kiet",
            "Lý Thị Mỹ            | li     | thi       | mi",
            "Lí Thị Mĩ            | li     | thi       | mi",
            "Trần Thị Thúy        | tran   | thi       | thuy",
            "Nguyễn V. Hùng       | nguyen | v         | hung",
            "Nguyễn Hùng          | nguyen | ''        | hung",
            "Mai Nguyen Thi       | nguyen | thi       | mai",
            "Đặng Thị Hoà         | dang   | thi       | hoa",
    })
    void findsFamilyMiddleAndGivenHoweverWritten(String full, String family, String middle, String given) {
        VietnameseName n = VietnameseName.parse(full);
        assertThat(n.family()).isEqualTo(family);
        assertThat(n.middle()).isEqualTo(middle);
        assertThat(n.given()).isEqualTo(given);
    }

    @ParameterizedTest(name = "{0} ~ {1}")
    @CsvSource({
            "Trần Thị Hòa, TRAN THI HOA",
            "Trần Thị Hòa, Trần Thị Hoà",
            "Huỳnh Văn Đức, Hoàng Văn Đức",
    })
    void variantsShareFoldedKeys(String a, String b) {
        VietnameseName x = VietnameseName.parse(a);
        VietnameseName y = VietnameseName.parse(b);
        assertThat(x.full()).isEqualTo(y.full());
    }

    @ParameterizedTest
    @CsvSource({"''", "'   '", "'123 456'", "'...'", "'Con bà Nguyễn Thị Lan'", "'CON BA NGUYEN THI LAN'", "'Con của Trần Văn Nam'"})
    void nameWithoutLettersOrOfSomebodyElseIsMissing(String text) {
        assertThat(VietnameseName.parse(text)).isNull();
    }
}
