package org.citizenhub.mappings.identity;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Identity resolution of whole files: load and normalize, block, compare, estimate the model by EM
 * (no labels), score, decide, cluster. Deduplicates one or more files, or links two (pairs across the
 * two only). Progress messages carry counts and timings, never record values.
 */
public final class BatchResolver {

    private BatchResolver() {
    }

    /** Milliseconds per phase. */
    public record Timings(long load, long block, long compare, long estimate, long score, long cluster) {
        public long total() {
            return load + block + compare + estimate + score + cluster;
        }
    }

    /** Everything a run produced. */
    public static final class Result {
        final RecordTable table;
        final List<String> truth;
        final CandidatePairs candidates;
        final MatchModel model;
        final PairScorer scorer;
        final float[] weights;
        final byte[] outcomes;
        final int[] clusterOf;
        final boolean linkMode;
        final InputQuality quality;
        final Timings timings;
        final long refusedLinks;

        Result(RecordTable table, List<String> truth, CandidatePairs candidates, MatchModel model, PairScorer scorer,
               float[] weights, byte[] outcomes, int[] clusterOf, boolean linkMode, InputQuality quality,
               Timings timings, long refusedLinks) {
            this.table = table;
            this.truth = truth;
            this.candidates = candidates;
            this.model = model;
            this.scorer = scorer;
            this.weights = weights;
            this.outcomes = outcomes;
            this.clusterOf = clusterOf;
            this.linkMode = linkMode;
            this.quality = quality;
            this.timings = timings;
            this.refusedLinks = refusedLinks;
        }

        public RecordTable table() {
            return table;
        }

        public CandidatePairs candidates() {
            return candidates;
        }

        public MatchModel model() {
            return model;
        }

        public PairScorer scorer() {
            return scorer;
        }

        public int[] clusterOf() {
            return clusterOf;
        }

        public InputQuality quality() {
            return quality;
        }

        public Timings timings() {
            return timings;
        }

        public long count(Outcome outcome) {
            long n = 0;
            for (byte o : outcomes) {
                if (o == outcome.ordinal()) {
                    n++;
                }
            }
            return n;
        }

        /** Links that the clustering refused because they would have chained different people (now reviews). */
        public long refusedLinks() {
            return refusedLinks;
        }

        public Outcome outcome(int pair) {
            return Outcome.values()[outcomes[pair]];
        }

        public double weight(int pair) {
            return weights[pair];
        }

        public boolean hasTruth() {
            return truth.stream().anyMatch(t -> t != null);
        }

        public PairwiseEvaluation evaluate() {
            return PairwiseEvaluation.of(table, truth, clusterOf, candidates, linkMode);
        }

        /** Evaluation of the pairs between two sources only (same source twice: pairs inside that source). */
        public PairwiseEvaluation evaluate(int sourceA, int sourceB) {
            return PairwiseEvaluation.of(table, truth, clusterOf, candidates, linkMode, sourceA, sourceB);
        }

        /** A decided pair: record ids, probability, outcome and explanation. */
        public record DecidedPair(String leftId, String rightId, double probability, Outcome outcome, Explanation explanation) {
        }

        /** The pairs with the given outcome (e.g. REVIEW: the review queue of a batch run), explained. */
        public List<DecidedPair> pairs(Outcome outcome) {
            List<DecidedPair> result = new java.util.ArrayList<>();
            for (int i = 0; i < candidates.size(); i++) {
                if (outcomes[i] == outcome.ordinal()) {
                    int a = candidates.left(i);
                    int b = candidates.right(i);
                    result.add(new DecidedPair(table.id(a), table.id(b), MatchModel.probability(weights[i]), outcome,
                            scorer.explain(a, b)));
                }
            }
            return result;
        }

        /** The cluster (person) of every record: record id → id of the cluster's first record. */
        public java.util.Map<String, String> clusterIdsByRecord() {
            java.util.Map<String, String> result = new java.util.LinkedHashMap<>();
            for (int row = 0; row < table.size(); row++) {
                result.put(table.id(row), table.id(clusterOf[row]));
            }
            return result;
        }

        public long clusters() {
            long n = 0;
            for (int i = 0; i < clusterOf.length; i++) {
                if (clusterOf[i] == i) {
                    n++;
                }
            }
            return n;
        }
    }

    public static Result dedupe(MatchConfig config, List<Path> files, Consumer<String> progress) throws IOException {
        return run(config, files, false, null, null, progress);
    }

    /**
     * Deduplicates files together; each file is a source named after it ({@code health.csv} → health)
     * unless the configuration has a source column. {@code truth} (may be null) holds true labels.
     */
    public static Result dedupe(MatchConfig config, List<Path> files, Path truth, Consumer<String> progress) throws IOException {
        return run(config, files, false, truth, null, progress);
    }

