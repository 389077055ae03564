package org.citizenhub.mappings.school;

import java.util.Objects;
import java.util.Optional;

import org.citizenhub.mappings.citizen.CitizenRecord;
import org.citizenhub.mappings.citizen.PersonName;
import org.citizenhub.mappings.citizen.Provenance;

/**
 * The guardian a term-file row names for a student: a name and maybe a phone, nothing else — not
 * enough to be a person of its own, but enough to link the guardian through the student's household
 * later. Its source record id is the student code with a {@code /guardian} suffix, so it never
 * collides with the student's own record and a corrected row replaces it.
 */
public record GuardianContact(Provenance provenance, String studentCode, PersonName name, String phone) {

    static final String RECORD_ID_SUFFIX = "/guardian";

    public GuardianContact {
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(studentCode, "studentCode");
        Objects.requireNonNull(name, "name");
    }

    public static String recordIdFor(String studentCode) {
        return studentCode + RECORD_ID_SUFFIX;
    }

    public Optional<String> phoneNumber() {
        return Optional.ofNullable(phone);
    }

    /** The guardian as a canonical source record (name and phone only) for identity resolution. */
    public CitizenRecord toCitizenRecord() {
        return new CitizenRecord(provenance, null, null, name, null, null, null, null, null, null, phone, null, null);
    }
}
