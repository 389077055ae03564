package org.citizenhub.mappings.identity;

import java.util.List;

import org.citizenhub.mappings.citizen.Sex;
import org.citizenhub.mappings.normalize.AddressKeys;
import org.citizenhub.mappings.normalize.DateOfBirth;
import org.citizenhub.mappings.normalize.PersonalId;
import org.citizenhub.mappings.normalize.PhoneNumber;
import org.citizenhub.mappings.normalize.VietnameseName;
import org.citizenhub.mappings.normalize.VietnameseText;

/**
 * Turns the raw values of a field's input columns into comparison keys. A field named {@code dob}
 * with normalizer {@code date} makes the keys {@code dob} and {@code dob.year}; the key names are
 * {@link #keySuffixes()} appended to the field name ("" is the field name itself).
 * Implementations are stateless and thread-safe; a value they cannot use becomes missing ("").
 */
public interface FieldNormalizer {

    List<String> keySuffixes();

    /** Fills {@code out} (one slot per key suffix) from the raw values (null = missing). */
    void normalize(String[] raw, String[] out);

    /** The normalizer of a configuration name. */
    static FieldNormalizer named(String name) {
        return switch (name) {
            case "text" -> new Text();
            case "digits" -> new Digits();
            case "date" -> new Date();
            case "vn-name" -> new Name();
            case "personal-id" -> new IdNumber();
            case "phone" -> new Phone();
            case "address" -> new Address();
            case "sex" -> new SexCode();
            case "sorted-words" -> new SortedWords();
            default -> throw new ConfigFile.ConfigException("unknown normalizer '" + name
                    + "' (known: text, digits, date, vn-name, personal-id, phone, address, sex, sorted-words)");
        };
    }

    /** Folded text: lower case ASCII, diacritics and Đ removed, spaces collapsed. Several columns are joined. */
    final class Text implements FieldNormalizer {
        public List<String> keySuffixes() {
            return List.of("");
        }

        public void normalize(String[] raw, String[] out) {
            if (raw.length == 1 && isFolded(raw[0])) {
                out[0] = raw[0];
                return;
            }
            StringBuilder b = new StringBuilder();
            for (String r : raw) {
                String f = VietnameseText.fold(r);
                if (!f.isEmpty()) {
                    if (b.length() > 0) {
                        b.append(' ');
                    }
                    b.append(f);
                }
            }
            out[0] = b.toString();
        }