    /**
     * As {@link #dedupe(MatchConfig, List, Path, Consumer)} but with a model estimated earlier
     * ({@code model.properties} of another run) instead of estimating one: for inputs too small to
     * estimate from, and to apply the same parameters again.
     */
    public static Result dedupe(MatchConfig config, List<Path> files, Path truth, Path model, Consumer<String> progress)
            throws IOException {
        return run(config, files, false, truth, model, progress);
    }

    /**
     * Deduplicates records already in memory (e.g. the hub's source records, via
     * {@link CitizenRecordAdapter}); each record's source is kept, so figures per pair of systems work.
     */
    public static Result dedupeRecords(MatchConfig config, List<MatchRecord> records, Consumer<String> progress) {
        long t0 = System.nanoTime();
        InputQuality quality = new InputQuality();
        RecordTable table = config.newTable();
        RecordNormalizer normalizer = new RecordNormalizer(config, RecordNormalizer.columnsRead(config), quality);
        List<String> truth = new java.util.ArrayList<>();
        for (int from = 0; from < records.size(); from += 8192) {
            List<MatchRecord> chunk = records.subList(from, Math.min(records.size(), from + 8192));
            String[][] keys = new String[chunk.size()][];
            IntStream.range(0, chunk.size()).parallel().forEach(i -> keys[i] = normalizer.keys(chunk.get(i)));
            List<String> ids = new java.util.ArrayList<>();
            List<String> sources = new java.util.ArrayList<>();
            for (MatchRecord r : chunk) {
                ids.add(r.id());
                sources.add(r.source());
                truth.add(null);
            }
            table.appendAll(ids, sources, keys);
        }
        long t1 = System.nanoTime();
        progress.accept(String.format("normalized %,d records in %,d ms", table.size(), ms(t0, t1)));
        try {
            return resolve(config, table, truth, false, quality, ms(t0, t1), null, progress);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static Result link(MatchConfig config, Path left, Path right, Consumer<String> progress) throws IOException {
        return run(config, List.of(left, right), true, null, null, progress);
    }

    private static Result run(MatchConfig config, List<Path> files, boolean linkMode, Path truthFile, Path modelFile,
                              Consumer<String> progress) throws IOException {
        long t0 = System.nanoTime();
        InputQuality quality = new InputQuality();
        RecordTable table = config.newTable();
        TableLoader loader = new TableLoader(config, quality);
        if (truthFile != null) {
            loader.loadTruth(truthFile);
        }
        for (int f = 0; f < files.size(); f++) {
            String name = files.get(f).getFileName().toString().replaceFirst("\\.[^.]*$", "");
            String source = linkMode ? (f == 0 ? "left" : "right") : files.size() > 1 ? name : null;
            loader.load(files.get(f), source, table);
        }
        long t1 = System.nanoTime();
        progress.accept(String.format("loaded %,d records in %,d ms", table.size(), ms(t0, t1)));
        if (loader.duplicateIds() > 0) {
            progress.accept(String.format("warning: %,d records repeat an id already seen in the same source", loader.duplicateIds()));
        }
        return resolve(config, table, loader.truth(), linkMode, quality, ms(t0, t1), modelFile, progress);
    }

    /** Resolves a table that is already loaded. */
    static Result resolve(MatchConfig config, RecordTable table, List<String> truth, boolean linkMode,
                          InputQuality quality, long loadMs, Path modelFile, Consumer<String> progress) throws IOException {
        long t1 = System.nanoTime();
        CandidatePairs candidates = CandidatePairs.generate(table, config.blockingRules(), config.maxBlockSize(), linkMode);
        long t2 = System.nanoTime();
        progress.accept(String.format("blocking: %,d candidate pairs in %,d ms", candidates.size(), ms(t1, t2)));
        for (CandidatePairs.RuleStats s : candidates.ruleStats()) {
            progress.accept(String.format("  rule [%s]: %,d new pairs, %,d blocks, %,d oversized blocks skipped (%,d records)",
                    s.rule(), s.newPairs(), s.blocks(), s.oversizedBlocks(), s.recordsInOversizedBlocks()));
        }

        List<Comparison> comparisons = config.comparisons(table);
        int n = candidates.size();
        long[] patterns = new long[n];
        PairScorer patternScorer = new PairScorer(comparisons, new MatchModel(names(comparisons),
                uniform(comparisons), uniform(comparisons), 0.5), config.decision());
        IntStream.range(0, n).parallel().forEach(i -> patterns[i] = patternScorer.pattern(candidates.left(i), candidates.right(i)));
        long t3 = System.nanoTime();
        progress.accept(String.format("compared %,d pairs in %,d ms", n, ms(t2, t3)));

        MatchModel model;
        if (modelFile != null) {
            try (java.io.Reader in = java.nio.file.Files.newBufferedReader(modelFile)) {
                model = MatchModel.read(in, comparisons);
            }
        } else if (config.trainPerRule()) {
            double[][] u = ParameterEstimator.uFromRandomPairs(comparisons,
                    randomPairPatterns(table, patternScorer, linkMode, config.randomPairs()));
            model = RuleWiseEstimator.estimate(config, table, comparisons, candidates, patterns, u, linkMode);
        } else {
            model = estimate(config, table, comparisons, ParameterEstimator.count(patterns, n), linkMode);
        }
        long t4 = System.nanoTime();
        progress.accept(String.format("model %s in %,d ms: prior %.3g", modelFile != null ? "read from " + modelFile
                        : config.trainPerRule() ? "estimated without labels (EM per blocking rule, u from random pairs)"
                        : "estimated without labels (EM over the candidate pairs)", ms(t3, t4), model.prior()));

        PairScorer scorer = new PairScorer(comparisons, model, config.decision());
        float[] weights = new float[n];
        byte[] outcomes = new byte[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            double w = scorer.weight(patterns[i], candidates.left(i));
            weights[i] = (float) w;
            outcomes[i] = (byte) scorer.outcome(w, scorer.vetoed(patterns[i])).ordinal();
        });
        long t5 = System.nanoTime();
        progress.accept(String.format("scored in %,d ms", ms(t4, t5)));

        long ambiguous = demoteAmbiguousLinks(candidates, weights, outcomes, patterns, scorer, table.size());
        progress.accept(String.format("%,d links demoted to review: the record fits another, conflicting person about as well",
                ambiguous));
        int links = 0;
        for (byte o : outcomes) {
            if (o == Outcome.LINK.ordinal()) {
                links++;
            }
        }
        int[] la = new int[links];
        int[] lb = new int[links];
        float[] lw = new float[links];
        int[] pairOf = new int[links];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (outcomes[i] == Outcome.LINK.ordinal()) {
                la[k] = candidates.left(i);
                lb[k] = candidates.right(i);
                lw[k] = weights[i];
                pairOf[k++] = i;
            }
        }
        Clusterer clusterer = new Clusterer(scorer, config.cluster(), table.size());
        boolean[] accepted = clusterer.cluster(la, lb, lw, links, config.decision().oneToOne());
        long refused = 0;
        for (int e = 0; e < links; e++) {
            if (!accepted[e]) {
                outcomes[pairOf[e]] = (byte) Outcome.REVIEW.ordinal();
                refused++;
            }
        }
        int[] clusterOf = clusterer.clusterIds();
        long t6 = System.nanoTime();
        progress.accept(String.format("clustered %,d links in %,d ms (%,d refused: would chain different people)",
                links, ms(t5, t6), refused));
        Timings timings = new Timings(loadMs, ms(t1, t2), ms(t2, t3), ms(t3, t4), ms(t4, t5), ms(t5, t6));
        return new Result(table, truth, candidates, model, scorer, weights, outcomes, clusterOf, linkMode, quality,
                timings, refused);
    }

