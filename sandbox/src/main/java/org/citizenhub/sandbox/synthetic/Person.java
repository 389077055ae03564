package org.citizenhub.sandbox.synthetic;

import java.time.LocalDate;
import java.util.Objects;

import org.citizenhub.mappings.citizen.Address;
import org.citizenhub.mappings.citizen.PersonName;
import org.citizenhub.mappings.citizen.Relation;
import org.citizenhub.mappings.citizen.Sex;

/**
 * A synthetic resident as the truth knows them: the population database's clean view is exactly
 * this. {@code personKey} is the ground-truth identity every system's record of this person points to.
 * {@code phone}, {@code email} and {@code dateOfDeath} are null when absent.
 */
public record Person(
        String personKey,
        String personalId,
        PersonName name,
        Sex sex,
        LocalDate dateOfBirth,
        String placeOfOrigin,
        String householdId,
        Relation relationToHead,
        Address permanentAddress,
        String phone,
        String email,
        LocalDate dateOfDeath) {

    public Person {
        Objects.requireNonNull(personKey, "personKey");
        Objects.requireNonNull(personalId, "personalId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sex, "sex");
        Objects.requireNonNull(dateOfBirth, "dateOfBirth");
        Objects.requireNonNull(householdId, "householdId");
        Objects.requireNonNull(relationToHead, "relationToHead");
        Objects.requireNonNull(permanentAddress, "permanentAddress");
    }
}
