package org.citizenhub.mappings.school;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A school year from September to May, written "2025-2026" (also "2025 - 2026", "2025/2026", "2025–2026"). */
public record SchoolYear(int startYear) {

    private static final Pattern TEXT = Pattern.compile("\\s*(\\d{4})\\s*[-/–]\\s*(\\d{4})\\s*");

    public SchoolYear {
        if (startYear < 1975 || startYear > 2100) {
            throw new IllegalArgumentException("school year out of range");
        }
    }

    /** Empty when the text is not two consecutive years. */
    public static Optional<SchoolYear> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        int start = Integer.parseInt(m.group(1));
        int end = Integer.parseInt(m.group(2));
        if (end != start + 1 || start < 1975 || start > 2100) {
            return Optional.empty();
        }
        return Optional.of(new SchoolYear(start));
    }

    @Override
    public String toString() {
        return startYear + "-" + (startYear + 1);
    }
}