    /**
     * A record is one person. When a record links to b but also fits c nearly as well, and b and c are
     * certainly different people (conflicting strong evidence), the odds are shared: the link to b
     * stays only if b's share of the odds still reaches the link threshold; otherwise it becomes a
     * review (the water account of "Nguyễn Văn Hùng" without birth date, at the address of father and son).
     */
    private static long demoteAmbiguousLinks(CandidatePairs candidates, float[] weights, byte[] outcomes, long[] patterns,
                                             PairScorer scorer, int rows) {
        int n = candidates.size();
        int[] degree = new int[rows + 1];
        for (int i = 0; i < n; i++) {
            if (outcomes[i] != Outcome.DISTINCT.ordinal() && !scorer.vetoed(patterns[i])) {
                degree[candidates.left(i)]++;
                degree[candidates.right(i)]++;
            }
        }
        int[] start = new int[rows + 1];
        for (int r = 0; r < rows; r++) {
            start[r + 1] = start[r] + degree[r];
        }
        int[] fill = java.util.Arrays.copyOf(start, rows);
        int[] edges = new int[start[rows]];
        for (int i = 0; i < n; i++) {
            if (outcomes[i] != Outcome.DISTINCT.ordinal() && !scorer.vetoed(patterns[i])) {
                edges[fill[candidates.left(i)]++] = i;
                edges[fill[candidates.right(i)]++] = i;
            }
        }
        long demoted = 0;
        for (int i = 0; i < n; i++) {
            if (outcomes[i] != Outcome.LINK.ordinal()) {
                continue;
            }
            int a = candidates.left(i);
            int b = candidates.right(i);
            double competitors = Math.max(competingOdds(a, b, i, candidates, weights, start, edges, scorer),
                    competingOdds(b, a, i, candidates, weights, start, edges, scorer));
            if (competitors == 0) {
                continue;
            }
            double odds = Math.pow(2, weights[i]);
            double p = odds / (1 + odds + competitors);
            if (!scorer.reachesLink(MatchModel.log2(p / (1 - p)))) {
                outcomes[i] = (byte) Outcome.REVIEW.ordinal();
                demoted++;
            }
        }
        return demoted;
    }

