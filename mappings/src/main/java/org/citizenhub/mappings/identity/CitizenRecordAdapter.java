package org.citizenhub.mappings.identity;

import java.util.HashMap;
import java.util.Map;

import org.citizenhub.mappings.citizen.Address;
import org.citizenhub.mappings.citizen.CitizenRecord;

/**
 * Turns a canonical {@link CitizenRecord} into the engine's {@link MatchRecord}, with the column names
 * of the shipped {@code citizen} configuration (those of the population database's view). The record
 * id is the source reference key ({@code HEALTH:BN00000001}) and the source the system's name. The
 * current address is used when known, else the permanent one.
 */
public final class CitizenRecordAdapter {

    private CitizenRecordAdapter() {
    }

    public static MatchRecord toMatchRecord(CitizenRecord r) {
        Map<String, String> f = new HashMap<>();
        if (r.personalId() != null && !r.personalId().isBlank()) {
            f.put("personalId", r.personalId());
        } else if (r.legacyId() != null) {
            f.put("idNumber", r.legacyId());
        }
        f.put("fullName", r.name().full());
        if (r.dateOfBirth() != null) {
            f.put("dateOfBirth", r.dateOfBirth().toString());
        }
        if (r.sex() != null) {
            f.put("sex", r.sex().name());
        }
        put(f, "phone", r.phone());
        put(f, "email", r.email());
        Address a = r.currentAddress() != null ? r.currentAddress() : r.permanentAddress();
        if (a != null) {
            put(f, "houseNumber", a.houseNumber());
            put(f, "street", a.street());
            put(f, "ward", a.ward());
            put(f, "district", a.district());
            put(f, "city", a.city());
        }
        return new MatchRecord(r.sourceRef().key(), r.provenance().sourceSystem().name(), f);
    }

    private static void put(Map<String, String> f, String key, String value) {
        if (value != null && !value.isBlank()) {
            f.put(key, value);
        }
    }
}
