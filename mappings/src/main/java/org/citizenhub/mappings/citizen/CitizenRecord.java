package org.citizenhub.mappings.citizen;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One source system's view of one person, mapped to the canonical citizen. Every source mapper
 * produces this; identity resolution compares these; the golden record is built from them.
 * Components other than {@code provenance} and {@code name} are null when the source does not know them.
 *
 * @param personalId  12-digit personal ID number (CCCD / số định danh cá nhân), as given (maybe invalid)
 * @param legacyId    9-digit CMND number of older systems
 */
public record CitizenRecord(
        Provenance provenance,
        String personalId,
        String legacyId,
        PersonName name,
        PartialDate dateOfBirth,
        Sex sex,
        String placeOfOrigin,
        Address permanentAddress,
        Address currentAddress,
        HouseholdMembership household,
        String phone,
        String email,
        LocalDate dateOfDeath) {

    public CitizenRecord {
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(name, "name");
    }

    public SourceRef sourceRef() {
        return provenance.sourceRef();
    }
}
