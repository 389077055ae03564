package org.citizenhub.mappings.identity;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Command line of identity resolution (main class of the executable jar):
 * <pre>
 *   dedupe  --config C --input F [--input F2 ...] [--truth T] [--model M] [--out DIR] [--show-model] [--per-source]
 *   link    --config C --left A --right B [--out DIR] [--show-model]
 *   generate --febrl-dir D --records N [--seed S] --out FILE
 *   incremental --config C --input F [--input F2 ...] [--truth T] [--vault N] [--probes M]
 * </pre>
 * C is a configuration file or a built-in one (febrl-dedupe, febrl-link, citizen). With true labels
 * (configured truth column or id pattern, or a truth file) the figures include pairwise precision, recall
 * and F1 (per pair of sources when there are more than two) and the blocking recall. Several inputs are
 * deduplicated together, each a source named after its file. Exit code 2 for a usage or configuration error, 1 for an unreadable input.
 */
public final class IdentityCommand {

    private final PrintStream out;

    IdentityCommand(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        int code = new IdentityCommand(System.out).run(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    int run(String[] args) {
        if (args.length == 0) {
            usage();
            return 2;
        }
        Map<String, List<String>> options;
        try {
            options = options(args);
        } catch (IllegalArgumentException e) {
            out.println("error: " + e.getMessage());
            usage();
            return 2;
        }
        try {
            return switch (args[0]) {
                case "dedupe" -> dedupe(options);
                case "link" -> link(options);
                case "generate" -> FebrlLikeGenerator.command(options, out);
                case "incremental" -> IncrementalBenchmark.command(options, out);
                default -> {
                    usage();
                    yield 2;
                }
            };
        } catch (ConfigFile.ConfigException | IllegalArgumentException e) {
            out.println("error: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            out.println("error: cannot read or write: " + e.getMessage());
            return 1;
        }
    }

    private int dedupe(Map<String, List<String>> o) throws IOException {
        MatchConfig config = MatchConfig.load(required(o, "config"));
        List<Path> inputs = new ArrayList<>();
        for (String f : o.getOrDefault("input", List.of())) {
            inputs.add(Path.of(f));
        }
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("--input is required");
        }
        Path truth = o.containsKey("truth") ? Path.of(required(o, "truth")) : null;
        Path model = o.containsKey("model") ? Path.of(required(o, "model")) : null;
        BatchResolver.Result result = BatchResolver.dedupe(config, inputs, truth, model, out::println);
        report(result, o);
        return 0;
    }

    private int link(Map<String, List<String>> o) throws IOException {
        MatchConfig config = MatchConfig.load(required(o, "config"));
        BatchResolver.Result result = BatchResolver.link(config, Path.of(required(o, "left")), Path.of(required(o, "right")),
                out::println);
        report(result, o);
        return 0;
    }

    private void report(BatchResolver.Result result, Map<String, List<String>> o) throws IOException {
        BatchResolver.Timings t = result.timings();
        out.printf("records %,d | candidate pairs compared %,d | links %,d | reviews %,d (of which %,d refused links) | distinct %,d | clusters %,d%n",
                result.table().size(), result.candidates().size(), result.count(Outcome.LINK), result.count(Outcome.REVIEW),
                result.refusedLinks(), result.count(Outcome.DISTINCT), result.clusters());
        out.printf("time %.2f s (load+normalize %.2f, block %.2f, compare %.2f, EM %.2f, score %.2f, cluster %.2f)%n",
                t.total() / 1000.0, t.load() / 1000.0, t.block() / 1000.0, t.compare() / 1000.0, t.estimate() / 1000.0,
                t.score() / 1000.0, t.cluster() / 1000.0);
        Runtime rt = Runtime.getRuntime();
        out.printf("heap used %,d MB of max %,d MB%n", (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20);
        if (!result.quality().isEmpty()) {
            out.println("bad input (treated as missing):");
            result.quality().counts().forEach((k, v) -> out.printf("  %s: %,d%n", k, v));
        }
        if (o.containsKey("show-model")) {
            printModel(result);
        }
        if (result.hasTruth()) {
            PairwiseEvaluation e = result.evaluate();
            out.printf("pairwise precision %.4f recall %.4f F1 %.4f | blocking recall %.4f (%,d of %,d true pairs compared) | predicted pairs %,d, correct %,d%n",
                    e.precision(), e.recall(), e.f1(), e.blockingRecall(), e.truePairsCompared(), e.truePairs(),
                    e.predictedPairs(), e.correctPairs());
            if (result.table().sourceNames().size() > 2 || o.containsKey("per-source")) {
                List<String> sources = result.table().sourceNames();
                for (int a = 0; a < sources.size(); a++) {
                    for (int b = a; b < sources.size(); b++) {
                        PairwiseEvaluation s = result.evaluate(a, b);
                        if (s.truePairs() == 0 && s.predictedPairs() == 0) {
                            continue;
                        }
                        out.printf("  %s-%s: precision %.4f recall %.4f F1 %.4f (true pairs %,d, blocking recall %.4f)%n",
                                sources.get(a), sources.get(b), s.precision(), s.recall(), s.f1(), s.truePairs(), s.blockingRecall());
                    }
                }
            }
        }
        if (o.containsKey("out")) {
            long t0 = System.nanoTime();
            Path dir = Path.of(o.get("out").get(0));
            ResultWriter.write(result, dir);
            out.printf("wrote %s/clusters.csv, pairs.csv, model.properties in %,d ms%n", dir, (System.nanoTime() - t0) / 1_000_000);
        }
    }

    private void printModel(BatchResolver.Result result) {
        MatchModel m = result.model();
        List<Comparison> cs = result.scorer().comparisons();
        out.printf("model: prior %.5f%n", m.prior());
        for (int c = 0; c < cs.size(); c++) {
            for (int l = 0; l < cs.get(c).levels().size(); l++) {
                out.printf("  %-14s %-20s m %.5f u %.6f weight %+.2f%n", cs.get(c).name(), cs.get(c).levels().get(l),
                        m.m(c, l), m.u(c, l), m.weight(c, l));
            }
        }
    }

    static String required(Map<String, List<String>> o, String name) {
        List<String> v = o.get(name);
        if (v == null || v.isEmpty() || v.get(0).isEmpty()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v.get(0);
    }

    static Map<String, List<String>> options(String[] args) {
        Map<String, List<String>> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String name = args[i].substring(2);
            String value = i + 1 < args.length && !args[i + 1].startsWith("--") ? args[++i] : "";
            options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return options;
    }

    private void usage() {
        out.println("""
                usage:
                  dedupe      --config C --input F [--input F2 ...] [--truth T] [--model M] [--out DIR] [--show-model] [--per-source]
                  link        --config C --left A --right B [--out DIR] [--show-model]
                  generate    --febrl-dir D --records N [--seed S] --out FILE
                  incremental --config C --input F [--input F2 ...] [--truth T] [--vault N] [--probes M]
                C: a configuration file, or built in: febrl-dedupe, febrl-link, citizen""");
    }
}
