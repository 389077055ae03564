package org.citizenhub.mappings.health;

import java.util.List;
import java.util.Objects;

import org.citizenhub.mappings.citizen.CitizenRecord;
import org.citizenhub.mappings.id.DataQualityFinding;

/**
 * A Patient as the canonical citizen, with what the mapper found wrong in it (an ID number that
 * disagrees with the birth date, a newborn's placeholder name, …). Linking must not trust a record
 * with findings on its ID blindly: it goes through identity resolution or to review.
 */
public record MappedPatient(CitizenRecord record, List<DataQualityFinding> findings) {
    public MappedPatient {
        Objects.requireNonNull(record, "record");
        findings = List.copyOf(findings);
    }

    public boolean hasFinding(DataQualityFinding.Code code) {
        return findings.stream().anyMatch(f -> f.code() == code);
    }

    /** Whether the personal ID number is present and consistent, so linking may use it as a key. */
    public boolean hasTrustworthyPersonalId() {
        return record.personalId() != null && findings.stream().noneMatch(f -> "personalId".equals(f.field()));
    }
}
