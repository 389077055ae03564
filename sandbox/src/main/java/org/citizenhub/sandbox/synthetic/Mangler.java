package org.citizenhub.sandbox.synthetic;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

import org.citizenhub.mappings.address.AdministrativeUnits.WardBefore2025;
import org.citizenhub.mappings.citizen.Address;
import org.citizenhub.mappings.citizen.PersonName;
import org.citizenhub.mappings.citizen.SourceSystem;

/**
 * Writes one person's facts the way one system would: applies the system's {@link ErrorProfile} to
 * names, dates, IDs, phones and addresses, drawing from the system's own random stream and counting
 * every decision in the {@link CorruptionTally}. A random number is drawn for every decision even at
 * rate 0, so changing one rate does not reshuffle the rest of the view.
 */
final class Mangler {

    private static final String TYPO_LETTERS = "abcdeghiklmnopqrstuvxy";

    private final SourceSystem system;
    private final SplittableRandom random;
    /** The profile's rates by corruption ordinal: looked up for every decision. */
    private final double[] rates;
    private final CorruptionTally tally;
    private final AddressBook addresses = AddressBook.instance();

    Mangler(SourceSystem system, SplittableRandom random, ErrorProfile profile,
            CorruptionTally tally) {
        this.system = system;
        this.random = random;
        this.rates = new double[Corruption.values().length];
        for (Corruption c : Corruption.values()) {
            rates[c.ordinal()] = profile.rate(c);
        }
        this.tally = tally;
    }

    SplittableRandom random() {
        return random;
    }

    /** Decides one corruption for one record and counts the decision. */
    boolean roll(Corruption corruption) {
        boolean applied = random.nextDouble() < rates[corruption.ordinal()];
        tally.count(system, corruption, applied);
        return applied;
    }

    // ---- names ---------------------------------------------------------------------------------

    /** A name as written: the full text, its first word and the rest, and whether it lost its diacritics. */
    record WrittenName(String full, String first, String rest, boolean ascii) {
    }

    WrittenName name(PersonName name) {
        String family = name.family();
        String middle = name.middle();
        String given = name.given();
        String variant = regionalVariant(family);
        if (variant != null && roll(Corruption.REGIONAL_VARIANT)) {
            family = variant;
        }
        if (!middle.isEmpty()) {
            if (roll(Corruption.MIDDLE_NAME_MISSING)) {
                middle = "";
            } else if (roll(Corruption.MIDDLE_NAME_ABBREVIATED)) {
                middle = initials(middle);
            }
        }
        String full = roll(Corruption.GIVEN_NAME_FIRST) ? join(given, family, middle) : join(family, middle, given);
        if (roll(Corruption.TYPO)) {
            full = typo(full);
        }
        boolean ascii = roll(Corruption.DIACRITICS_STRIPPED);
        if (ascii) {
            full = VietnameseText.stripDiacritics(full);
        } else if (VietnameseText.hasMovableTone(full) && roll(Corruption.OLD_TONE_PLACEMENT)) {
            full = VietnameseText.oldTonePlacement(full);
        }
        if (roll(Corruption.UPPER_CASE)) {
            full = full.toUpperCase(Locale.ROOT);
        } else if (roll(Corruption.LOWER_CASE)) {
            full = full.toLowerCase(Locale.ROOT);
        }
        if (!ascii && !isAscii(full) && roll(Corruption.NFD)) {
            full = VietnameseText.nfd(full);
        }
        int space = full.indexOf(' ');
        return space < 0 ? new WrittenName(full, full, "", ascii)
                : new WrittenName(full, full.substring(0, space), full.substring(space + 1), ascii);
    }

    private static String regionalVariant(String family) {
        return switch (family) {
            case "Huỳnh" -> "Hoàng";
            case "Hoàng" -> "Huỳnh";
            case "Võ" -> "Vũ";
            case "Vũ" -> "Võ";
            default -> null;
        };
    }

