package org.citizenhub.sandbox.synthetic;

import java.util.EnumMap;
import java.util.Map;

import org.citizenhub.mappings.citizen.SourceSystem;

/**
 * How often each corruption could apply (opportunities) and was applied, per system: the rates
 * actually applied, printed with every export. Mutable while views are built, then read only.
 */
public final class CorruptionTally {

    private final Map<SourceSystem, Map<Corruption, long[]>> counts = new EnumMap<>(SourceSystem.class);

    void count(SourceSystem system, Corruption corruption, boolean applied) {
        long[] c = counts.computeIfAbsent(system, s -> new EnumMap<>(Corruption.class))
                .computeIfAbsent(corruption, k -> new long[2]);
        c[0]++;
        if (applied) {
            c[1]++;
        }
    }

    public long opportunities(SourceSystem system, Corruption corruption) {
        return entry(system, corruption)[0];
    }

    public long applied(SourceSystem system, Corruption corruption) {
        return entry(system, corruption)[1];
    }

    /** Applied / opportunities, or 0 when it never could apply. */
    public double rate(SourceSystem system, Corruption corruption) {
        long[] c = entry(system, corruption);
        return c[0] == 0 ? 0 : (double) c[1] / c[0];
    }

    private long[] entry(SourceSystem system, Corruption corruption) {
        return counts.getOrDefault(system, Map.of()).getOrDefault(corruption, new long[2]);
    }
}
