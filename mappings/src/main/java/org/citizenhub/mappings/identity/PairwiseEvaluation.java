package org.citizenhub.mappings.identity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairwise precision, recall and F1 of a clustering against true labels, and the blocking recall
 * (share of true pairs that were compared at all). In link mode only pairs across sources count.
 * Counts come from cluster×entity contingency, so no pair is enumerated except the true ones.
 */
public record PairwiseEvaluation(long truePairs, long predictedPairs, long correctPairs, long truePairsCompared) {

    public double precision() {
        return predictedPairs == 0 ? 1.0 : (double) correctPairs / predictedPairs;
    }

    public double recall() {
        return truePairs == 0 ? 1.0 : (double) correctPairs / truePairs;
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public double blockingRecall() {
        return truePairs == 0 ? 1.0 : (double) truePairsCompared / truePairs;
    }

    /** Evaluates clusters; rows whose truth is null are left out. */
    static PairwiseEvaluation of(RecordTable table, List<String> truth, int[] clusterOf, CandidatePairs candidates,
                                 boolean linkMode) {
        return of(table, truth, clusterOf, candidates, linkMode, -1, -1);
    }

    /**
     * Evaluates clusters restricted to pairs between two sources ({@code sourceA}, {@code sourceB}; both
     * -1 for all pairs). Used for the per-pair-of-systems figures.
     */
    static PairwiseEvaluation of(RecordTable table, List<String> truth, int[] clusterOf, CandidatePairs candidates,
                                 boolean linkMode, int sourceA, int sourceB) {
        Map<String, List<Integer>> byEntity = new HashMap<>();
        Map<Long, List<Integer>> byClusterEntity = new HashMap<>();
        Map<Integer, List<Integer>> byCluster = new HashMap<>();
        Map<String, Integer> entityIds = new HashMap<>();
        for (int row = 0; row < table.size(); row++) {
            String e = truth.get(row);
            if (e == null || !inScope(table.source(row), sourceA, sourceB)) {
                continue;
            }
            int eid = entityIds.computeIfAbsent(e, k -> entityIds.size());
            byEntity.computeIfAbsent(e, k -> new ArrayList<>()).add(row);
            byCluster.computeIfAbsent(clusterOf[row], k -> new ArrayList<>()).add(row);
            byClusterEntity.computeIfAbsent(((long) clusterOf[row] << 32) | eid, k -> new ArrayList<>()).add(row);
        }
        long truePairs = 0;
        long compared = 0;
        for (List<Integer> rows : byEntity.values()) {
            for (int i = 0; i < rows.size(); i++) {
                for (int j = i + 1; j < rows.size(); j++) {
                    int a = rows.get(i);
                    int b = rows.get(j);
                    if (counts(table, a, b, linkMode, sourceA, sourceB)) {
                        truePairs++;
                        if (candidates == null || candidates.isCandidate(a, b)) {
                            compared++;
                        }
                    }
                }
            }
        }
        long predicted = pairsWithin(table, byCluster.values(), linkMode, sourceA, sourceB);
        long correct = pairsWithin(table, byClusterEntity.values(), linkMode, sourceA, sourceB);
        return new PairwiseEvaluation(truePairs, predicted, correct, compared);
    }

    private static boolean inScope(int source, int sourceA, int sourceB) {
        return sourceA < 0 || source == sourceA || source == sourceB;
    }

    private static boolean counts(RecordTable table, int a, int b, boolean linkMode, int sourceA, int sourceB) {
        int sa = table.source(a);
        int sb = table.source(b);
        if (sourceA >= 0) {
            return sourceA == sourceB ? sa == sourceA && sb == sourceA : sa != sb;
        }
        return !linkMode || sa != sb;
    }

    private static long pairsWithin(RecordTable table, Iterable<List<Integer>> groups, boolean linkMode, int sourceA, int sourceB) {
        long total = 0;
        for (List<Integer> rows : groups) {
            if (rows.size() < 2) {
                continue;
            }
            if (!linkMode && sourceA < 0) {
                total += (long) rows.size() * (rows.size() - 1) / 2;
                continue;
            }
            Map<Integer, Long> perSource = new HashMap<>();
            for (int r : rows) {
                perSource.merge(table.source(r), 1L, Long::sum);
            }
            if (sourceA >= 0 && sourceA == sourceB) {
                long k = perSource.getOrDefault(sourceA, 0L);
                total += k * (k - 1) / 2;
            } else if (sourceA >= 0) {
                total += perSource.getOrDefault(sourceA, 0L) * perSource.getOrDefault(sourceB, 0L);
            } else {
                long all = rows.size();
                long same = 0;
                for (long k : perSource.values()) {
                    same += k * (k - 1) / 2;
                }
                total += all * (all - 1) / 2 - same;
            }
        }
        return total;
    }
}
