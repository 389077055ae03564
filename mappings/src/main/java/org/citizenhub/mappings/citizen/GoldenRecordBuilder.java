package org.citizenhub.mappings.citizen;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Builds a golden record from the source records linked to one person, field by field. */
public final class GoldenRecordBuilder {

    private final SurvivorshipRules rules;

    public GoldenRecordBuilder(SurvivorshipRules rules) {
        this.rules = rules;
    }

    public GoldenCitizen build(String citizenId, long version, List<CitizenRecord> sources) {
        Map<CitizenField, Sourced<?>> chosen = new EnumMap<>(CitizenField.class);
        for (CitizenField field : CitizenField.values()) {
            sources.stream()
                    .filter(r -> field.valueIn(r) != null)
                    .min(Comparator.<CitizenRecord>comparingInt(r -> rules.rank(field, r.provenance().sourceSystem()))
                            .thenComparing(r -> r.provenance().retrievedAt(), Comparator.reverseOrder())
                            .thenComparing(r -> r.sourceRef().key()))
                    .ifPresent(r -> chosen.put(field, new Sourced<>(field.valueIn(r), r.provenance())));
        }
        List<SourceRef> refs = sources.stream().map(CitizenRecord::sourceRef)
                .sorted(Comparator.comparing(SourceRef::key)).toList();
        return new GoldenCitizen(citizenId, version,
                get(chosen, CitizenField.PERSONAL_ID), get(chosen, CitizenField.LEGACY_ID),
                get(chosen, CitizenField.NAME), get(chosen, CitizenField.DATE_OF_BIRTH),
                get(chosen, CitizenField.SEX), get(chosen, CitizenField.PLACE_OF_ORIGIN),
                get(chosen, CitizenField.PERMANENT_ADDRESS), get(chosen, CitizenField.CURRENT_ADDRESS),
                get(chosen, CitizenField.HOUSEHOLD), get(chosen, CitizenField.PHONE),
                get(chosen, CitizenField.EMAIL), this.<LocalDate>get(chosen, CitizenField.DATE_OF_DEATH), refs);
    }

    @SuppressWarnings("unchecked")
    private <T> Sourced<T> get(Map<CitizenField, Sourced<?>> chosen, CitizenField field) {
        return (Sourced<T>) chosen.get(field);
    }
}
