package org.citizenhub.mappings.school;

import java.util.Optional;

/**
 * The conduct rating of a school year. Since the 2021 and 2022 circulars, secondary schools rate
 * Tốt / Khá / Đạt / Chưa đạt and primary schools Hoàn thành tốt / Hoàn thành / Chưa hoàn thành;
 * older files still carry Trung bình / Yếu.
 */
public enum Conduct {
    TOT("Tốt"),
    KHA("Khá"),
    DAT("Đạt"),
    CHUA_DAT("Chưa đạt"),
    TRUNG_BINH("Trung bình"),
    YEU("Yếu"),
    HOAN_THANH_TOT("Hoàn thành tốt"),
    HOAN_THANH("Hoàn thành"),
    CHUA_HOAN_THANH("Chưa hoàn thành");

    private final String label;
    private final String folded;

    Conduct(String label) {
        this.label = label;
        this.folded = WrittenText.fold(label);
    }

    public String label() {
        return label;
    }

    /** Reads a rating however it was typed: any case, decomposed, or without diacritics ("Hoan thanh tot"). */
    public static Optional<Conduct> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String wanted = WrittenText.fold(text);
        for (Conduct c : values()) {
            if (c.folded.equals(wanted)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
