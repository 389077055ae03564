package org.citizenhub.mappings.normalize;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.citizenhub.mappings.address.AdministrativeUnits;

/**
 * Comparison keys of an address written in full or abbreviated, with old (pre-2025) or new units:
 * the house number with its alley ("K12/5", "Kiệt 12/5", "kiet 12/5" → "12/5"), the street without its
 * "Đường"/"Đ." prefix and with common abbreviations expanded ("Ng." → nguyen), the ward, district and
 * city without their "P."/"Phường", "Q."/"Quận", "TP"/"Thành phố" prefixes, and the candidate 2025
 * wards of Đà Nẵng: a pre-2025 ward with its district is mapped through the official conversion table
 * (a split ward gives several candidates, any of which agrees), a 2025 ward is looked up by name.
 *
 * @param ward2025 sorted candidate 2025 ward codes joined by "|", "" when unknown
 */
public record AddressKeys(String house, String street, String ward, String district, String city, String ward2025) {

    /** Rural addresses: "Tổ 6 Thôn Túy Loan" (group 6 of the hamlet) - the group plays the house number. */
    private static final Pattern GROUP = Pattern.compile("^(?:to|to dan pho|tdp)\\s*(\\d+[a-z]?)\\b\\s*(.*)$");
    private static final Pattern HOUSE = Pattern.compile(
            "^(?:(?:so nha|so|sn|nha so|kiet|k|hem|h|ngo|ngach|kiot)\\s*)?(\\d+[a-z]?(?:\\s*/\\s*\\d+[a-z]?)*)\\b\\s*(.*)$");
    private static final Pattern WARD_PREFIX = Pattern.compile("^(?:phuong|p|xa|x|thi tran|tt|dac khu)\\s+");
    private static final Pattern DISTRICT_PREFIX = Pattern.compile("^(?:quan|q|huyen|h|thi xa|tx|thanh pho|tp)\\s+");
    private static final Pattern CITY_PREFIX = Pattern.compile("^(?:thanh pho|tp|tinh|t)\\s+");
    private static final Pattern STREET_PREFIX = Pattern.compile("^(?:duong|d|pho)\\s+");
    private static final Map<String, String> STREET_WORDS = Map.of(
            "ng", "nguyen", "tr", "tran", "l", "le", "ph", "pham", "hg", "hoang", "nvl", "nguyen van linh",
            "dbp", "dien bien phu", "lvl", "le van luong");

    private static final WardDirectory WARDS = new WardDirectory(AdministrativeUnits.daNang());

    /** Folded unit names without their prefixes ("P. Thạch Thang" → "thach thang"), by kind. */
    private static final WordCache UNITS = new WordCache(100_000, text -> {
        String f = VietnameseText.fold(text.substring(1));
        Pattern prefix = switch (text.charAt(0)) {
            case 'w' -> WARD_PREFIX;
            case 'd' -> DISTRICT_PREFIX;
            default -> CITY_PREFIX;
        };
        return new String[] {strip(prefix, f)};
    });
    private static final WordCache WARD_CANDIDATES = new WordCache(100_000, key -> {
        int bar = key.indexOf('|');
        return new String[] {WARDS.candidates2025(key.substring(0, bar), key.substring(bar + 1))};
    });

    private static String unit(char kind, String text) {
        return text == null || text.isBlank() ? "" : UNITS.get(kind + text)[0];
    }

    /** Keys from the parts of an address; any part may be null or empty. */
    public static AddressKeys of(String houseAndStreet, String street, String ward, String district, String city) {
        String house = "";
        String streetKey = "";
        String hs = VietnameseText.fold(houseAndStreet);
        if (!hs.isEmpty()) {
            Matcher m = HOUSE.matcher(hs);
            Matcher g = GROUP.matcher(hs);
            if (g.matches()) {
                house = "to" + g.group(1);
                streetKey = g.group(2);
            } else if (m.matches()) {
                house = m.group(1).replace(" ", "");
                streetKey = m.group(2);
            } else {
                streetKey = hs;
            }
        }
        String s = VietnameseText.fold(street);
        if (!s.isEmpty()) {
            streetKey = s;
        }
        streetKey = street(streetKey);
        String w = unit('w', ward);
        String d = unit('d', district);
        String c = unit('c', city);
        return new AddressKeys(house, streetKey, w, d, c, w.isEmpty() ? "" : WARD_CANDIDATES.get(w + "|" + d)[0]);
    }

