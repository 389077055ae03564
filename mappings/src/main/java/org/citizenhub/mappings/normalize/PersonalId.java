package org.citizenhub.mappings.normalize;

import java.util.List;

import org.citizenhub.mappings.citizen.PartialDate;
import org.citizenhub.mappings.citizen.Sex;
import org.citizenhub.mappings.id.DataQualityFinding;
import org.citizenhub.mappings.id.PersonalIdNumber;

/**
 * An identity number as a source wrote it, sorted into the 12-digit personal ID (CCCD) or the legacy
 * 9-digit CMND. Spaces, dots and dashes are removed; a number that lost its leading zero in a
 * spreadsheet (11 digits for a CCCD, 8 for a CMND) gets it back. {@code consistent} is true when the
 * CCCD follows the rule (known province, century/sex digit) and agrees with the record's own birth year
 * and sex where those are known: only such numbers count as strong evidence.
 *
 * @param cccd       the 12-digit number, or "" when the value is not one
 * @param cmnd       the 9-digit legacy number, or ""
 * @param consistent the CCCD passes the rule and agrees with the record
 */
public record PersonalId(String cccd, String cmnd, boolean consistent) {

    public static final PersonalId NONE = new PersonalId("", "", false);

    /** Reads an ID; {@code birthYear} 0 and {@code sex} null when unknown. */
    public static PersonalId parse(String raw, int birthYear, Sex sex) {
        if (raw == null || raw.length() > 40) {
            return NONE;
        }
        StringBuilder cleaned = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                cleaned.append(c);
            } else if (!Character.isWhitespace(c) && c != '.' && c != '-') {
                return NONE;
            }
        }
        String digits = cleaned.toString();
        if (digits.length() == 11) {
            String restored = "0" + digits;
            if (rulePasses(restored, 0, null)) {
                digits = restored;
            }
        }
        if (digits.length() == 8) {
            digits = "0" + digits;
        }
        if (PersonalIdNumber.isCccdShape(digits)) {
            return new PersonalId(digits, "", rulePasses(digits, birthYear, sex));
        }
        if (PersonalIdNumber.isCmndShape(digits)) {
            return new PersonalId("", digits, false);
        }
        return NONE;
    }

    private static boolean rulePasses(String cccd, int birthYear, Sex sex) {
        PartialDate dob = birthYear >= 1850 && birthYear <= 2200 ? PartialDate.yearOnly(birthYear) : null;
        List<DataQualityFinding> findings = PersonalIdNumber.validate(cccd, dob, sex);
        return findings.isEmpty();
    }

    /** True when two numbers differ in one digit or by two swapped neighbouring digits: a typing error. */
    public static boolean nearMatch(String a, String b) {
        if (a.length() != b.length() || a.equals(b)) {
            return false;
        }
        int first = -1;
        int diffs = 0;
        for (int i = 0; i < a.length(); i++) {
            if (a.charAt(i) != b.charAt(i)) {
                if (++diffs > 2) {
                    return false;
                }
                if (first < 0) {
                    first = i;
                }
            }
        }
        if (diffs == 1) {
            return true;
        }
        int j = first + 1;
        return j < a.length() && a.charAt(first) == b.charAt(j) && a.charAt(j) == b.charAt(first);
    }
}
