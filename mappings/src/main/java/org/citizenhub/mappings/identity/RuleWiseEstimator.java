package org.citizenhub.mappings.identity;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Estimates the model the way Splink does, robust to candidate sets full of look-alike non-matches
 * (members of one household share address, phone and family name): u from random pairs; m by EM once
 * per blocking rule, on the pairs of that rule only and with the comparisons of the rule's own input
 * columns left out (inside a block they agree by construction, so they say nothing); m averaged over the
 * rules that saw the comparison; finally the prior, the probability that two random records match, by
 * EM over all candidate pairs with m and u fixed and the pairs never compared counted as non-matches.
 */
final class RuleWiseEstimator {

    private RuleWiseEstimator() {
    }

    static MatchModel estimate(MatchConfig config, RecordTable table, List<Comparison> comparisons,
                               CandidatePairs candidates, long[] patterns, double[][] u, boolean linkMode) {
        int nc = comparisons.size();
        double[][] mSum = new double[nc][];
        int[] sessions = new int[nc];
        for (int c = 0; c < nc; c++) {
            mSum[c] = new double[comparisons.get(c).levels().size()];
        }
        List<BlockingRule> rules = config.blockingRules();
        for (BlockingRule rule : rules) {
            long mask = maskOf(config, rule, comparisons);
            ParameterEstimator.LongCountMap counts = new ParameterEstimator.LongCountMap(1 << 10);
            long pairs = 0;
            for (int i = 0; i < candidates.size(); i++) {
                if (candidates.satisfies(candidates.left(i), candidates.right(i), rule.index())) {
                    counts.add(patterns[i] & ~mask);
                    pairs++;
                }
            }
            if (pairs < 50) {
                continue;
            }
            MatchModel session = ParameterEstimator.estimate(comparisons,
                    new ParameterEstimator.PatternCounts(counts.keys(), counts.counts()), config.maxIterations(), u, true);
            for (int c = 0; c < nc; c++) {
                if ((mask >>> (4 * c) & 0xF) == 0) {
                    for (int l = 0; l < mSum[c].length; l++) {
                        mSum[c][l] += session.m(c, l);
                    }
                    sessions[c]++;
                }
            }
        }
        double[][] m = new double[nc][];
        List<String> names = new ArrayList<>();
        for (int c = 0; c < nc; c++) {
            names.add(comparisons.get(c).name());
            int levels = mSum[c].length;
            m[c] = new double[levels];
            for (int l = 0; l < levels; l++) {
                // a comparison no rule could train keeps a neutral guess: exact agreement likely, else spread
                m[c][l] = sessions[c] > 0 ? mSum[c][l] / sessions[c] : (l == 0 ? 0.9 : 0.1 / (levels - 1));
            }
        }
        return new MatchModel(names, m, u, prior(table, candidates, patterns, m, u, names, linkMode));
    }

    /** Bits of the comparisons whose keys come from the same input columns as the rule's keys. */
    static long maskOf(MatchConfig config, BlockingRule rule, List<Comparison> comparisons) {
        Set<String> ruleColumns = new HashSet<>();
        for (BlockingRule.Part p : rule.parts()) {
            ruleColumns.addAll(primaryColumns(config, p.baseKey()));
        }
        long mask = 0;
        for (int c = 0; c < comparisons.size(); c++) {
            for (String key : comparisons.get(c).keys) {
                Set<String> cols = new HashSet<>(primaryColumns(config, key));
                cols.retainAll(ruleColumns);
                if (!cols.isEmpty()) {
                    mask |= 0xFL << (4 * c);
                    break;
                }
            }
        }
        return mask;
    }

    /** The first input column (with its alternatives) of the field a key derives from. */
    private static List<String> primaryColumns(MatchConfig config, String key) {
        for (MatchConfig.FieldSpec f : config.fields()) {
            if (key.equals(f.name()) || key.startsWith(f.name() + ".")) {
                List<String> cols = new ArrayList<>();
                String first = f.columns().get(0);
                for (String alternative : first.split("\\|")) {
                    cols.add(alternative.strip());
                }
                if (f.normalizer() instanceof FieldNormalizer.SortedWords) {
                    for (String c : f.columns()) {
                        cols.add(c.strip());
                    }
                }
                return cols;
            }
        }
        return List.of(key);
    }

    /** EM for the prior alone, over all pairs: candidate pairs by their Bayes factor, the rest as non-matches. */
    private static double prior(RecordTable table, CandidatePairs candidates, long[] patterns, double[][] m, double[][] u,
                                List<String> names, boolean linkMode) {
        MatchModel bf = new MatchModel(names, m, u, 0.5);
        ParameterEstimator.LongCountMap counts = new ParameterEstimator.LongCountMap(1 << 12);
        for (int i = 0; i < candidates.size(); i++) {
            counts.add(patterns[i]);
        }
        long[] keys = counts.keys();
        long[] n = counts.counts();
        double[] factor = new double[keys.length];
        for (int p = 0; p < keys.length; p++) {
            double w = 0;
            for (int c = 0; c < m.length; c++) {
                int level = ParameterEstimator.level(keys[p], c);
                if (level >= 0) {
                    w += bf.weight(c, level);
                }
            }
            factor[p] = Math.pow(2, w);
        }
        double allPairs;
        if (linkMode) {
            long left = 0;
            for (int r = 0; r < table.size(); r++) {
                if (table.source(r) == 0) {
                    left++;
                }
            }
            allPairs = (double) left * (table.size() - left);
        } else {
            allPairs = (double) table.size() * (table.size() - 1) / 2;
        }
        double lambda = Math.max(1.0 / allPairs, 1e-12);
        for (int iteration = 0; iteration < 200; iteration++) {
            double expected = 0;
            for (int p = 0; p < keys.length; p++) {
                double odds = lambda / (1 - lambda) * factor[p];
                expected += n[p] * (Double.isInfinite(odds) ? 1.0 : odds / (1 + odds));
            }
            double next = Math.min(Math.max(expected / allPairs, 1e-12), 0.5);
            if (Math.abs(next - lambda) < 1e-12 * Math.max(1, lambda) || Math.abs(next - lambda) / lambda < 1e-6) {
                lambda = next;
                break;
            }
            lambda = next;
        }
        return lambda;
    }
}
