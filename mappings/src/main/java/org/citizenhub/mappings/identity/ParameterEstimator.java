package org.citizenhub.mappings.identity;

import java.util.ArrayList;
import java.util.List;

/**
 * Estimates the m and u probabilities and the match prior by expectation–maximisation over the
 * comparison patterns of the candidate pairs, without labels. Identical patterns are counted once
 * (a million pairs reduce to a few thousand patterns), so EM costs nothing next to comparing.
 * Patterns pack the level of each comparison into 4 bits (0 = missing, level + 1 otherwise).
 */
public final class ParameterEstimator {

    private ParameterEstimator() {
    }

    /** Counts of distinct patterns. */
    public record PatternCounts(long[] patterns, long[] counts) {
        public long total() {
            long t = 0;
            for (long c : counts) {
                t += c;
            }
            return t;
        }
    }

    public static PatternCounts count(long[] patterns, int size) {
        LongCountMap map = new LongCountMap(1 << 12);
        for (int i = 0; i < size; i++) {
            map.add(patterns[i]);
        }
        return new PatternCounts(map.keys(), map.counts());
    }

    static int level(long pattern, int comparison) {
        return (int) ((pattern >>> (4 * comparison)) & 0xF) - 1;
    }

    static long withLevel(long pattern, int comparison, int level) {
        return pattern | ((long) (level + 1) << (4 * comparison));
    }

    public static MatchModel estimate(List<Comparison> comparisons, PatternCounts data, int maxIterations) {
        return estimate(comparisons, data, maxIterations, null);
    }

    /**
     * u probabilities from random pairs of records, which are almost all pairs of different people:
     * the share of each level among them (with add-one smoothing). Anchors EM so that it cannot take a
     * frequent kind of match (e.g. all pairs with swapped names) for the non-match class.
     */
    public static double[][] uFromRandomPairs(List<Comparison> comparisons, PatternCounts random) {
        double[][] u = new double[comparisons.size()][];
        for (int c = 0; c < u.length; c++) {
            int levels = comparisons.get(c).levels().size();
            double[] counts = new double[levels];
            double seen = 0;
            for (int p = 0; p < random.patterns().length; p++) {
                int l = level(random.patterns()[p], c);
                if (l >= 0) {
                    counts[l] += random.counts()[p];
                    seen += random.counts()[p];
                }
            }
            u[c] = new double[levels];
            for (int l = 0; l < levels; l++) {
                u[c][l] = (counts[l] + 1) / (seen + levels);
            }
        }
        return u;
    }

    /** EM; with {@code fixedU} the u probabilities stay as given and only m and the prior are estimated. */
    public static MatchModel estimate(List<Comparison> comparisons, PatternCounts data, int maxIterations, double[][] fixedU) {
        return estimate(comparisons, data, maxIterations, fixedU, true);
    }

