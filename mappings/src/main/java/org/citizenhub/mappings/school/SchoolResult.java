package org.citizenhub.mappings.school;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * A student's results for one school year: what the vault keeps as the school record, beside the
 * student's canonical citizen record. Carries no personal data other than the student code.
 *
 * @param school       the school in the directory's spelling
 * @param averageScore 0.0–10.0; null in primary school, which rates without averages
 * @param conduct      null when the row gave none or one the hub does not know (a finding says which)
 */
public record SchoolResult(String studentCode, String school, SchoolLevel level, String className,
                           SchoolYear schoolYear, BigDecimal averageScore, Conduct conduct) {

    public SchoolResult {
        Objects.requireNonNull(studentCode, "studentCode");
        Objects.requireNonNull(school, "school");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(schoolYear, "schoolYear");
    }

    /** See {@link SchoolRowKey}. */
    public String rowKey() {
        return SchoolRowKey.of(schoolYear.toString(), studentCode);
    }

    public Optional<BigDecimal> average() {
        return Optional.ofNullable(averageScore);
    }

    public Optional<Conduct> conductRating() {
        return Optional.ofNullable(conduct);
    }
}
