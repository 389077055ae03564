package org.citizenhub.mappings.normalize;

import java.util.Map;

/**
 * Vietnamese phone numbers in one form: 10 digits starting with 0. Removes +84 / 84 / 0084 country
 * prefixes, spaces, dots, dashes and brackets, and maps the 11-digit mobile numbers retired in the
 * 2018 renumbering (e.g. 0168 → 038, 0121 → 079) to their 10-digit successors. Landlines
 * (02xx, 11 digits since 2017) are kept. Anything else gives "" (missing).
 */
public final class PhoneNumber {

    /** 2018 renumbering: old 4-digit prefix → new 3-digit prefix (Viettel, MobiFone, VinaPhone, Vietnamobile, Gmobile). */
    private static final Map<String, String> RENUMBERED_2018 = Map.ofEntries(
            Map.entry("0162", "032"), Map.entry("0163", "033"), Map.entry("0164", "034"), Map.entry("0165", "035"),
            Map.entry("0166", "036"), Map.entry("0167", "037"), Map.entry("0168", "038"), Map.entry("0169", "039"),
            Map.entry("0120", "070"), Map.entry("0121", "079"), Map.entry("0122", "077"), Map.entry("0126", "076"),
            Map.entry("0128", "078"), Map.entry("0123", "083"), Map.entry("0124", "084"), Map.entry("0125", "085"),
            Map.entry("0127", "081"), Map.entry("0129", "082"), Map.entry("0186", "056"), Map.entry("0188", "058"),
            Map.entry("0199", "059"));

    private PhoneNumber() {
    }

    public static String normalize(String raw) {
        if (raw == null || raw.length() > 40) {
            return "";
        }
        StringBuilder d = new StringBuilder(16);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                d.append(c);
            } else if (c != ' ' && c != '.' && c != '-' && c != '+' && c != '(' && c != ')') {
                return "";
            }
        }
        String s = d.toString();
        if (s.startsWith("0084")) {
            s = "0" + s.substring(4);
        } else if (s.startsWith("84") && (s.length() == 11 || s.length() == 12)) {
            s = "0" + s.substring(2);
        } else if (!s.startsWith("0") && s.length() == 9) {
            s = "0" + s;
        }
        if (s.length() == 11) {
            String successor = RENUMBERED_2018.get(s.substring(0, 4));
            if (successor != null) {
                return successor + s.substring(4);
            }
            return s.startsWith("02") ? s : "";
        }
        return s.length() == 10 && s.charAt(0) == '0' ? s : "";
    }
}
