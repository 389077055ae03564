package org.citizenhub.mappings.citizen;

/**
 * A postal address as a source wrote it, split into parts. {@code district} is empty for
 * addresses in the post-2025 units (districts were abolished on 1 July 2025).
 * {@code wardCode} is the 5-digit statistics code when the source gives it or it could be resolved.
 */
public record Address(String houseNumber, String street, String ward, String wardCode,
                      String district, String city, AdminEra era) {
    public Address {
        houseNumber = blankToEmpty(houseNumber);
        street = blankToEmpty(street);
        ward = blankToEmpty(ward);
        wardCode = blankToEmpty(wardCode);
        district = blankToEmpty(district);
        city = blankToEmpty(city);
        if (era == null) {
            era = district.isEmpty() ? AdminEra.FROM_2025 : AdminEra.BEFORE_2025;
        }
    }

    private static String blankToEmpty(String s) {
        return s == null ? "" : s.strip();
    }

    /** The address on one line, as printed on a form. */
    public String oneLine() {
        StringBuilder sb = new StringBuilder();
        for (String part : new String[] {houseNumber.isEmpty() ? street : houseNumber + " " + street, ward, district, city}) {
            if (!part.isBlank()) {
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(part);
            }
        }
        return sb.toString();
    }

    /** Which set of administrative units the address is written in. */
    public enum AdminEra { BEFORE_2025, FROM_2025 }
}
