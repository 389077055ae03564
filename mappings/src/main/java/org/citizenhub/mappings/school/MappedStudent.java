package org.citizenhub.mappings.school;

import java.util.Objects;
import java.util.Optional;

import org.citizenhub.mappings.citizen.Mapped;

/**
 * A term-file row mapped: the student as a canonical source record (with the row's findings), the
 * year's results, and the guardian contact when the row names one.
 */
public record MappedStudent(Mapped student, SchoolResult result, Optional<GuardianContact> guardian) {
    public MappedStudent {
        Objects.requireNonNull(student, "student");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(guardian, "guardian");
    }
}