    /**
     * EM; {@code startU} (may be null) gives the starting u probabilities, kept fixed when {@code keepU}.
     */
    public static MatchModel estimate(List<Comparison> comparisons, PatternCounts data, int maxIterations, double[][] startU,
                                      boolean keepU) {
        double[][] fixedU = startU;
        int nc = comparisons.size();
        double[][] m = new double[nc][];
        double[][] u = new double[nc][];
        for (int c = 0; c < nc; c++) {
            int levels = comparisons.get(c).levels().size();
            m[c] = new double[levels];
            u[c] = new double[levels];
            // start: matches mostly agree, non-matches distributed as all pairs are
            double[] freq = new double[levels];
            double seen = 0;
            for (int p = 0; p < data.patterns().length; p++) {
                int l = level(data.patterns()[p], c);
                if (l >= 0) {
                    freq[l] += data.counts()[p];
                    seen += data.counts()[p];
                }
            }
            for (int l = 0; l < levels; l++) {
                m[c][l] = l == 0 ? 0.9 : 0.1 / (levels - 1);
                u[c][l] = fixedU != null ? fixedU[c][l] : seen == 0 ? 1.0 / levels : (freq[l] + 1) / (seen + levels);
            }
        }
        double lambda = 0.1;
        long[] patterns = data.patterns();
        long[] counts = data.counts();
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            double[][] mSum = new double[nc][];
            double[][] uSum = new double[nc][];
            for (int c = 0; c < nc; c++) {
                mSum[c] = new double[m[c].length];
                uSum[c] = new double[u[c].length];
            }
            double matchTotal = 0;
            double total = 0;
            for (int p = 0; p < patterns.length; p++) {
                double pm = lambda;
                double pu = 1 - lambda;
                for (int c = 0; c < nc; c++) {
                    int l = level(patterns[p], c);
                    if (l >= 0) {
                        pm *= m[c][l];
                        pu *= u[c][l];
                    }
                }
                double g = pm / (pm + pu);
                if (Double.isNaN(g)) {
                    g = 0.5;
                }
                double n = counts[p];
                matchTotal += g * n;
                total += n;
                for (int c = 0; c < nc; c++) {
                    int l = level(patterns[p], c);
                    if (l >= 0) {
                        mSum[c][l] += g * n;
                        uSum[c][l] += (1 - g) * n;
                    }
                }
            }
            double change = Math.abs(matchTotal / total - lambda);
            lambda = matchTotal / total;
            for (int c = 0; c < nc; c++) {
                double[] before = m[c].clone();
                normalizeInto(mSum[c], m[c]);
                if (fixedU == null || !keepU) {
                    change = Math.max(change, normalizeInto(uSum[c], u[c]));
                }
                monotone(m[c], u[c]);
                for (int l = 0; l < before.length; l++) {
                    change = Math.max(change, Math.abs(before[l] - m[c][l]));
                }
            }
            if (change < 1e-7) {
                break;
            }
        }
        List<String> names = new ArrayList<>();
        comparisons.forEach(c -> names.add(c.name()));
        return new MatchModel(names, m, u, lambda);
    }

    /**
     * Keeps the evidence of the levels in their declared order (level 0 the strongest agreement):
     * the ratio m/u may not increase from one level to the next. Violating neighbours are pooled
     * (pool-adjacent-violators), which keeps the sum of m. Without this EM may split the candidate
     * pairs into "same household" and "same name" instead of "same person" and "not".
     */
    static void monotone(double[] m, double[] u) {
        int n = m.length;
        double[] blockM = new double[n];
        double[] blockU = new double[n];
        int[] blockStart = new int[n];
        int blocks = 0;
        for (int l = 0; l < n; l++) {
            blockM[blocks] = m[l];
            blockU[blocks] = Math.max(u[l], 1e-9);
            blockStart[blocks] = l;
            blocks++;
            while (blocks >= 2 && blockM[blocks - 2] / blockU[blocks - 2] < blockM[blocks - 1] / blockU[blocks - 1]) {
                blockM[blocks - 2] += blockM[blocks - 1];
                blockU[blocks - 2] += blockU[blocks - 1];
                blocks--;
            }
        }
        for (int b = 0; b < blocks; b++) {
            int end = b + 1 < blocks ? blockStart[b + 1] : n;
            double ratio = blockM[b] / blockU[b];
            for (int l = blockStart[b]; l < end; l++) {
                m[l] = ratio * Math.max(u[l], 1e-9);
            }
        }
    }

    private static double normalizeInto(double[] sums, double[] target) {
        double total = 0;
        for (double s : sums) {
            total += s;
        }
        double change = 0;
        for (int l = 0; l < sums.length; l++) {
            double v = total == 0 ? target[l] : (sums[l] + 1e-9) / (total + 1e-9 * sums.length);
            change = Math.max(change, Math.abs(v - target[l]));
            target[l] = v;
        }
        return change;
    }

    /** Open-addressing map from pattern to count. */
    static final class LongCountMap {
        private long[] keys;
        private long[] values;
        private boolean[] used;
        private int size;

        LongCountMap(int capacity) {
            keys = new long[capacity];
            values = new long[capacity];
            used = new boolean[capacity];
        }

        void add(long key) {
            add(key, 1);
        }

        void add(long key, long count) {
            if (size * 2 >= keys.length) {
                grow();
            }
            int mask = keys.length - 1;
            int i = (int) (mix(key) & mask);
            while (used[i] && keys[i] != key) {
                i = (i + 1) & mask;
            }
            if (!used[i]) {
                used[i] = true;
                keys[i] = key;
                size++;
            }
            values[i] += count;
        }

        private void grow() {
            long[] oldKeys = keys;
            long[] oldValues = values;
            boolean[] oldUsed = used;
            keys = new long[oldKeys.length * 2];
            values = new long[oldKeys.length * 2];
            used = new boolean[oldKeys.length * 2];
            size = 0;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldUsed[i]) {
                    add(oldKeys[i], oldValues[i]);
                }
            }
        }

        long[] keys() {
            long[] out = new long[size];
            int j = 0;
            for (int i = 0; i < keys.length; i++) {
                if (used[i]) {
                    out[j++] = keys[i];
                }
            }
            return out;
        }

        long[] counts() {
            long[] out = new long[size];
            int j = 0;
            for (int i = 0; i < keys.length; i++) {
                if (used[i]) {
                    out[j++] = values[i];
                }
            }
            return out;
        }

        private static long mix(long x) {
            x ^= x >>> 33;
            x *= 0xff51afd7ed558ccdL;
            x ^= x >>> 33;
            return x;
        }
    }
}
