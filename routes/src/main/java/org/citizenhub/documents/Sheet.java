package org.citizenhub.documents;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import java.util.Objects;

/**
 * What one hub PDF says, before layout: a title, the issuer, and labelled rows, each with where its value
 * came from. Its {@link #canonicalText()} is what the QR token's digest of a data sheet is taken over.
 *
 * @param heading the issuer line at the top
 * @param title   e.g. "Phiếu thông tin công dân / Citizen data sheet"
 * @param rows    the content, in order
 */
public record Sheet(String heading, String title, List<Row> rows) {

    public Sheet {
        Objects.requireNonNull(heading, "heading");
        Objects.requireNonNull(title, "title");
        rows = List.copyOf(rows);
    }

    /**
     * @param label  what the value is ("Họ và tên / Full name")
     * @param value  the value as printed
     * @param source where and when it came from, or empty
     */
    public record Row(String label, String value, String source) {
        public Row {
            Objects.requireNonNull(label, "label");
            value = value == null ? "" : value;
            source = source == null ? "" : source;
        }
    }

    /** One line per row, tab-separated, as printed: a stable text to digest. */
    public byte[] canonicalText() {
        StringBuilder text = new StringBuilder(heading).append('\n').append(title).append('\n');
        for (Row row : rows) {
            text.append(row.label()).append('\t').append(row.value()).append('\t').append(row.source()).append('\n');
        }
        return Normalizer.normalize(text, Normalizer.Form.NFC).getBytes(StandardCharsets.UTF_8);
    }
}
