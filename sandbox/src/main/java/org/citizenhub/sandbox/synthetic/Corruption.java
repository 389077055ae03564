package org.citizenhub.sandbox.synthetic;

/**
 * Everything a system's view does to the truth (BRIEF §4, issue 3). Each is drawn independently per
 * record with the rate of the system's {@link ErrorProfile}, and only where it can apply (a name
 * without a middle name cannot lose it); the {@link CorruptionTally} counts both.
 */
public enum Corruption {
    // names
    /** "Đặng Thị Thủy" → "Dang Thi Thuy" (Đ becomes D). */
    DIACRITICS_STRIPPED,
    UPPER_CASE,
    LOWER_CASE,
    /** Unicode decomposed form (NFD): looks the same, compares different. */
    NFD,
    /** "Hòa" → "Hoà", "Thúy" → "Thuý": the other tone-mark placement; only where one exists. */
    OLD_TONE_PLACEMENT,
    /** "Hùng Nguyễn Văn": given name first. */
    GIVEN_NAME_FIRST,
    /** "Nguyễn V. Hùng". */
    MIDDLE_NAME_ABBREVIATED,
    /** "Nguyễn Hùng". */
    MIDDLE_NAME_MISSING,
    /** One letter replaced, dropped, doubled or swapped with its neighbour. */
    TYPO,
    /** Huỳnh ↔ Hoàng, Võ ↔ Vũ; only for those family names. */
    REGIONAL_VARIANT,
    // dates
    /** Day and month exchanged; only where the result is still a date (day ≤ 12, day ≠ month). */
    DAY_MONTH_SWAPPED,
    /** Only the year of birth is known. */
    YEAR_ONLY,
    /** 01/01 of the birth year typed in for an unknown day. */
    DATE_PLACEHOLDER,
    // identifiers
    ID_MISSING,
    /** The legacy 9-digit CMND number instead of the CCCD. */
    ID_LEGACY_CMND,
    /** One digit of the CCCD wrong. */
    ID_DIGIT_WRONG,
    /** The CCCD's leading zero lost (a spreadsheet took it for a number): 11 digits. */
    ID_LEADING_ZERO_LOST,
    // addresses
    /** Pre-2025 ward and district (and province for former Quảng Nam). */
    OLD_ADMIN_UNITS,
    /** "P.", "Q.", "TP", "Đ." for Phường, Quận, Thành phố, Đường. */
    ADDRESS_ABBREVIATED,
    /** The address the person lived at before moving. */
    OLDER_ADDRESS_AFTER_MOVE,
    // phones
    PHONE_MISSING,
    /** "+84 905 123 456". */
    PHONE_PLUS84,
    /** "0905 123 456", "0905.123.456". */
    PHONE_SPACES_OR_DOTS,
    /** The 11-digit number from before the 2018 renumbering ("0168…" for "038…"); only where one existed. */
    PHONE_BEFORE_2018,
    // records
    /** A second record of the same person in the same system, mangled independently. */
    DUPLICATE_RECORD,
    /** A child's record carries a parent's phone number. */
    PARENT_PHONE,
    /** A newborn recorded before having a name: "Con bà <mother's name>". */
    NEWBORN_UNNAMED,
    /** A utility account still in the name of the household's deceased former head. */
    DECEASED_HOLDER,
    /** FHIR gender "unknown". */
    GENDER_UNKNOWN
}
