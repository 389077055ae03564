package org.citizenhub.bench.identity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.citizenhub.mappings.identity.BatchResolver;
import org.citizenhub.mappings.identity.CandidatePairs;
import org.citizenhub.mappings.identity.CsvReader;
import org.citizenhub.mappings.identity.MatchConfig;
import org.citizenhub.mappings.identity.Outcome;
import org.citizenhub.mappings.identity.PairwiseEvaluation;
import org.citizenhub.mappings.identity.RecordTable;

/**
 * Identity resolution of the synthetic Đà Nẵng population as exported by the sandbox
 * ({@code export --size N --out DIR}): all systems' files deduplicated together with the shipped
 * citizen configuration, scored against {@code truth.csv}: pairwise precision, recall, F1 and blocking
 * recall overall and per pair of systems, and what happened to the hard negatives (different people
 * who look alike: same name in one household, twins, same name and birth date, shared phone, same
 * household): how many record pairs were linked, sent to review, kept apart; and how many linked pairs
 * carry conflicting strong evidence (must be 0).
 *
 * <pre>java -Xmx4g -cp bench/target/citizen-hub-bench-0.1.0-SNAPSHOT-exec.jar \
 *     -Dloader.main=org.citizenhub.bench.identity.SyntheticBenchmark org.springframework.boot.loader.launch.PropertiesLauncher DIR</pre>
 */
public final class SyntheticBenchmark {

    enum Kind { SAME_NAME_IN_HOUSEHOLD, TWINS, SAME_NAME_AND_BIRTH_DATE, SHARED_PHONE, SAME_HOUSEHOLD }

