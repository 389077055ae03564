package org.citizenhub.mappings.identity;

import java.util.Arrays;

/**
 * Groups linked records into clusters (one per person) without chaining different people through one
 * bad link. Links are taken strongest first; two clusters join only if
 * <ul>
 *   <li>no record of one has conflicting strong evidence with a record of the other (a veto: two
 *   different valid personal IDs, two different full dates of birth), and</li>
 *   <li>their records agree on average: the mean match probability over all cross pairs (scored on the
 *   spot, compared or not) reaches the configured minimum, and</li>
 *   <li>the joined cluster stays within the maximum size.</li>
 * </ul>
 * So a son's record without date of birth that links to both father and son does not pull father and
 * son into one person. In one-to-one mode (linking two deduplicated files) each record joins at most one
 * record of the other source.
 */
final class Clusterer {

    private final PairScorer scorer;
    private final MatchConfig.ClusterSpec spec;
    private final int[] parent;
    private final int[] next;
    private final int[] last;
    private final int[] size;

    Clusterer(PairScorer scorer, MatchConfig.ClusterSpec spec, int rows) {
        this.scorer = scorer;
        this.spec = spec;
        parent = new int[rows];
        next = new int[rows];
        last = new int[rows];
        size = new int[rows];
        for (int i = 0; i < rows; i++) {
            parent[i] = i;
            next[i] = -1;
            last[i] = i;
            size[i] = 1;
        }
    }

    /**
     * Applies the links (row pairs with weights) strongest first; returns for each link whether it was
     * accepted (false: it would have chained different people, it goes to review instead).
     */
    boolean[] cluster(int[] a, int[] b, float[] weight, int count, boolean oneToOne) {
        long[] sortable = new long[count];
        for (int i = 0; i < count; i++) {
            // descending weight: flip the sortable float bits
            int bits = Float.floatToIntBits(weight[i]);
            bits = bits >= 0 ? bits : bits ^ 0x7FFFFFFF;
            sortable[i] = ((long) ~bits << 32) | i;
        }
        Arrays.parallelSort(sortable);
        boolean[] accepted = new boolean[count];
        for (int k = 0; k < count; k++) {
            int e = (int) sortable[k];
            int ra = find(a[e]);
            int rb = find(b[e]);
            if (ra == rb) {
                accepted[e] = true;
                continue;
            }
            if (oneToOne ? (size[ra] > 1 || size[rb] > 1) : !mayJoin(ra, rb)) {
                continue;
            }
            union(ra, rb);
            accepted[e] = true;
        }
        return accepted;
    }

    private boolean mayJoin(int ra, int rb) {
        if (size[ra] + size[rb] > spec.maxClusterSize()) {
            return false;
        }
        double sum = 0;
        int pairs = 0;
        for (int x = ra; x >= 0; x = next[x]) {
            for (int y = rb; y >= 0; y = next[y]) {
                if (scorer.conflicting(x, y)) {
                    return false;
                }
                if (size[ra] * size[rb] > 1) {
                    sum += MatchModel.probability(scorer.weight(x, y));
                    pairs++;
                }
            }
        }
        return pairs == 0 || sum / pairs >= spec.minAverageProbability();
    }

    int find(int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    private void union(int ra, int rb) {
        if (size[ra] < size[rb]) {
            int t = ra;
            ra = rb;
            rb = t;
        }
        parent[rb] = ra;
        next[last[ra]] = rb;
        last[ra] = last[rb];
        size[ra] += size[rb];
    }

    /** Cluster id of every row: the smallest row index in its cluster. */
    int[] clusterIds() {
        int n = parent.length;
        int[] id = new int[n];
        Arrays.fill(id, Integer.MAX_VALUE);
        for (int i = 0; i < n; i++) {
            int r = find(i);
            id[r] = Math.min(id[r], i);
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = id[find(i)];
        }
        return out;
    }
}
