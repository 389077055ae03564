package org.citizenhub.mappings.utility;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.citizenhub.mappings.citizen.Address;

/**
 * Splits a utility's free-text service address into the canonical address parts, keeping each part
 * as written ("K12/5 Đ. Lê Duẩn, P.Thạch Thang, Q. Hải Châu, TP Đà Nẵng"). Parts are told apart by
 * their unit word in full, abbreviated or without diacritics (Phường / P. / Phuong, Quận / Q. / Quan,
 * Huyện, Thị xã, Xã, Thị trấn); the last part is the city or province. Resolving the units against
 * the 2025 reform is left to address normalization: this only says which part is which. A district
 * present means the address is written in the pre-2025 units.
 */
public final class ServiceAddressParser {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern HAS_DIGIT = Pattern.compile(".*\\d.*");
    private static final String[] WARD_WORDS = {"phuong ", "p.", "p ", "xa ", "x.", "thi tran ", "tt.", "tt ", "dac khu "};
    private static final String[] DISTRICT_WORDS = {"quan ", "q.", "q ", "huyen ", "h.", "thi xa ", "tx.", "tx "};
    private static final String[] CITY_WORDS = {"thanh pho ", "tp.", "tp ", "tinh ", "t."};

    private ServiceAddressParser() {
    }

    /** The parts of a written address; an empty address when the text is blank. */
    public static Address parse(String text) {
        List<String> parts = new ArrayList<>();
        for (String part : (text == null ? "" : text).split(",")) {
            String p = Normalizer.normalize(part, Normalizer.Form.NFC).strip().replaceAll("\\s+", " ");
            if (!p.isEmpty()) {
                parts.add(p);
            }
        }
        if (parts.isEmpty()) {
            return new Address("", "", "", "", "", "", null);
        }
        int end = parts.size();
        String city = "";
        String last = parts.get(end - 1);
        if (end > 1 && !startsWithAny(last, WARD_WORDS) && !startsWithAny(last, DISTRICT_WORDS)) {
            city = last;
            end--;
        }
        int i = 0;
        StringBuilder line = new StringBuilder();
        if (!startsWithAny(parts.get(0), WARD_WORDS) && !startsWithAny(parts.get(0), DISTRICT_WORDS)) {
            line.append(parts.get(0));
            i = 1;
        }
        String ward = "";
        String district = "";
        for (; i < end; i++) {
            String p = parts.get(i);
            if (ward.isEmpty() && startsWithAny(p, WARD_WORDS)) {
                ward = p;
            } else if (district.isEmpty() && (startsWithAny(p, DISTRICT_WORDS) || startsWithAny(p, CITY_WORDS))) {
                // "Thành phố Tam Kỳ, Tỉnh Quảng Nam": a city inside a province was a district-level unit.
                district = p;
            } else if (ward.isEmpty() && district.isEmpty()) {
                // "Tổ 5" or a hamlet between the street and the ward belongs to the line.
                line.append(line.length() == 0 ? "" : ", ").append(p);
            } else if (ward.isEmpty()) {
                ward = p;
            } else {
                line.append(line.length() == 0 ? "" : ", ").append(p);
            }
        }
        String[] houseAndStreet = houseAndStreet(line.toString());
        return new Address(houseAndStreet[0], houseAndStreet[1], ward, "", district, city, null);
    }

    /** "K12/5 Đ. Lê Duẩn" → {"K12/5", "Đ. Lê Duẩn"}; "Thôn Phú Sơn" → {"", "Thôn Phú Sơn"}. */
    private static String[] houseAndStreet(String line) {
        int space = line.indexOf(' ');
        String first = space < 0 ? line : line.substring(0, space);
        if (space > 0 && HAS_DIGIT.matcher(first).matches()) {
            return new String[] {first, line.substring(space + 1).strip()};
        }
        return new String[] {"", line};
    }

    private static boolean startsWithAny(String part, String[] words) {
        String folded = fold(part);
        for (String w : words) {
            if (folded.startsWith(w)) {
                return true;
            }
        }
        return false;
    }

    private static String fold(String text) {
        String decomposed = Normalizer.normalize(text.replace('Đ', 'D').replace('đ', 'd'), Normalizer.Form.NFD);
        return MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
    }
}
