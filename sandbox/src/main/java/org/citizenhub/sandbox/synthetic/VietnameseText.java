package org.citizenhub.sandbox.synthetic;

import java.text.Normalizer;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The ways systems mangle Vietnamese text: diacritics stripped (with "Đ" turned into "D", which
 * Unicode decomposition alone does not do), decomposed (NFD) text, and the old tone-mark placement
 * ("Hoà" instead of "Hòa") that both coexist in real data.
 */
final class VietnameseText {

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");

    /** Modern placement (tone on the second vowel) → old placement (on the first). */
    private static final Map<String, String> OLD_TONE_PLACEMENT = Map.ofEntries(
            Map.entry("òa", "oà"), Map.entry("óa", "oá"), Map.entry("ỏa", "oả"), Map.entry("õa", "oã"), Map.entry("ọa", "oạ"),
            Map.entry("òe", "oè"), Map.entry("óe", "oé"), Map.entry("ỏe", "oẻ"), Map.entry("õe", "oẽ"), Map.entry("ọe", "oẹ"),
            Map.entry("ùy", "uỳ"), Map.entry("úy", "uý"), Map.entry("ủy", "uỷ"), Map.entry("ũy", "uỹ"), Map.entry("ụy", "uỵ"));

    private VietnameseText() {
    }

    /** "Đặng Thị Thủy" → "Dang Thi Thuy". */
    static String stripDiacritics(String text) {
        String decomposed = Normalizer.normalize(text.replace('Đ', 'D').replace('đ', 'd'), Normalizer.Form.NFD);
        return COMBINING_MARKS.matcher(decomposed).replaceAll("");
    }

    static String nfd(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD);
    }

    private static final String TONED_O_AND_U = "òóỏõọùúủũụÒÓỎÕỌÙÚỦŨỤ";

    /** Cheap pre-check: most names have no toned o or u, and the pair scan below allocates. */
    private static boolean hasToneBearingOorU(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (TONED_O_AND_U.indexOf(text.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Whether the text has a syllable whose tone mark can sit in either place (oa, oe, uy). */
    static boolean hasMovableTone(String text) {
        return !oldTonePlacement(text).equals(text);
    }

    /**
     * "Hòa" → "Hoà", "Thúy" → "Thuý". Only for syllables that end with the second vowel: in "Hoàng"
     * the tone always sits on "à", so "òa" followed by a consonant is left alone.
     */
    static String oldTonePlacement(String text) {
        if (!hasToneBearingOorU(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            if (i + 1 < text.length()) {
                String pair = text.substring(i, i + 2);
                String lowerPair = pair.toLowerCase(java.util.Locale.ROOT);
                String replacement = OLD_TONE_PLACEMENT.get(lowerPair);
                boolean syllableEnds = i + 2 >= text.length() || !Character.isLetter(text.charAt(i + 2));
                if (replacement != null && syllableEnds) {
                    out.append(Character.isUpperCase(pair.charAt(0))
                            ? Character.toUpperCase(replacement.charAt(0)) + replacement.substring(1)
                            : replacement);
                    i += 2;
                    continue;
                }
            }
            out.append(text.charAt(i));
            i++;
        }
        return out.toString();
    }
}
