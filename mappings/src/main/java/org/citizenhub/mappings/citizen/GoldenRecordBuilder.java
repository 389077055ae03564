package org.citizenhub.mappings.citizen;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import org.citizenhub.mappings.id.PersonalIdNumber;

/**
 * Builds a golden record from the source records linked to one person, field by field, under the
 * survivorship rules: source authority per field, then the rules' tie-breakers (recency,
 * verification), then the source key.
 */
public final class GoldenRecordBuilder {

    private final Supplier<SurvivorshipRules> rules;

    public GoldenRecordBuilder(SurvivorshipRules rules) {
        Objects.requireNonNull(rules, "rules");
        this.rules = () -> rules;
    }

    /** Rules that may change while the hub runs (after a rule change and a re-run). */
    public GoldenRecordBuilder(Supplier<SurvivorshipRules> rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    /** The rules in force now. */
    public SurvivorshipRules rules() {
        return rules.get();
    }

    public GoldenCitizen build(String citizenId, long version, List<CitizenRecord> sources) {
        return build(citizenId, version, sources, rules.get());
    }

    /** Builds under the given rules instead of the ones in force (a dry-run of a rule change). */
    public GoldenCitizen build(String citizenId, long version, List<CitizenRecord> sources, SurvivorshipRules rules) {
        Map<CitizenField, Sourced<?>> chosen = new EnumMap<>(CitizenField.class);
        for (CitizenField field : CitizenField.values()) {
            sources.stream()
                    .filter(r -> field.valueIn(r) != null)
                    .min(order(field, rules))
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

    /** Best first: the most authoritative system, then the tie-breakers in order, then the source key. */
    private static Comparator<CitizenRecord> order(CitizenField field, SurvivorshipRules rules) {
        Comparator<CitizenRecord> order = Comparator.<CitizenRecord>comparingInt(r -> rules.rank(field, r.provenance().sourceSystem()));
        for (SurvivorshipRules.Tiebreak tiebreak : rules.tiebreaks()) {
            order = switch (tiebreak) {
                case RECENCY -> order.thenComparing(r -> r.provenance().retrievedAt(), Comparator.reverseOrder());
                case VERIFICATION -> order.thenComparing(r -> verified(r) ? 0 : 1);
            };
        }
        return order.thenComparing(r -> r.sourceRef().key());
    }

    /** A record whose personal ID number is a CCCD consistent with its own date of birth and sex. */
    static boolean verified(CitizenRecord record) {
        return record.personalId() != null && !record.personalId().isBlank()
                && PersonalIdNumber.validate(record.personalId(), record.dateOfBirth(), record.sex()).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private <T> Sourced<T> get(Map<CitizenField, Sourced<?>> chosen, CitizenField field) {
        return (Sourced<T>) chosen.get(field);
    }
}
