package org.citizenhub.mappings.citizen;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The hub's single best view of a person, built by survivorship from every source record linked to
 * it. Each field carries the provenance of the source it was taken from; absent fields are null.
 *
 * @param citizenId     the hub's own stable id of the person
 * @param version       increases by one each time a surviving value changes
 * @param sourceRecords every source record this golden record was built from
 */
public record GoldenCitizen(
        String citizenId,
        long version,
        Sourced<String> personalId,
        Sourced<String> legacyId,
        Sourced<PersonName> name,
        Sourced<PartialDate> dateOfBirth,
        Sourced<Sex> sex,
        Sourced<String> placeOfOrigin,
        Sourced<Address> permanentAddress,
        Sourced<Address> currentAddress,
        Sourced<HouseholdMembership> household,
        Sourced<String> phone,
        Sourced<String> email,
        Sourced<LocalDate> dateOfDeath,
        List<SourceRef> sourceRecords) {

    public GoldenCitizen {
        Objects.requireNonNull(citizenId, "citizenId");
        sourceRecords = List.copyOf(sourceRecords);
    }

    /** The fields whose surviving value differs from {@code previous} (provenance alone does not count). */
    public Set<CitizenField> changedFieldsSince(GoldenCitizen previous) {
        Set<CitizenField> changed = EnumSet.noneOf(CitizenField.class);
        for (CitizenField field : CitizenField.values()) {
            if (!Objects.equals(valueOf(field.valueIn(this)), previous == null ? null : valueOf(field.valueIn(previous)))) {
                changed.add(field);
            }
        }
        return changed;
    }

    private static Object valueOf(Sourced<?> sourced) {
        return sourced == null ? null : sourced.value();
    }

    public GoldenCitizen withVersion(long newVersion) {
        return new GoldenCitizen(citizenId, newVersion, personalId, legacyId, name, dateOfBirth, sex, placeOfOrigin,
                permanentAddress, currentAddress, household, phone, email, dateOfDeath, sourceRecords);
    }

    public GoldenCitizen withSourceRecords(List<SourceRef> refs) {
        return new GoldenCitizen(citizenId, version, personalId, legacyId, name, dateOfBirth, sex, placeOfOrigin,
                permanentAddress, currentAddress, household, phone, email, dateOfDeath, refs);
    }
}
