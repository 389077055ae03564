package org.citizenhub.mappings.citizen;

import java.util.function.Function;

/**
 * The logical fields of the canonical citizen. Survivorship and provenance work per logical field:
 * an address or a name is chosen as a whole from one source, never mixed from several.
 */
public enum CitizenField {
    PERSONAL_ID(CitizenRecord::personalId, GoldenCitizen::personalId),
    LEGACY_ID(CitizenRecord::legacyId, GoldenCitizen::legacyId),
    NAME(CitizenRecord::name, GoldenCitizen::name),
    DATE_OF_BIRTH(CitizenRecord::dateOfBirth, GoldenCitizen::dateOfBirth),
    SEX(CitizenRecord::sex, GoldenCitizen::sex),
    PLACE_OF_ORIGIN(CitizenRecord::placeOfOrigin, GoldenCitizen::placeOfOrigin),
    PERMANENT_ADDRESS(CitizenRecord::permanentAddress, GoldenCitizen::permanentAddress),
    CURRENT_ADDRESS(CitizenRecord::currentAddress, GoldenCitizen::currentAddress),
    HOUSEHOLD(CitizenRecord::household, GoldenCitizen::household),
    PHONE(CitizenRecord::phone, GoldenCitizen::phone),
    EMAIL(CitizenRecord::email, GoldenCitizen::email),
    DATE_OF_DEATH(CitizenRecord::dateOfDeath, GoldenCitizen::dateOfDeath);

    private final Function<CitizenRecord, Object> ofRecord;
    private final Function<GoldenCitizen, Sourced<?>> ofGolden;

    CitizenField(Function<CitizenRecord, Object> ofRecord, Function<GoldenCitizen, Sourced<?>> ofGolden) {
        this.ofRecord = ofRecord;
        this.ofGolden = ofGolden;
    }

    /** The value a source record gives for this field, or null. Blank strings count as absent. */
    public Object valueIn(CitizenRecord record) {
        Object value = ofRecord.apply(record);
        return value instanceof String s && s.isBlank() ? null : value;
    }

    /** The surviving value of the golden record with its provenance, or null. */
    public Sourced<?> valueIn(GoldenCitizen golden) {
        return ofGolden.apply(golden);
    }
}