        /** Already lower-case ASCII letters and digits with single inner spaces: nothing to fold. */
        private static boolean isFolded(String s) {
            if (s == null || s.isEmpty()) {
                return false;
            }
            char prev = ' ';
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                boolean ok = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == ' ' && prev != ' ';
                if (!ok) {
                    return false;
                }
                prev = c;
            }
            return prev != ' ';
        }
    }

    /**
     * The folded words of several columns in alphabetical order, and their initials: a blocking key that
     * does not care which column a word was written in (given and family name swapped).
     */
    final class SortedWords implements FieldNormalizer {
        public List<String> keySuffixes() {
            return List.of("", ".initials");
        }

        public void normalize(String[] raw, String[] out) {
            java.util.List<String> words = new java.util.ArrayList<>();
            for (String r : raw) {
                for (String w : VietnameseText.fold(r).split(" ")) {
                    if (!w.isEmpty()) {
                        words.add(w);
                    }
                }
            }
            java.util.Collections.sort(words);
            out[0] = String.join(" ", words);
            StringBuilder initials = new StringBuilder();
            words.forEach(w -> initials.append(w.charAt(0)));
            out[1] = initials.toString();
        }
    }

    /** Digits only (postcodes, account numbers); a value with no digit is missing. */
    final class Digits implements FieldNormalizer {
        public List<String> keySuffixes() {
            return List.of("");
        }

        public void normalize(String[] raw, String[] out) {
            String r = raw[0] == null ? "" : raw[0];
            if (!r.isEmpty() && r.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                out[0] = r;
                return;
            }
            StringBuilder b = new StringBuilder(r.length());
            for (int i = 0; i < r.length(); i++) {
                char c = r.charAt(i);
                if (c >= '0' && c <= '9') {
                    b.append(c);
                }
            }
            out[0] = b.toString();
        }
    }

    /** Date of birth in any common form: key {@code yyyyMMdd} (00 = unknown, suffix p for 01/01) and the year. */
    final class Date implements FieldNormalizer {
        public List<String> keySuffixes() {
            return List.of("", ".year");
        }

        public void normalize(String[] raw, String[] out) {
            DateOfBirth d = DateOfBirth.parse(raw[0]);
            out[0] = d == null ? "" : d.key();
            out[1] = d == null ? "" : Integer.toString(d.year());
        }
    }

    /** Vietnamese full name, from one column (full name) or three (family, middle, given). */
    final class Name implements FieldNormalizer {
        public List<String> keySuffixes() {
            return List.of(".family", ".middle", ".given", ".family_toned", ".given_toned", ".initials");
        }

        public void normalize(String[] raw, String[] out) {
            String full = raw.length == 1 ? raw[0] : join(raw);
            VietnameseName n = VietnameseName.parse(full);
            if (n == null) {
                java.util.Arrays.fill(out, "");
                return;
            }
            out[0] = n.family();
            out[1] = n.middle();
            out[2] = n.given();
            out[3] = n.familyToned();
            out[4] = n.givenToned();
            out[5] = n.middleInitials();
        }

        private static String join(String[] parts) {
            StringBuilder b = new StringBuilder();
            for (String p : parts) {
                if (p != null && !p.isBlank()) {
                    b.append(p.strip()).append(' ');
                }
            }
            return b.toString();
        }
    }

    /** Personal ID: columns id[, date of birth[, sex]]. Keys .cccd, .cmnd and .cccd_valid ("1" when consistent). */
    final class IdNumber implements FieldNormalizer {
        public List<String> keySuffixes() {
            return List.of(".cccd", ".cmnd", ".cccd_valid");
        }

        public void normalize(String[] raw, String[] out) {
            DateOfBirth dob = raw.length > 1 ? DateOfBirth.parse(raw[1]) : null;
            Sex sex = raw.length > 2 ? SexCode.parse(raw[2]) : null;
            PersonalId id = PersonalId.parse(raw[0], dob == null ? 0 : dob.year(), sex);
            out[0] = id.cccd();
            out[1] = id.cmnd();
            out[2] = id.consistent() ? "1" : "";
        }
    }

    final class Phone implements FieldNormalizer {
        public List<String> keySuffixes() {
            return List.of("");
        }

        public void normalize(String[] raw, String[] out) {
            out[0] = PhoneNumber.normalize(raw[0]);
        }
    }

    /**
     * Address: one column (the whole address on one line) or five (house and street, street, ward,
     * district, city). Keys .house, .street, .ward, .district, .city and .ward2025 (candidate 2025 wards).
     */
    final class Address implements FieldNormalizer {
        public List<String> keySuffixes() {
            return List.of(".house", ".street", ".ward", ".district", ".city", ".ward2025");
        }

        public void normalize(String[] raw, String[] out) {
            boolean oneLine = raw.length == 1 || raw[0] != null && raw[0].indexOf(',') >= 0 && allNull(raw, 1);
            AddressKeys a = oneLine ? AddressKeys.parseOneLine(raw[0])
                    : AddressKeys.of(at(raw, 0), at(raw, 1), at(raw, 2), at(raw, 3), at(raw, 4));
            out[0] = a.house();
            out[1] = a.street();
            out[2] = a.ward();
            out[3] = a.district();
            out[4] = a.city();
            out[5] = a.ward2025();
        }

        private static boolean allNull(String[] raw, int from) {
            for (int i = from; i < raw.length; i++) {
                if (raw[i] != null) {
                    return false;
                }
            }
            return true;
        }

        private static String at(String[] raw, int i) {
            return i < raw.length ? raw[i] : null;
        }
    }

    /** Sex as m/f from M, F, Nam, Nữ, male, female, 1 (male), 0 or 2 (female). */
    final class SexCode implements FieldNormalizer {
        public List<String> keySuffixes() {
            return List.of("");
        }

        public void normalize(String[] raw, String[] out) {
            Sex s = parse(raw[0]);
            out[0] = s == null ? "" : s == Sex.MALE ? "m" : "f";
        }

        static Sex parse(String raw) {
            return switch (VietnameseText.fold(raw)) {
                case "m", "male", "nam", "1", "trai" -> Sex.MALE;
                case "f", "female", "nu", "0", "2", "gai" -> Sex.FEMALE;
                default -> null;
            };
        }
    }
}