    /** "Văn" → "V.", "Thị Thanh" → "T. T.". */
    private static String initials(String middle) {
        StringBuilder sb = new StringBuilder();
        for (String word : middle.split(" ")) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(word.charAt(0)).append('.');
        }
        return sb.toString();
    }

    /** One letter of one word replaced, dropped, doubled or swapped with its neighbour. */
    String typo(String text) {
        String[] words = text.split(" ");
        int w = random.nextInt(words.length);
        String word = words[w];
        String changed = word;
        for (int attempt = 0; attempt < 10 && changed.equals(word); attempt++) {
            int i = random.nextInt(word.length());
            changed = switch (random.nextInt(4)) {
                case 0 -> {
                    char c = TYPO_LETTERS.charAt(random.nextInt(TYPO_LETTERS.length()));
                    yield word.substring(0, i) + (i == 0 ? Character.toUpperCase(c) : c) + word.substring(i + 1);
                }
                case 1 -> word.length() > 2 ? word.substring(0, i) + word.substring(i + 1) : word;
                case 2 -> word.substring(0, i + 1) + word.charAt(i) + word.substring(i + 1);
                default -> i + 1 < word.length() && i > 0
                        ? word.substring(0, i) + word.charAt(i + 1) + word.charAt(i) + word.substring(i + 2) : word;
            };
        }
        words[w] = changed;
        return String.join(" ", words);
    }

    private static String join(String... parts) {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (!p.isEmpty()) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(p);
            }
        }
        return sb.toString();
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 127) {
                return false;
            }
        }
        return true;
    }

    // ---- dates ---------------------------------------------------------------------------------

    /** A date of birth as recorded; {@code yearOnly} when only the year was taken down. */
    record WrittenDate(LocalDate date, boolean yearOnly) {
    }

    WrittenDate dateOfBirth(LocalDate dob, boolean yearOnlyPossible) {
        if (yearOnlyPossible && roll(Corruption.YEAR_ONLY)) {
            return new WrittenDate(dob, true);
        }
        int day = dob.getDayOfMonth();
        int month = dob.getMonthValue();
        if (day <= 12 && day != month && roll(Corruption.DAY_MONTH_SWAPPED)) {
            return new WrittenDate(LocalDate.of(dob.getYear(), day, month), false);
        }
        if (!(day == 1 && month == 1) && roll(Corruption.DATE_PLACEHOLDER)) {
            return new WrittenDate(LocalDate.of(dob.getYear(), 1, 1), false);
        }
        return new WrittenDate(dob, false);
    }

    // ---- identifiers ---------------------------------------------------------------------------

    String personalId(String cccd) {
        if (roll(Corruption.ID_MISSING)) {
            return "";
        }
        if (roll(Corruption.ID_LEGACY_CMND)) {
            return legacyCmnd(cccd);
        }
        if (roll(Corruption.ID_DIGIT_WRONG)) {
            int i = random.nextInt(cccd.length());
            char wrong = (char) ('0' + (cccd.charAt(i) - '0' + 1 + random.nextInt(9)) % 10);
            return cccd.substring(0, i) + wrong + cccd.substring(i + 1);
        }
        if (cccd.startsWith("0") && roll(Corruption.ID_LEADING_ZERO_LOST)) {
            return cccd.substring(1);
        }
        return cccd;
    }

    /**
     * The 9-digit identity card number (CMND) the person held before the CCCD: the same in every
     * system, derived from the CCCD. Prefix by province of issue (201 Đà Nẵng, 205 Quảng Nam).
     */
    static String legacyCmnd(String cccd) {
        String prefix = switch (cccd.substring(0, 3)) {
            case "048" -> "201";
            case "049" -> "205";
            default -> "19" + cccd.charAt(2);
        };
        long digits = new SplittableRandom(Long.parseLong(cccd)).nextInt(1_000_000);
        return prefix + ZeroPadded.of(digits, 6);
    }

    // ---- phones --------------------------------------------------------------------------------

    String phone(String number) {
        if (number == null || roll(Corruption.PHONE_MISSING)) {
            return "";
        }
        String n = number;
        Optional<String> old = MobileNumbers.before2018(number);
        if (old.isPresent() && roll(Corruption.PHONE_BEFORE_2018)) {
            n = old.get();
        }
        if (roll(Corruption.PHONE_PLUS84)) {
            String national = n.substring(1);
            return random.nextBoolean() ? "+84 " + grouped(national, ' ') : "+84" + national;
        }
        if (roll(Corruption.PHONE_SPACES_OR_DOTS)) {
            return grouped(n, random.nextBoolean() ? ' ' : '.');
        }
        return n;
    }

    /** "0905123456" → "0905 123 456"; "905123456" → "905 123 456"; 11 digits → "0168 123 4567". */
    private static String grouped(String digits, char separator) {
        int first = digits.startsWith("0") ? 4 : 3;
        return digits.substring(0, first) + separator + digits.substring(first, first + 3) + separator
                + digits.substring(first + 3);
    }

    // ---- addresses -----------------------------------------------------------------------------

    /** An address as written: house and street, ward, district ("" in the new units), city. */
    record WrittenAddress(String line, String ward, String district, String city) {
        String oneLine() {
            return join(", ", line, ward, district, city);
        }

        private static String join(String separator, String... parts) {
            StringBuilder sb = new StringBuilder();
            for (String p : parts) {
                if (!p.isEmpty()) {
                    if (sb.length() > 0) {
                        sb.append(separator);
                    }
                    sb.append(p);
                }
            }
            return sb.toString();
        }

        WrittenAddress stripped() {
            return new WrittenAddress(VietnameseText.stripDiacritics(line), VietnameseText.stripDiacritics(ward),
                    VietnameseText.stripDiacritics(district), VietnameseText.stripDiacritics(city));
        }
    }

    WrittenAddress address(String personKey, Address current) {
        // Only homes in the city have an old-units form and a move history the city knows of.
        boolean inCity = !current.wardCode().isEmpty();
        Address a = current;
        if (inCity && roll(Corruption.OLDER_ADDRESS_AFTER_MOVE)) {
            a = previousAddress(personKey, current);
        }
        String line = a.houseNumber().isEmpty() ? a.street() : a.houseNumber() + " " + a.street();
        String ward = a.ward();
        String district = "";
        String city = a.city();
        if (inCity && roll(Corruption.OLD_ADMIN_UNITS)) {
            WardBefore2025 old = addresses.formerWardOf(a);
            ward = old.name();
            district = old.district();
            city = old.province();
        }
        if (roll(Corruption.ADDRESS_ABBREVIATED)) {
            if (!a.houseNumber().isEmpty() && !a.street().startsWith("Thôn") && random.nextBoolean()) {
                line = a.houseNumber() + " Đ. " + a.street();
            }
            ward = abbreviate(ward);
            district = abbreviate(district);
            city = abbreviateCity(city);
        }
        return new WrittenAddress(line, ward, district, city);
    }

    /**
     * Where the person lived before their last move: the same for every system that still holds it,
     * so it is drawn from a stream seeded by the person, not from the system's stream.
     */
    static Address previousAddress(String personKey, Address current) {
        SplittableRandom own = new SplittableRandom(personKey.hashCode() * 0x9E3779B97F4A7C15L);
        Address previous;
        do {
            previous = AddressBook.instance().randomAddress(own);
        } while (previous.equals(current));
        return previous;
    }

    private String abbreviate(String unit) {
        String[][] prefixes = {{"Phường ", "P. "}, {"Quận ", "Q. "}, {"Huyện ", "H. "}, {"Thị xã ", "TX. "},
                {"Thị trấn ", "TT. "}, {"Thành phố ", "TP. "}, {"Xã ", "X. "}};
        for (String[] p : prefixes) {
            if (unit.startsWith(p[0])) {
                // Both "P. Hải Châu" and "P.Hải Châu" occur.
                String abbreviation = random.nextBoolean() ? p[1] : p[1].strip();
                return abbreviation + unit.substring(p[0].length());
            }
        }
        return unit;
    }

    private String abbreviateCity(String city) {
        return switch (city) {
            case "Thành phố Đà Nẵng" -> switch (random.nextInt(3)) {
                case 0 -> "TP Đà Nẵng";
                case 1 -> "TP. Đà Nẵng";
                default -> "Đà Nẵng";
            };
            case "Tỉnh Quảng Nam" -> random.nextBoolean() ? "Quảng Nam" : "T. Quảng Nam";
            default -> city;
        };
    }
}