    /**
     * Keys from an address on one line: "K12/5 Nguyễn Văn Linh, P. Nam Dương, Q. Hải Châu, TP Đà Nẵng".
     * The first part is house and street; the parts after it are ward, district (if any) and city.
     */
    public static AddressKeys parseOneLine(String line) {
        if (line == null || line.isBlank()) {
            return of("", "", "", "", "");
        }
        String[] parts = line.split(",");
        List<String> rest = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            if (!parts[i].isBlank()) {
                rest.add(parts[i].strip());
            }
        }
        String ward = "";
        String district = "";
        String city = "";
        for (int i = 0; i < rest.size(); i++) {
            String p = rest.get(i);
            String f = VietnameseText.fold(p);
            boolean last = i == rest.size() - 1;
            if (WARD_PREFIX.matcher(f).lookingAt() && ward.isEmpty()) {
                ward = p;
            } else if (CITY_PREFIX.matcher(f).lookingAt() && (last || f.startsWith("tinh"))) {
                city = p;
            } else if (DISTRICT_PREFIX.matcher(f).lookingAt() && district.isEmpty()) {
                district = p;
            } else if (ward.isEmpty() && !last) {
                ward = p;
            } else if (last) {
                city = p;
            } else if (district.isEmpty()) {
                district = p;
            }
        }
        return of(parts[0], "", ward, district, city);
    }

    private static String street(String folded) {
        String s = strip(STREET_PREFIX, folded);
        if (s.isEmpty()) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (String word : s.split(" ")) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(STREET_WORDS.getOrDefault(word, word));
        }
        return out.toString();
    }

    private static String strip(Pattern prefix, String folded) {
        return prefix.matcher(folded).replaceFirst("").strip();
    }

    /** Candidate 2025 ward codes of a ward name, using the district to tell apart old wards of the same name. */
    static final class WardDirectory {
        private final Map<String, List<String[]>> oldByName = new HashMap<>();
        private final Map<String, String> newByName = new HashMap<>();
        private final AdministrativeUnits units;

        WardDirectory(AdministrativeUnits units) {
            this.units = units;
            for (AdministrativeUnits.WardBefore2025 old : units.wardsBefore2025()) {
                String name = strip(WARD_PREFIX, VietnameseText.fold(old.name()));
                String district = strip(DISTRICT_PREFIX, VietnameseText.fold(old.district()));
                oldByName.computeIfAbsent(name, k -> new ArrayList<>()).add(new String[] {district, old.code()});
            }
            for (AdministrativeUnits.Ward2025 w : units.wards2025()) {
                newByName.put(strip(WARD_PREFIX, VietnameseText.fold(w.name())), w.code());
            }
        }

        String candidates2025(String ward, String district) {
            if (ward.isEmpty()) {
                return "";
            }
            Set<String> codes = new TreeSet<>();
            List<String[]> olds = oldByName.get(ward);
            if (!district.isEmpty() && olds != null) {
                for (String[] old : olds) {
                    if (old[0].equals(district)) {
                        codes.addAll(units.newWardCodesFor(old[1]));
                    }
                }
            }
            if (codes.isEmpty() && district.isEmpty() && newByName.containsKey(ward)) {
                codes.add(newByName.get(ward));
            }
            if (codes.isEmpty() && olds != null) {
                for (String[] old : olds) {
                    codes.addAll(units.newWardCodesFor(old[1]));
                }
            }
            if (codes.isEmpty() && newByName.containsKey(ward)) {
                codes.add(newByName.get(ward));
            }
            return String.join("|", codes);
        }
    }
}
