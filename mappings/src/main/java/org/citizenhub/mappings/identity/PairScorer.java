package org.citizenhub.mappings.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Scores pairs of rows of a {@link RecordTable} with a {@link MatchModel}: the comparison pattern, the
 * total weight (prior + level weights + term-frequency adjustments), the outcome by the configured
 * thresholds, and the explanation. A pair with a veto level (conflicting strong evidence) is never a
 * LINK: it goes to REVIEW when its probability reaches the link or review threshold, DISTINCT otherwise.
 */
public final class PairScorer {

    /** Term-frequency adjustments are bounded so that one very rare or very common value cannot decide alone. */
    static final double TF_LIMIT = 5.0;

    private final Comparison[] comparisons;
    private final MatchModel model;
    private final MatchConfig.Decision decision;
    private final double linkWeight;
    private final double reviewWeight;
    private final Comparison[] vetoComparisons;
    private final int groups;

    public PairScorer(List<Comparison> comparisons, MatchModel model, MatchConfig.Decision decision) {
        this.comparisons = comparisons.toArray(new Comparison[0]);
        this.model = model;
        this.decision = decision;
        this.linkWeight = MatchModel.log2(decision.linkProbability() / (1 - decision.linkProbability()));
        this.reviewWeight = MatchModel.log2(decision.reviewProbability() / (1 - decision.reviewProbability()));
        List<Comparison> vetoes = new ArrayList<>();
        for (Comparison c : comparisons) {
            if (c.hasVeto()) {
                vetoes.add(c);
            }
        }
        this.vetoComparisons = vetoes.toArray(new Comparison[0]);
        int g = 0;
        for (Comparison c : comparisons) {
            g = Math.max(g, c.group + 1);
        }
        this.groups = g;
    }

    public List<Comparison> comparisons() {
        return List.of(comparisons);
    }

    public MatchModel model() {
        return model;
    }

    public MatchConfig.Decision decision() {
        return decision;
    }

    public long pattern(int a, int b) {
        long p = 0;
        for (int c = 0; c < comparisons.length; c++) {
            int level = comparisons[c].level(a, b);
            if (level >= 0) {
                p = ParameterEstimator.withLevel(p, c, level);
            }
        }
        return p;
    }

    public double weight(int a, int b) {
        return weight(pattern(a, b), a);
    }

    /** Total weight of a pattern; {@code a} is a row of the pair, used for term frequencies of exact agreements. */
    public double weight(long pattern, int a) {
        double w = model.priorWeight();
        double[] groupBest = groups == 0 ? null : new double[groups];
        double[] groupWorst = groups == 0 ? null : new double[groups];
        for (int c = 0; c < comparisons.length; c++) {
            int level = ParameterEstimator.level(pattern, c);
            if (level >= 0) {
                double lw = model.weight(c, level);
                if (level == 0) {
                    lw += termFrequencyAdjustment(c, a);
                }
                int g = comparisons[c].group;
                if (g < 0) {
                    w += lw;
                } else if (lw > 0) {
                    groupBest[g] = Math.max(groupBest[g], lw);
                } else {
                    groupWorst[g] = Math.min(groupWorst[g], lw);
                }
            }
        }
        for (int g = 0; g < groups; g++) {
            w += groupBest[g] + groupWorst[g];
        }
        return w;
    }

    private double termFrequencyAdjustment(int c, int row) {
        KeyColumn tf = comparisons[c].termFrequencyKey();
        if (tf == null) {
            return 0;
        }
        double adj = tf.termFrequencyAdjustment(tf.code(row));
        return Math.max(-TF_LIMIT, Math.min(TF_LIMIT, adj));
    }

    public boolean vetoed(long pattern) {
        for (int c = 0; c < comparisons.length; c++) {
            if (comparisons[c].isVeto(ParameterEstimator.level(pattern, c))) {
                return true;
            }
        }
        return false;
    }

    /** True when the two rows carry conflicting strong evidence (only the veto comparisons are evaluated). */
    public boolean conflicting(int a, int b) {
        for (Comparison c : vetoComparisons) {
            if (c.isVeto(c.level(a, b))) {
                return true;
            }
        }
        return false;
    }

    public Outcome outcome(double weight, boolean vetoed) {
        if (weight >= linkWeight) {
            return vetoed ? Outcome.REVIEW : Outcome.LINK;
        }
        return weight >= reviewWeight ? Outcome.REVIEW : Outcome.DISTINCT;
    }

    public boolean reachesReview(double weight) {
        return weight >= reviewWeight;
    }

    public boolean reachesLink(double weight) {
        return weight >= linkWeight;
    }

    /**
     * True when comparison c is the one its group counts on its side: the largest positive weight, or
     * the most negative one (first one on ties).
     */
    private boolean isStrongestInGroup(long pattern, int a, int c) {
        double mine = groupMemberWeight(pattern, a, c);
        for (int o = 0; o < comparisons.length; o++) {
            if (o != c && comparisons[o].group == comparisons[c].group) {
                double other = groupMemberWeight(pattern, a, o);
                boolean sameSide = other > 0 == mine > 0 && other != 0;
                boolean stronger = mine > 0 ? other > mine : other < mine;
                if (sameSide && (stronger || other == mine && o < c)) {
                    return false;
                }
            }
        }
        return true;
    }

    private double groupMemberWeight(long pattern, int a, int c) {
        int level = ParameterEstimator.level(pattern, c);
        if (level < 0) {
            return 0;
        }
        return model.weight(c, level) + (level == 0 ? termFrequencyAdjustment(c, a) : 0);
    }

    public Explanation explain(int a, int b) {
        long pattern = pattern(a, b);
        List<Explanation.Evidence> evidence = new ArrayList<>();
        String veto = null;
        for (int c = 0; c < comparisons.length; c++) {
            int level = ParameterEstimator.level(pattern, c);
            if (level < 0) {
                evidence.add(new Explanation.Evidence(comparisons[c].name(), "missing", 0, 0, false));
                continue;
            }
            boolean isVeto = comparisons[c].isVeto(level);
            if (isVeto && veto == null) {
                veto = comparisons[c].name();
            }
            double weight = model.weight(c, level);
            double tf = level == 0 ? termFrequencyAdjustment(c, a) : 0;
            String label = comparisons[c].levels().get(level);
            int g = comparisons[c].group;
            if (g >= 0 && weight + tf != 0 && !isStrongestInGroup(pattern, a, c)) {
                label += " (counted once in " + comparisons[c].groupName + ")";
                weight = 0;
                tf = 0;
            }
            evidence.add(new Explanation.Evidence(comparisons[c].name(), label, weight, tf, isVeto));
        }
        double w = weight(pattern, a);
        return new Explanation(model.priorWeight(), evidence, w, MatchModel.probability(w), outcome(w, veto != null),
                Optional.ofNullable(veto));
    }
}
