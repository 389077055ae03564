package org.citizenhub.mappings.school;

/**
 * The key of one student's results in one school year, e.g. {@code 2025-2026/4800000123}. A term
 * file delivered again, or corrected, carries the same keys, so its rows replace the earlier ones
 * instead of adding to them. The connector (before mapping) and the mapper (after) must agree on
 * it, hence one definition: the school year is canonicalised when it can be read.
 */
public final class SchoolRowKey {

    private SchoolRowKey() {
    }

    public static String of(String schoolYear, String studentCode) {
        String year = SchoolYear.tryParse(schoolYear).map(SchoolYear::toString)
                .orElse(schoolYear == null ? "" : schoolYear.strip());
        return year + "/" + (studentCode == null ? "" : studentCode.strip());
    }
}
