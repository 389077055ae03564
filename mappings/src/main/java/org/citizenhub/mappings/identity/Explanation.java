package org.citizenhub.mappings.identity;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Why a pair got its outcome: the prior, and for every comparison the agreement level, its weight in
 * bits (log2 m/u) and the term-frequency adjustment; the total, the probability and the outcome.
 * Contains no field values, so it may be logged and shown to a data steward beside the records.
 */
public record Explanation(double priorWeight, List<Evidence> evidence, double totalWeight, double probability,
                          Outcome outcome, Optional<String> vetoedBy) {

    /** The contribution of one comparison. {@code level} is "missing" when either record lacks the value. */
    public record Evidence(String comparison, String level, double weight, double termFrequencyAdjustment, boolean veto) {
        public double total() {
            return weight + termFrequencyAdjustment;
        }
    }

    /** One line: {@code LINK p=0.999 w=+21.3 = prior -9.1 | given_name exact +6.2 (tf +1.3) | dob typo +2.0 | ...}. */
    public String summary() {
        StringBuilder b = new StringBuilder();
        b.append(outcome).append(String.format(Locale.ROOT, " p=%.6f w=%+.2f = prior %+.2f", probability, totalWeight, priorWeight));
        for (Evidence e : evidence) {
            b.append(" | ").append(e.comparison()).append(' ').append(e.level());
            b.append(String.format(Locale.ROOT, " %+.2f", e.weight()));
            if (e.termFrequencyAdjustment() != 0) {
                b.append(String.format(Locale.ROOT, " (tf %+.2f)", e.termFrequencyAdjustment()));
            }
            if (e.veto()) {
                b.append(" VETO");
            }
        }
        vetoedBy.ifPresent(v -> b.append(" | not linked automatically: conflicting ").append(v));
        return b.toString();
    }
}
