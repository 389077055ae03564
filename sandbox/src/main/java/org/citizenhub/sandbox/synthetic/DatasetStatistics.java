package org.citizenhub.sandbox.synthetic;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.citizenhub.mappings.citizen.SourceSystem;

/**
 * What an exported dataset contains, for the people who benchmark on it: records per system, true
 * pairs (every pair of records of the same person, within and across systems), hard-negative pairs
 * by kind, and the corruption rates actually applied next to the configured ones.
 */
public record DatasetStatistics(
        int residents,
        int nonResidents,
        Map<SourceSystem, Integer> recordsPerSystem,
        Map<SourceSystem, Integer> peoplePerSystem,
        long truePairs,
        Map<String, Long> truePairsBySystems,
        Map<HardNegatives.Kind, long[]> hardNegatives,
        List<CorruptionRow> corruptions) {

    /** One corruption of one system: configured rate, how often it could apply, how often it did. */
    public record CorruptionRow(SourceSystem system, Corruption corruption, double configuredRate,
                                long opportunities, long applied) {
        public double appliedRate() {
            return opportunities == 0 ? 0 : (double) applied / opportunities;
        }
    }

    public static DatasetStatistics of(SyntheticDataset dataset) {
        List<SourceSystem> systems = new ArrayList<>(dataset.views().keySet());
        Map<SourceSystem, Integer> records = new EnumMap<>(SourceSystem.class);
        Map<SourceSystem, Integer> people = new EnumMap<>(SourceSystem.class);
        // Records per person and system; summed only, so hash order never reaches the output.
        Map<String, int[]> perPerson = new HashMap<>();
        for (SourceSystem s : systems) {
            List<ViewRecord> view = dataset.view(s);
            records.put(s, view.size());
            int distinct = 0;
            for (ViewRecord r : view) {
                int[] counts = perPerson.computeIfAbsent(r.personKey(), k -> new int[SourceSystem.values().length]);
                if (counts[s.ordinal()] == 0) {
                    distinct++;
                }
                counts[s.ordinal()]++;
            }
            people.put(s, distinct);
        }
        long total = 0;
        long[][] bySystems = new long[SourceSystem.values().length][SourceSystem.values().length];
        for (int[] c : perPerson.values()) {
            long n = 0;
            for (int i = 0; i < c.length; i++) {
                n += c[i];
                bySystems[i][i] += (long) c[i] * (c[i] - 1) / 2;
                for (int j = i + 1; j < c.length; j++) {
                    bySystems[i][j] += (long) c[i] * c[j];
                }
            }
            total += n * (n - 1) / 2;
        }
        Map<String, Long> truePairsBySystems = new LinkedHashMap<>();
        for (int a = 0; a < systems.size(); a++) {
            for (int b = a; b < systems.size(); b++) {
                SourceSystem s = systems.get(a);
                SourceSystem t = systems.get(b);
                truePairsBySystems.put(s == t ? s.name() : s.name() + "-" + t.name(), bySystems[s.ordinal()][t.ordinal()]);
            }
        }
        Map<HardNegatives.Kind, long[]> hard = new EnumMap<>(HardNegatives.Kind.class);
        HardNegatives.of(dataset.population()).forEach((kind, pairs) -> {
            long recordPairs = 0;
            for (HardNegatives.Pair p : pairs) {
                recordPairs += (long) sum(perPerson.get(p.first())) * sum(perPerson.get(p.second()));
            }
            hard.put(kind, new long[] {pairs.size(), recordPairs});
        });
        List<CorruptionRow> rows = new ArrayList<>();
        for (SourceSystem s : systems) {
            for (Corruption c : Corruption.values()) {
                long opportunities = dataset.tally().opportunities(s, c);
                double configured = dataset.profiles().getOrDefault(s, ErrorProfile.clean()).rate(c);
                if (opportunities > 0 && configured > 0) {
                    rows.add(new CorruptionRow(s, c, configured, opportunities, dataset.tally().applied(s, c)));
                }
            }
        }
        return new DatasetStatistics(dataset.population().people().size(), dataset.nonResidents().size(), records, people,
                total, truePairsBySystems, hard, rows);
    }

    private static int sum(int[] counts) {
        if (counts == null) {
            return 0;
        }
        int n = 0;
        for (int c : counts) {
            n += c;
        }
        return n;
    }

    public int totalRecords() {
        return recordsPerSystem.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** A plain-text report, the same bytes for the same dataset. */
    public String report() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "people: %,d residents, %,d non-residents%n", residents, nonResidents));
        sb.append(String.format(Locale.ROOT, "%nrecords per system (distinct people):%n"));
        recordsPerSystem.forEach((s, n) -> sb.append(String.format(Locale.ROOT, "  %-12s %,10d  (%,d)%n", s, n, peoplePerSystem.get(s))));
        sb.append(String.format(Locale.ROOT, "  %-12s %,10d%n", "total", totalRecords()));
        sb.append(String.format(Locale.ROOT, "%ntrue pairs (record pairs of the same person): %,d%n", truePairs));
        truePairsBySystems.forEach((k, n) -> {
            if (n > 0) {
                sb.append(String.format(Locale.ROOT, "  %-24s %,12d%n", k, n));
            }
        });
        sb.append(String.format(Locale.ROOT, "%nhard-negative pairs (different people), person pairs / record pairs:%n"));
        hardNegatives.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %-26s %,10d %,12d%n", k, v[0], v[1])));
        sb.append(String.format(Locale.ROOT, "%ncorruptions: system, kind, configured rate, applied/opportunities = applied rate%n"));
        for (CorruptionRow r : corruptions) {
            sb.append(String.format(Locale.ROOT, "  %-12s %-24s %6.3f %,9d/%,-9d = %6.4f%n", r.system(), r.corruption(),
                    r.configuredRate(), r.applied(), r.opportunities(), r.appliedRate()));
        }
        return sb.toString();
    }
}
