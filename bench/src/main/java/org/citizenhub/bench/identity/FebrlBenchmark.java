package org.citizenhub.bench.identity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import no.priv.garshol.duke.Record;

import org.citizenhub.mappings.identity.BatchResolver;
import org.citizenhub.mappings.identity.MatchConfig;
import org.citizenhub.mappings.identity.PairwiseEvaluation;

/**
 * Prints our engine's and Duke's pairwise precision, recall, F1 and time side by side on FEBRL3
 * (deduplication) and FEBRL4 (linkage of 4a to 4b). Labels (the entity number in the record id) are used
 * only for scoring. Duke's links are closed transitively (as our clusters are) before scoring; its
 * raw pairwise figures are printed too.
 *
 * <pre>java -Xmx4g -jar bench/target/citizen-hub-bench-0.1.0-SNAPSHOT-exec.jar ../shared/data/febrl</pre>
 */
public final class FebrlBenchmark {

    private FebrlBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/data/febrl");
        if (!Files.isDirectory(dir)) {
            System.out.println("no FEBRL folder at " + dir + " (give its path as the first argument)");
            System.exit(2);
        }
        int threads = Runtime.getRuntime().availableProcessors();
        Consumer<String> quiet = m -> { };
        System.out.println("dataset  engine       precision  recall     F1        time");

        long t0 = System.nanoTime();
        BatchResolver.Result ours3 = BatchResolver.dedupe(MatchConfig.load("febrl-dedupe"), List.of(dir.resolve("dataset3.csv")), quiet);
        print("FEBRL3", "citizen-hub", ours3.evaluate(), t0);
        List<Record> d3 = DukeRun.read(dir.resolve("dataset3.csv"));
        t0 = System.nanoTime();
        List<String[]> duke3 = DukeRun.run(d3, null, threads);
        long t1 = System.nanoTime();
        printDuke("FEBRL3", d3, null, duke3, t0, t1);

        t0 = System.nanoTime();
        BatchResolver.Result ours4 = BatchResolver.link(MatchConfig.load("febrl-link"), dir.resolve("dataset4a.csv"),
                dir.resolve("dataset4b.csv"), quiet);
        print("FEBRL4", "citizen-hub", ours4.evaluate(), t0);
        List<Record> a = DukeRun.read(dir.resolve("dataset4a.csv"));
        List<Record> b = DukeRun.read(dir.resolve("dataset4b.csv"));
        t0 = System.nanoTime();
        List<String[]> duke4 = DukeRun.run(a, b, threads);
        t1 = System.nanoTime();
        printDuke("FEBRL4", a, b, duke4, t0, t1);
    }

    private static void print(String dataset, String engine, PairwiseEvaluation e, long t0) {
        System.out.printf("%-8s %-12s %.4f     %.4f     %.4f    %.2f s%n", dataset, engine, e.precision(), e.recall(), e.f1(),
                (System.nanoTime() - t0) / 1e9);
    }

    private static void printDuke(String dataset, List<Record> left, List<Record> right, List<String[]> matches, long t0, long t1) {
        Map<String, String> truth = new HashMap<>();
        Map<String, Integer> side = new HashMap<>();
        for (Record r : left) {
            truth.put(r.getValue("ID"), entity(r.getValue("ID")));
            side.put(r.getValue("ID"), 0);
        }
        if (right != null) {
            for (Record r : right) {
                truth.put(r.getValue("ID"), entity(r.getValue("ID")));
                side.put(r.getValue("ID"), 1);
            }
        }
        // true pairs
        Map<String, int[]> perEntity = new HashMap<>();
        for (Map.Entry<String, String> e : truth.entrySet()) {
            perEntity.computeIfAbsent(e.getValue(), k -> new int[2])[side.get(e.getKey())]++;
        }
        long truePairs = 0;
        for (int[] c : perEntity.values()) {
            truePairs += right == null ? (long) c[0] * (c[0] - 1) / 2 : (long) c[0] * c[1];
        }
        // raw pairs
        Set<String> seen = new HashSet<>();
        long raw = 0;
        long rawCorrect = 0;
        Map<String, String> parent = new HashMap<>();
        for (String[] m : matches) {
            String key = m[0].compareTo(m[1]) < 0 ? m[0] + "|" + m[1] : m[1] + "|" + m[0];
            if (m[0].equals(m[1]) || !seen.add(key)) {
                continue;
            }
            raw++;
            if (truth.get(m[0]).equals(truth.get(m[1]))) {
                rawCorrect++;
            }
            parent.put(find(parent, m[0]), find(parent, m[1]));
        }
        // transitive closure: clusters
        Map<String, Map<String, int[]>> clusters = new HashMap<>();
        for (String id : truth.keySet()) {
            clusters.computeIfAbsent(find(parent, id), k -> new HashMap<>())
                    .computeIfAbsent(truth.get(id), k -> new int[2])[side.get(id)]++;
        }
        long predicted = 0;
        long correct = 0;
        for (Map<String, int[]> byEntity : clusters.values()) {
            int[] all = new int[2];
            for (int[] c : byEntity.values()) {
                all[0] += c[0];
                all[1] += c[1];
                correct += right == null ? (long) c[0] * (c[0] - 1) / 2 : (long) c[0] * c[1];
            }
            predicted += right == null ? (long) all[0] * (all[0] - 1) / 2 : (long) all[0] * all[1];
        }
        PairwiseEvaluation clustered = new PairwiseEvaluation(truePairs, predicted, correct, truePairs);
        PairwiseEvaluation pairs = new PairwiseEvaluation(truePairs, raw, rawCorrect, truePairs);
        System.out.printf("%-8s %-12s %.4f     %.4f     %.4f    %.2f s  (Duke's own pairs: P %.4f R %.4f F1 %.4f)%n", dataset,
                "duke 1.2", clustered.precision(), clustered.recall(), clustered.f1(), (t1 - t0) / 1e9, pairs.precision(),
                pairs.recall(), pairs.f1());
    }

    private static String entity(String id) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("rec-(\\d+)-").matcher(id);
        return m.find() ? m.group(1) : id;
    }

    private static String find(Map<String, String> parent, String x) {
        String p = parent.getOrDefault(x, x);
        if (p.equals(x)) {
            return x;
        }
        String root = find(parent, p);
        parent.put(x, root);
        return root;
    }
}
