package org.citizenhub.mappings.id;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.citizenhub.mappings.citizen.PartialDate;
import org.citizenhub.mappings.citizen.Sex;

/**
 * The 12-digit personal ID number (CCCD / số định danh cá nhân): 3 digits province of birth
 * registration, 1 digit century and sex (1900s: male 0, female 1; 2000s: 2/3; 2100s: 4/5; 1800s: 8/9),
 * 2 digits birth year, 6 digits serial. Also recognises the legacy 9-digit CMND number.
 */
public final class PersonalIdNumber {

    /** Province codes of birth registration (the 63 provinces before the 2025 merger). */
    private static final Set<String> PROVINCE_CODES = Set.of(
            "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020", "022",
            "024", "025", "026", "027", "030", "031", "033", "034", "035", "036", "037", "038", "040", "042",
            "044", "045", "046", "048", "049", "051", "052", "054", "056", "058", "060", "062", "064", "066",
            "067", "068", "070", "072", "074", "075", "077", "079", "080", "082", "083", "084", "086", "087",
            "089", "091", "092", "093", "094", "095", "096");

    private PersonalIdNumber() {
    }

    /** Strips spaces, dots and dashes that people and old systems put into ID numbers. */
    public static String clean(String raw) {
        return raw == null ? "" : raw.replaceAll("[\\s.\\-]", "");
    }

    /**
     * The personal ID number a caller asks about, cleaned, if it can be one: at most 40 characters as
     * sent, 12 digits once cleaned, a valid century/sex digit. Every interface that takes a personal ID
     * from outside checks it this one way.
     */
    public static Optional<String> requested(String raw) {
        if (raw == null || raw.length() > 40) {
            return Optional.empty();
        }
        String cleaned = clean(raw);
        return isCccdShape(cleaned) && birthYearOf(cleaned).isPresent() ? Optional.of(cleaned) : Optional.empty();
    }

    public static boolean isCccdShape(String cleaned) {
        return cleaned.length() == 12 && cleaned.chars().allMatch(Character::isDigit);
    }

    public static boolean isCmndShape(String cleaned) {
        return cleaned.length() == 9 && cleaned.chars().allMatch(Character::isDigit);
    }

    /** Builds a CCCD by the rule: province, century/sex digit, year, serial (0..999999). */
    public static String build(String provinceCode, Sex sex, int birthYear, int serial) {
        if (!PROVINCE_CODES.contains(provinceCode)) {
            throw new IllegalArgumentException("unknown province code " + provinceCode);
        }
        if (serial < 0 || serial > 999_999) {
            throw new IllegalArgumentException("serial out of range");
        }
        return provinceCode + centurySexDigit(sex, birthYear) + String.format("%02d%06d", birthYear % 100, serial);
    }

    static int centurySexDigit(Sex sex, int birthYear) {
        int base = switch (birthYear / 100) {
            case 18 -> 8;
            case 19 -> 0;
            case 20 -> 2;
            case 21 -> 4;
            default -> throw new IllegalArgumentException("birth year out of range");
        };
        return base + (sex == Sex.FEMALE ? 1 : 0);
    }

    /** The sex encoded in a well-shaped CCCD. */
    public static Optional<Sex> sexOf(String cccd) {
        return isCccdShape(cccd) ? Optional.of((cccd.charAt(3) - '0') % 2 == 0 ? Sex.MALE : Sex.FEMALE) : Optional.empty();
    }

    /** The birth year encoded in a well-shaped CCCD. */
    public static Optional<Integer> birthYearOf(String cccd) {
        if (!isCccdShape(cccd)) {
            return Optional.empty();
        }
        int century = switch (cccd.charAt(3)) {
            case '0', '1' -> 1900;
            case '2', '3' -> 2000;
            case '4', '5' -> 2100;
            case '8', '9' -> 1800;
            default -> -1;
        };
        return century < 0 ? Optional.empty() : Optional.of(century + Integer.parseInt(cccd.substring(4, 6)));
    }

    /**
     * Checks a CCCD against the rule and, where known, the record's date of birth and sex.
     * Returns the findings; an empty list means the number is consistent.
     */
    public static List<DataQualityFinding> validate(String raw, PartialDate dateOfBirth, Sex sex) {
        List<DataQualityFinding> findings = new ArrayList<>();
        String id = clean(raw);
        if (!isCccdShape(id)) {
            findings.add(new DataQualityFinding(DataQualityFinding.Code.ID_MALFORMED, "personalId",
                    "personal ID number must be 12 digits (got " + id.length() + " characters)"));
            return findings;
        }
        if (!PROVINCE_CODES.contains(id.substring(0, 3))) {
            findings.add(new DataQualityFinding(DataQualityFinding.Code.ID_UNKNOWN_PROVINCE, "personalId",
                    "personal ID number starts with an unknown province code"));
        }
        Optional<Integer> year = birthYearOf(id);
        if (year.isEmpty()) {
            findings.add(new DataQualityFinding(DataQualityFinding.Code.ID_MALFORMED, "personalId",
                    "personal ID number has an invalid century/sex digit"));
            return findings;
        }
        if (sex != null && sexOf(id).orElseThrow() != sex) {
            findings.add(new DataQualityFinding(DataQualityFinding.Code.ID_CENTURY_SEX_MISMATCH, "personalId",
                    "century/sex digit of the personal ID number disagrees with the recorded sex"));
        }
        if (dateOfBirth != null && year.get() != dateOfBirth.year()) {
            findings.add(new DataQualityFinding(DataQualityFinding.Code.ID_BIRTH_YEAR_MISMATCH, "personalId",
                    "birth year in the personal ID number disagrees with the recorded date of birth"));
        }
        return findings;
    }

    /** Masks an ID number for logs and error texts: only the last 3 digits stay. */
    public static String mask(String raw) {
        String id = clean(raw);
        if (id.length() <= 3) {
            return "***";
        }
        return "*".repeat(id.length() - 3) + id.substring(id.length() - 3);
    }
}
