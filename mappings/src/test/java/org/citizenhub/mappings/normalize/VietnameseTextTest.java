package org.citizenhub.mappings.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VietnameseTextTest {

    @ParameterizedTest(name = "fold({0}) = {1}")
    @CsvSource({
            "Đặng Thị Hoà, dang thi hoa",
            "ĐẶNG THỊ HÒA, dang thi hoa",
            "đường Điện Biên Phủ, duong dien bien phu",
            "Nguyễn   Văn  Hùng, nguyen van hung",
            "NGUYEN VAN HUNG, nguyen van hung",
            "Huỳnh Thị Thuỷ, huynh thi thuy",
            "K12/5 Nguyễn Văn Linh, k12/5 nguyen van linh",
            "'  ', ''",
    })
    void foldsToLowerCaseAsciiWithDStroke(String text, String expected) {
        assertThat(VietnameseText.fold(text)).isEqualTo(expected);
    }

    @Test
    void dStrokeIsFoldedExplicitlyBecauseDecompositionKeepsIt() {
        assertThat(Normalizer.normalize("Đ", Normalizer.Form.NFD)).isEqualTo("Đ");
        assertThat(VietnameseText.fold("Đ")).isEqualTo("d");
    }

    @ParameterizedTest(name = "toned({0}) = toned({1})")
    @CsvSource({
            "Hòa, Hoà",
            "Thủy, Thuỷ",
            "Khỏe, Khoẻ",
            "HÒA, hoà",
    })
    void bothToneMarkPlacementsGiveTheSameKey(String oldStyle, String newStyle) {
        assertThat(VietnameseText.toned(oldStyle)).isEqualTo(VietnameseText.toned(newStyle));
    }

    @Test
    void nfcAndNfdGiveTheSameKeys() {
        String nfc = Normalizer.normalize("Nguyễn Thị Ngọc Ánh", Normalizer.Form.NFC);
        String nfd = Normalizer.normalize("Nguyễn Thị Ngọc Ánh", Normalizer.Form.NFD);
        assertThat(nfd).isNotEqualTo(nfc);
        assertThat(VietnameseText.toned(nfd)).isEqualTo(VietnameseText.toned(nfc));
        assertThat(VietnameseText.fold(nfd)).isEqualTo(VietnameseText.fold(nfc)).isEqualTo("nguyen thi ngoc anh");
    }

    @Test
    void tonedKeyKeepsNamesThatDifferOnlyInMarksApart() {
        assertThat(VietnameseText.toned("Hùng")).isNotEqualTo(VietnameseText.toned("Hưng"));
        assertThat(VietnameseText.fold("Hùng")).isEqualTo(VietnameseText.fold("Hưng"));
    }

    @Test
    void nullAndGarbageFoldToEmpty() {
        assertThat(VietnameseText.fold(null)).isEmpty();
        assertThat(VietnameseText.fold("☺☺☺")).isEmpty();
        assertThat(VietnameseText.toned(null)).isEmpty();
    }
}