    private SyntheticBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        Path dir = Path.of(args.length > 0 ? args[0] : "target/synthetic");
        List<Path> files = new ArrayList<>();
        for (String system : List.of("population", "health", "school", "electricity", "water", "sanitation", "portal")) {
            if (Files.exists(dir.resolve(system + ".csv"))) {
                files.add(dir.resolve(system + ".csv"));
            }
        }
        BatchResolver.Result r = BatchResolver.dedupe(MatchConfig.load(args.length > 1 ? args[1] : "citizen"), files,
                dir.resolve("truth.csv"), System.out::println);
        PairwiseEvaluation e = r.evaluate();
        System.out.printf("%nrecords %,d | candidate pairs %,d | links %,d | reviews %,d | time %.1f s%n", r.table().size(),
                r.candidates().size(), r.count(Outcome.LINK), r.count(Outcome.REVIEW), r.timings().total() / 1000.0);
        System.out.printf("pairwise precision %.4f recall %.4f F1 %.4f | blocking recall %.4f (%,d true pairs)%n",
                e.precision(), e.recall(), e.f1(), e.blockingRecall(), e.truePairs());
        List<String> sources = r.table().sourceNames();
        System.out.println("per pair of systems:");
        for (int a = 0; a < sources.size(); a++) {
            for (int b = a; b < sources.size(); b++) {
                PairwiseEvaluation s = r.evaluate(a, b);
                if (s.truePairs() > 0 || s.predictedPairs() > 0) {
                    System.out.printf("  %-25s precision %.4f recall %.4f F1 %.4f (true pairs %,d, predicted %,d)%n",
                            sources.get(a) + "-" + sources.get(b), s.precision(), s.recall(), s.f1(), s.truePairs(), s.predictedPairs());
                }
            }
        }
        hardNegatives(dir, r);
    }

    private static void hardNegatives(Path dir, BatchResolver.Result r) throws IOException {
        Map<String, String> personOf = new HashMap<>();
        try (CsvReader truth = new CsvReader(dir.resolve("truth.csv"), ',', true, "UTF-8")) {
            String[] row;
            while ((row = truth.next()) != null) {
                personOf.put(row[1].toLowerCase(Locale.ROOT) + ":" + row[0], row[2]);
            }
        }
        RecordTable table = r.table();
        List<String> sources = table.sourceNames();
        Map<String, List<Integer>> rowsOf = new HashMap<>();
        for (int row = 0; row < table.size(); row++) {
            String person = personOf.get(sources.get(table.source(row)) + ":" + table.id(row));
            if (person != null) {
                rowsOf.computeIfAbsent(person, k -> new ArrayList<>()).add(row);
            }
        }
        Map<Kind, Set<String>> pairs = hardNegativePersonPairs(dir, personOf);
        Set<Long> reviewed = new HashSet<>();
        CandidatePairs c = r.candidates();
        for (int i = 0; i < c.size(); i++) {
            if (r.outcome(i) == Outcome.REVIEW) {
                reviewed.add(((long) c.left(i) << 32) | c.right(i));
            }
        }
        int[] cluster = r.clusterOf();
        System.out.println("hard negatives (different people), record pairs: linked / reviewed / kept apart  (person pairs)");
        for (Map.Entry<Kind, Set<String>> e : pairs.entrySet()) {
            long linked = 0;
            long review = 0;
            long apart = 0;
            for (String pair : e.getValue()) {
                String[] p = pair.split("\\|");
                for (int a : rowsOf.getOrDefault(p[0], List.of())) {
                    for (int b : rowsOf.getOrDefault(p[1], List.of())) {
                        if (cluster[a] == cluster[b]) {
                            linked++;
                        } else if (reviewed.contains(((long) Math.min(a, b) << 32) | Math.max(a, b))) {
                            review++;
                        } else {
                            apart++;
                        }
                    }
                }
            }
            System.out.printf("  %-26s %,8d / %,8d / %,10d  (%,d)%n", e.getKey(), linked, review, apart, e.getValue().size());
        }
        Map<Integer, List<Integer>> members = new HashMap<>();
        for (int row = 0; row < cluster.length; row++) {
            members.computeIfAbsent(cluster[row], k -> new ArrayList<>()).add(row);
        }
        long conflicting = 0;
        for (List<Integer> m : members.values()) {
            for (int i = 0; i < m.size(); i++) {
                for (int j = i + 1; j < m.size(); j++) {
                    if (r.scorer().conflicting(m.get(i), m.get(j))) {
                        conflicting++;
                    }
                }
            }
        }
        System.out.printf("linked record pairs with conflicting strong evidence (vetoes: different valid IDs, full birth dates, sex): %,d%n",
                conflicting);
    }

    /** Hard-negative person pairs from the population database view (the truth knows every resident there). */
    private static Map<Kind, Set<String>> hardNegativePersonPairs(Path dir, Map<String, String> personOf) throws IOException {
        Map<String, List<String[]>> households = new LinkedHashMap<>();
        Map<String, List<String>> byNameAndBirth = new HashMap<>();
        Map<String, List<String>> byPhone = new HashMap<>();
        try (CsvReader population = new CsvReader(dir.resolve("population.csv"), ',', true, "UTF-8")) {
            List<String> h = population.header();
            int id = h.indexOf("recordId");
            int name = h.indexOf("fullName");
            int dob = h.indexOf("dateOfBirth");
            int household = h.indexOf("householdId");
            int phone = h.indexOf("phone");
            String[] row;
            while ((row = population.next()) != null) {
                String person = personOf.get("population:" + row[id]);
                if (person == null) {
                    continue;
                }
                households.computeIfAbsent(row[household], k -> new ArrayList<>()).add(new String[] {person, row[name], row[dob]});
                byNameAndBirth.computeIfAbsent(row[name] + "|" + row[dob], k -> new ArrayList<>()).add(person + "|" + row[household]);
                if (!row[phone].isBlank()) {
                    byPhone.computeIfAbsent(row[phone], k -> new ArrayList<>()).add(person);
                }
            }
        }
        Map<Kind, Set<String>> pairs = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            pairs.put(k, new HashSet<>());
        }
        for (List<String[]> members : households.values()) {
            for (int i = 0; i < members.size(); i++) {
                for (int j = i + 1; j < members.size(); j++) {
                    String pair = members.get(i)[0] + "|" + members.get(j)[0];
                    pairs.get(Kind.SAME_HOUSEHOLD).add(pair);
                    if (members.get(i)[1].equals(members.get(j)[1])) {
                        pairs.get(Kind.SAME_NAME_IN_HOUSEHOLD).add(pair);
                    }
                    if (members.get(i)[2].equals(members.get(j)[2])) {
                        pairs.get(Kind.TWINS).add(pair);
                    }
                }
            }
        }
        for (List<String> group : byNameAndBirth.values()) {
            for (int i = 0; i < group.size(); i++) {
                for (int j = i + 1; j < group.size(); j++) {
                    String[] a = group.get(i).split("\\|");
                    String[] b = group.get(j).split("\\|");
                    if (!a[1].equals(b[1])) {
                        pairs.get(Kind.SAME_NAME_AND_BIRTH_DATE).add(a[0] + "|" + b[0]);
                    }
                }
            }
        }
        for (List<String> group : byPhone.values()) {
            for (int i = 0; i < group.size(); i++) {
                for (int j = i + 1; j < group.size(); j++) {
                    pairs.get(Kind.SHARED_PHONE).add(group.get(i) + "|" + group.get(j));
                }
            }
        }
        return pairs;
    }
}
