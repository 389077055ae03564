package org.citizenhub.mappings.normalize;

import java.text.Normalizer;

/**
 * Folding of Vietnamese text into comparison keys. Two keys exist:
 * <ul>
 *   <li>{@link #fold}: lower case ASCII, every diacritic removed and Đ/đ turned into d explicitly
 *   (Unicode decomposition leaves Đ alone: it is a letter of its own, not D with a mark);</li>
 *   <li>{@link #toned}: lower case with the vowel marks (â ă ê ô ơ ư đ) kept and the tone mark moved to the
 *   end of each syllable as a digit, so that both tone-mark placements ("Hòa" and "Hoà") and both
 *   Unicode forms (NFC, NFD) give the same key, while "Hùng" and "Hưng" stay different.</li>
 * </ul>
 * Both collapse runs of white space and drop punctuation other than {@code / - '}.
 */
public final class VietnameseText {

    private VietnameseText() {
    }

    /** Lower-case ASCII key: "Đặng Thị Hoà" and "DANG THI HOA" both give "dang thi hoa". */
    public static String fold(String text) {
        if (text == null) {
            return "";
        }
        String s = text;
        if (!isPlainAscii(s)) {
            s = Normalizer.normalize(s, Normalizer.Form.NFD);
        }
        StringBuilder out = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isCombiningMark(c)) {
                continue;
            }
            char f = foldChar(c);
            if (f == ' ') {
                space = out.length() > 0;
                continue;
            }
            if (f == 0) {
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.append(f);
        }
        return out.toString();
    }

    /** Key keeping vowel quality and tone, independent of tone-mark placement: "Hòa" → "hoa2". */
    public static String toned(String text) {
        if (text == null) {
            return "";
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(s.length() + 4);
        StringBuilder syllable = new StringBuilder();
        char tone = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : ' ';
            char t = toneDigit(c);
            if (t != 0) {
                tone = t;
                continue;
            }
            if (isCombiningMark(c)) {
                syllable.append(c);
                continue;
            }
            boolean letter = Character.isLetterOrDigit(c) || c == '/' || c == '-' || c == '\'';
            if (letter) {
                syllable.append(Character.toLowerCase(c));
                continue;
            }
            if (syllable.length() > 0) {
                if (out.length() > 0) {
                    out.append(' ');
                }
                out.append(Normalizer.normalize(syllable, Normalizer.Form.NFC));
                if (tone != 0) {
                    out.append(tone);
                }
                syllable.setLength(0);
            }
            tone = 0;
        }
        return out.toString();
    }

    /** True when the text carries any Vietnamese mark (tone, vowel quality or đ). */
    public static boolean hasMarks(String text) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7f) {
                return true;
            }
        }
        return false;
    }

    static boolean isPlainAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static boolean isCombiningMark(char c) {
        return c >= 0x0300 && c <= 0x036f;
    }

    /** The five tone marks of Vietnamese as combining characters, as digits 1..5 (level tone: none). */
    private static char toneDigit(char c) {
        return switch (c) {
            case '\u0300' -> '2'; // huyền
            case '\u0301' -> '1'; // sắc
            case '\u0309' -> '3'; // hỏi
            case '\u0303' -> '4'; // ngã
            case '\u0323' -> '5'; // nặng
            default -> 0;
        };
    }

    /** ASCII lower case for a base letter; ' ' for separators; 0 to drop the character. */
    private static char foldChar(char c) {
        if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
            return c;
        }
        if (c >= 'A' && c <= 'Z') {
            return (char) (c + 32);
        }
        if (c == 'Đ' || c == 'đ' || c == 'Ð' || c == 'ð') {
            return 'd';
        }
        if (c == '/' || c == '-' || c == '\'') {
            return c;
        }
        if (Character.isWhitespace(c) || c == ',' || c == '.' || c == ';' || c == '_' || c == '(' || c == ')') {
            return ' ';
        }
        if (Character.isLetter(c)) {
            char lower = Character.toLowerCase(c);
            return lower < 0x80 ? lower : 0;
        }
        return 0;
    }
}
