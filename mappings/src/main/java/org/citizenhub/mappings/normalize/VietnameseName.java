package org.citizenhub.mappings.normalize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Comparison keys of a Vietnamese full name as any system writes it: with or without diacritics,
 * upper case, given name first ("HUNG NGUYEN VAN") or western order ("Van Hung Nguyen"), with the
 * middle name abbreviated ("Nguyễn V. Hùng") or dropped. The original text is not changed; the keys
 * are: family (regional variants Huỳnh/Hoàng and Vũ/Võ unified), middle, given, their toned forms,
 * and the initials of the middle name. i/y spellings after a consonant ("Lý"/"Lí", "Mỹ"/"Mĩ") are
 * unified in the folded keys.
 *
 * @param family        folded family name ("nguyen"; "hoang" for Huỳnh, "vu" for Võ)
 * @param middle        folded middle name(s), words separated by one space, may be empty
 * @param given         folded given name
 * @param familyToned   family name with tones ({@link VietnameseText#toned}), variants not unified
 * @param givenToned    given name with tones
 * @param middleInitials first letters of the middle words ("vt" for "Văn Thanh")
 * @param reordered     true when the name was not written family-first and was reordered
 */
public record VietnameseName(String family, String middle, String given, String familyToned,
                             String givenToned, String middleInitials, boolean reordered) {

    /** Folded family names common in Viet Nam, used to recognise the word order. */
    static final Set<String> FAMILY_NAMES = Set.of(
            "nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "do", "ho",
            "ngo", "duong", "li", "truong", "dinh", "lam", "trinh", "dao", "cao", "luong", "luu", "ta",
            "chau", "ton", "quach", "thai", "trieu", "kieu", "khuc", "ong", "doan", "mac", "la",
            "tang", "thach", "au", "giang", "hua", "nghiem", "phung", "tieu", "vuong", "an", "lai", "diep",
            "ha", "mai", "to", "tong");

    /** The most common family names, which are almost never given names: the strongest order clue. */
    static final Set<String> STRONG_FAMILY_NAMES = Set.of(
            "nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "do", "ngo",
            "duong", "truong", "dinh", "trinh", "luong", "nghiem");

    private static final java.util.regex.Pattern WORD_SEPARATORS = java.util.regex.Pattern.compile("[\\s.,]+");

    /** Folded and toned keys of name words: a few thousand words make up millions of names. */
    private static final WordCache WORD_KEYS = new WordCache(200_000,
            w -> new String[] {VietnameseText.fold(w), VietnameseText.toned(w)});

    /** Regional spellings of the same family name (south/north). */
    private static final Map<String, String> FAMILY_VARIANTS = Map.of("huynh", "hoang", "vo", "vu");

    private static final Set<String> MIDDLE_MARKERS = Set.of("van", "thi");

    /**
     * Hospitals register unnamed newborns as "Con bà Nguyễn Thị Lan" (child of Mrs ...): the name is the
     * mother's, not the person's, so it is no name at all for matching.
     */
    private static final List<String> NOT_A_NAME_PREFIXES = List.of("con ba ", "con cua ", "con chi ", "con me ", "be so sinh ");

    /** Parses a full name; returns null when it has no letters or names someone else (treated as missing). */
    public static VietnameseName parse(String fullName) {
        List<String> raw = words(fullName);
        if (raw.isEmpty()) {
            return null;
        }
        String all = VietnameseText.fold(String.join(" ", raw)) + " ";
        for (String prefix : NOT_A_NAME_PREFIXES) {
            if (all.startsWith(prefix)) {
                return null;
            }
        }
        List<String> folded = new ArrayList<>(raw.size());
        for (String w : raw) {
            folded.add(WORD_KEYS.get(w)[0]);
        }
        int n = raw.size();
        int[] order = orderFamilyFirst(folded);
        boolean reordered = order[0] != 0 || order[n - 1] != n - 1;
        String[] f = new String[n];
        String[] t = new String[n];
        for (int i = 0; i < n; i++) {
            f[i] = iy(folded.get(order[i]));
            t[i] = WORD_KEYS.get(raw.get(order[i]))[1];
        }
        if (n == 1) {
            return new VietnameseName("", "", f[0], "", t[0], "", false);
        }
        String family = FAMILY_VARIANTS.getOrDefault(folded.get(order[0]), f[0]);
        StringBuilder middle = new StringBuilder();
        StringBuilder initials = new StringBuilder();
        for (int i = 1; i < n - 1; i++) {
            if (middle.length() > 0) {
                middle.append(' ');
            }
            middle.append(f[i]);
            initials.append(f[i].charAt(0));
        }
        return new VietnameseName(family, middle.toString(), f[n - 1], t[0], t[n - 1], initials.toString(), reordered);
    }

    /** The folded full name in family-middle-given order. */
    public String full() {
        return String.join(" ", Arrays.stream(new String[] {family, middle, given}).filter(s -> !s.isEmpty()).toList());
    }

    /**
     * Indexes of the words in family-middle-given order. Family-first is the default; the name is
     * reordered only when the first word is not a family name and a later word clearly is.
     */
    private static int[] orderFamilyFirst(List<String> w) {
        int n = w.size();
        int[] identity = new int[n];
        for (int i = 0; i < n; i++) {
            identity[i] = i;
        }
        if (n < 2 || STRONG_FAMILY_NAMES.contains(w.get(0))) {
            return identity;
        }
        for (Set<String> names : List.of(STRONG_FAMILY_NAMES, FAMILY_NAMES)) {
            if (names == FAMILY_NAMES && names.contains(iy(w.get(0)))) {
                return identity;
            }
            if (n >= 3 && names.contains(iy(w.get(1)))) {
                // given first: given family middle... → family middle... given
                int[] order = new int[n];
                for (int i = 1; i < n; i++) {
                    order[i - 1] = i;
                }
                order[n - 1] = 0;
                return order;
            }
            if (names.contains(iy(w.get(n - 1))) && !MIDDLE_MARKERS.contains(w.get(n - 1))) {
                // western order: middle... given family → family middle... given
                int[] order = new int[n];
                order[0] = n - 1;
                for (int i = 0; i < n - 1; i++) {
                    order[i + 1] = i;
                }
                return order;
            }
        }
        return identity;
    }

    /** "ly" → "li", "my" → "mi", "ky" → "ki": y after a consonant is spelt i by many. "huy", "thuy" stay. */
    static String iy(String folded) {
        int n = folded.length();
        if (n >= 2 && folded.charAt(n - 1) == 'y' && "aeiouy".indexOf(folded.charAt(n - 2)) < 0) {
            return folded.substring(0, n - 1) + 'i';
        }
        return folded;
    }

    /** Words of the name without dots ("V." → "V"), empty words and non-letters dropped. */
    private static List<String> words(String fullName) {
        List<String> words = new ArrayList<>();
        if (fullName == null) {
            return words;
        }
        for (String w : WORD_SEPARATORS.split(fullName.strip())) {
            StringBuilder letters = new StringBuilder(w.length());
            w.codePoints().filter(cp -> Character.isLetter(cp) || Character.getType(cp) == Character.NON_SPACING_MARK)
                    .forEach(letters::appendCodePoint);
            if (letters.length() > 0 && !VietnameseText.fold(letters.toString()).isEmpty()) {
                words.add(letters.toString());
            }
        }
        return words;
    }
}
