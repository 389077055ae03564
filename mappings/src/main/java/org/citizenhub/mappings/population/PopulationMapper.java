package org.citizenhub.mappings.population;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.citizenhub.mappings.citizen.Address;
import org.citizenhub.mappings.citizen.CitizenRecord;
import org.citizenhub.mappings.citizen.HouseholdMembership;
import org.citizenhub.mappings.citizen.InvalidSourceRecordException;
import org.citizenhub.mappings.citizen.Mapped;
import org.citizenhub.mappings.citizen.PartialDate;
import org.citizenhub.mappings.citizen.PersonName;
import org.citizenhub.mappings.citizen.Provenance;
import org.citizenhub.mappings.citizen.Relation;
import org.citizenhub.mappings.citizen.Sex;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.id.DataQualityFinding;
import org.citizenhub.mappings.id.PersonalIdNumber;

/**
 * Maps the population database's record to the canonical citizen. The population database keys its
 * records by the personal ID number, so that is the source record id. An inconsistent ID number is a
 * finding, not a failure; a record without an ID, a name or a readable birth date cannot be mapped.
 */
public final class PopulationMapper {

    public Mapped map(PopulationRecord source, Instant retrievedAt) {
        String personalId = PersonalIdNumber.clean(source.personalId());
        if (personalId.isEmpty()) {
            throw new InvalidSourceRecordException("population record without a personal ID number");
        }
        PersonName name;
        try {
            name = new PersonName(source.familyName(), source.middleName(), source.givenName());
        } catch (IllegalArgumentException e) {
            throw new InvalidSourceRecordException("population record without a name");
        }
        PartialDate dateOfBirth = parseDate(source.dateOfBirth(), "dateOfBirth");
        Sex sex = parseSex(source.sex());
        List<DataQualityFinding> findings = new ArrayList<>(PersonalIdNumber.validate(personalId, dateOfBirth, sex));

        Address permanent = new Address(source.houseNumber(), source.street(), source.ward(), source.wardCode(),
                "", source.city(), Address.AdminEra.FROM_2025);
        HouseholdMembership household = source.householdId().isBlank() ? null
                : new HouseholdMembership(source.householdId(), parseRelation(source.relationToHead()));
        LocalDate dateOfDeath = source.dateOfDeath().isBlank() ? null
                : parseDate(source.dateOfDeath(), "dateOfDeath").toLocalDate()
                        .orElseThrow(() -> new InvalidSourceRecordException("dateOfDeath must be a full date"));

        CitizenRecord record = new CitizenRecord(
                new Provenance(SourceSystem.POPULATION, personalId, retrievedAt),
                personalId, null, name, dateOfBirth, sex, blankToNull(source.placeOfOrigin()),
                permanent, null, household, blankToNull(source.phone()), blankToNull(source.email()), dateOfDeath);
        return new Mapped(record, findings);
    }

    private static PartialDate parseDate(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new InvalidSourceRecordException(field + " is missing");
        }
        try {
            return PartialDate.parse(text);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new InvalidSourceRecordException(field + " is not a date (yyyy, yyyy-MM or yyyy-MM-dd)");
        }
    }

    private static Sex parseSex(String text) {
        return switch (text == null ? "" : text.strip().toUpperCase()) {
            case "MALE", "NAM" -> Sex.MALE;
            case "FEMALE", "NỮ", "NU" -> Sex.FEMALE;
            default -> throw new InvalidSourceRecordException("sex must be MALE or FEMALE");
        };
    }

    private static Relation parseRelation(String text) {
        try {
            return Relation.valueOf(text.strip().toUpperCase());
        } catch (IllegalArgumentException | NullPointerException e) {
            return Relation.OTHER;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