    /** Sum of the odds of {@code a}'s other candidates that conflict with {@code b}. */
    private static double competingOdds(int a, int b, int pair, CandidatePairs candidates, float[] weights, int[] start,
                                        int[] edges, PairScorer scorer) {
        double sum = 0;
        for (int k = start[a]; k < start[a + 1]; k++) {
            int e = edges[k];
            if (e == pair) {
                continue;
            }
            int c = candidates.left(e) == a ? candidates.right(e) : candidates.left(e);
            if (scorer.conflicting(b, c)) {
                sum += Math.pow(2, weights[e]);
            }
        }
        return sum;
    }

    /** Estimates the model from the patterns of the candidate pairs (and random pairs for u, if so configured). */
    static MatchModel estimate(MatchConfig config, RecordTable table, List<Comparison> comparisons,
                               ParameterEstimator.PatternCounts counts, boolean linkMode) {
        double[][] fixedU = null;
        if (config.uFromRandomPairs()) {
            PairScorer patternScorer = new PairScorer(comparisons, new MatchModel(names(comparisons),
                    uniform(comparisons), uniform(comparisons), 0.5), config.decision());
            fixedU = ParameterEstimator.uFromRandomPairs(comparisons,
                    randomPairPatterns(table, patternScorer, linkMode, config.randomPairs()));
        }
        return ParameterEstimator.estimate(comparisons, counts, config.maxIterations(), fixedU, config.uFixed());
    }

    /** Estimates a model for the records of a table by blocking and comparing them as a batch run does. */
    static MatchModel estimate(MatchConfig config, RecordTable table, List<Comparison> comparisons) {
        CandidatePairs candidates = CandidatePairs.generate(table, config.blockingRules(), config.maxBlockSize(), false);
        PairScorer patternScorer = new PairScorer(comparisons, new MatchModel(names(comparisons),
                uniform(comparisons), uniform(comparisons), 0.5), config.decision());
        long[] patterns = new long[candidates.size()];
        IntStream.range(0, patterns.length).parallel()
                .forEach(i -> patterns[i] = patternScorer.pattern(candidates.left(i), candidates.right(i)));
        if (config.trainPerRule()) {
            double[][] u = ParameterEstimator.uFromRandomPairs(comparisons,
                    randomPairPatterns(table, patternScorer, false, config.randomPairs()));
            return RuleWiseEstimator.estimate(config, table, comparisons, candidates, patterns, u, false);
        }
        return estimate(config, table, comparisons, ParameterEstimator.count(patterns, patterns.length), false);
    }

    /** Patterns of random pairs (across sources when linking), from a fixed seed so runs repeat. */
    private static ParameterEstimator.PatternCounts randomPairPatterns(RecordTable table, PairScorer scorer,
                                                                       boolean linkMode, int samples) {
        int n = table.size();
        int[] left = IntStream.range(0, n).filter(r -> !linkMode || table.source(r) == 0).toArray();
        int[] right = IntStream.range(0, n).filter(r -> !linkMode || table.source(r) != 0).toArray();
        if (left.length == 0 || right.length == 0) {
            return new ParameterEstimator.PatternCounts(new long[0], new long[0]);
        }
        long[] patterns = new long[samples];
        IntStream.range(0, samples).parallel().forEach(i -> {
            java.util.SplittableRandom random = new java.util.SplittableRandom(0x5eed + i);
            int a = left[random.nextInt(left.length)];
            int b = right[random.nextInt(right.length)];
            patterns[i] = a == b ? 0 : scorer.pattern(a, b);
        });
        return ParameterEstimator.count(patterns, samples);
    }

    private static List<String> names(List<Comparison> comparisons) {
        List<String> names = new ArrayList<>();
        comparisons.forEach(c -> names.add(c.name()));
        return names;
    }

    private static double[][] uniform(List<Comparison> comparisons) {
        double[][] p = new double[comparisons.size()][];
        for (int c = 0; c < p.length; c++) {
            p[c] = new double[comparisons.get(c).levels().size()];
            java.util.Arrays.fill(p[c], 0.5);
        }
        return p;
    }

    private static long ms(long from, long to) {
        return (to - from) / 1_000_000;
    }
}
