package org.citizenhub.connectors.vault;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

import org.citizenhub.mappings.citizen.CitizenField;
import org.citizenhub.mappings.citizen.CitizenRecord;
import org.citizenhub.mappings.citizen.GoldenCitizen;
import org.citizenhub.mappings.citizen.Sourced;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.citizen.SurvivorshipRules;

/**
 * The source system each surviving field of a golden record came from, in the compact form kept in
 * {@code citizen.survivors} ({@code NAME=POPULATION;PHONE=PORTAL}). It answers one question without
 * the golden record's JSON: would a new source record change any surviving value?
 */
final class Survivors {

    private final Map<CitizenField, SourceSystem> systems;

    private Survivors(Map<CitizenField, SourceSystem> systems) {
        this.systems = systems;
    }

    static String encode(GoldenCitizen golden) {
        StringJoiner text = new StringJoiner(";");
        for (CitizenField field : CitizenField.values()) {
            Sourced<?> value = field.valueIn(golden);
            if (value != null) {
                text.add(field.name() + "=" + value.provenance().sourceSystem().name());
            }
        }
        return text.toString();
    }

    /** Empty for a column written before survivors were kept (or unreadable): the caller rebuilds instead. */
    static Optional<Survivors> decode(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Map<CitizenField, SourceSystem> systems = new EnumMap<>(CitizenField.class);
        try {
            for (String pair : text.split(";")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                systems.put(CitizenField.valueOf(pair.substring(0, eq)), SourceSystem.valueOf(pair.substring(eq + 1)));
            }
        } catch (RuntimeException unknownName) {
            return Optional.empty();
        }
        return Optional.of(new Survivors(systems));
    }

    /**
     * True when the record, new to this citizen, ranks strictly below the survivor of every field it
     * has a value for: building the golden record again would choose the same values from the same
     * systems. A field without a survivor, or a tie in rank (where the tie-breakers would need the
     * records themselves), is a possible change.
     */
    boolean outrankAll(CitizenRecord record, SurvivorshipRules rules) {
        SourceSystem incoming = record.provenance().sourceSystem();
        for (CitizenField field : CitizenField.values()) {
            if (field.valueIn(record) == null) {
                continue;
            }
            SourceSystem survivor = systems.get(field);
            if (survivor == null || rules.rank(field, incoming) <= rules.rank(field, survivor)) {
                return false;
            }
        }
        return true;
    }
}
