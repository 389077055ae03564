package org.citizenhub.mappings.school;

import java.text.Normalizer;
import java.util.Locale;

/** How school data is compared and kept: Vietnamese text arrives decomposed, in any case, or without diacritics. */
final class WrittenText {

    private WrittenText() {
    }

    /**
     * Composed (NFC) with single spaces: the same letters, so nothing is lost, but one byte form, so
     * "Nguyễn" typed on a Mac (decomposed) and on Windows compare equal downstream.
     */
    static String tidy(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC).strip().replaceAll("\\s+", " ");
    }

    /** Lower case, no diacritics ("Đ" is its own letter: decomposition does not turn it into "D"), single spaces. */
    static String fold(String text) {
        String decomposed = Normalizer.normalize(text.replace('Đ', 'D').replace('đ', 'd'), Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}+", "").strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
