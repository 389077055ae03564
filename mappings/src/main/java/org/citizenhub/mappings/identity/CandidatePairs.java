package org.citizenhub.mappings.identity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The candidate pairs of a batch run: the union of the blocking rules' pairs, each pair once (a pair
 * found by a rule is skipped by later rules that also put it in a block). Blocks larger than the
 * configured maximum are skipped and counted, so common values ("Nguyễn Văn Hùng", a popular street)
 * cannot make the work quadratic; other rules still reach those records. When linking, only pairs from
 * different sources are kept.
 */
public final class CandidatePairs {

    /** What one rule contributed. */
    public record RuleStats(String rule, long newPairs, long blocks, long oversizedBlocks, long recordsInOversizedBlocks) {
    }

    private int[] left = new int[1 << 16];
    private int[] right = new int[1 << 16];
    private int size;
    private final List<RuleStats> stats = new ArrayList<>();
    private final long[][] ruleKeys;
    private final boolean[][] oversized;

    private CandidatePairs(int rules, int rows) {
        ruleKeys = new long[rules][rows];
        oversized = new boolean[rules][rows];
    }

    public int size() {
        return size;
    }

    public int left(int i) {
        return left[i];
    }

    public int right(int i) {
        return right[i];
    }

    public List<RuleStats> ruleStats() {
        return stats;
    }

    /** True when some rule puts both rows in the same block that was not skipped: the pair was compared. */
    public boolean isCandidate(int a, int b) {
        for (int r = 0; r < ruleKeys.length; r++) {
            long k = ruleKeys[r][a];
            if (k != 0 && k == ruleKeys[r][b] && !oversized[r][a]) {
                return true;
            }
        }
        return false;
    }

    /** True when rule {@code rule} puts both rows in the same (not skipped) block. */
    boolean satisfies(int a, int b, int rule) {
        long k = ruleKeys[rule][a];
        return k != 0 && k == ruleKeys[rule][b] && !oversized[rule][a];
    }

    public static CandidatePairs generate(RecordTable table, List<BlockingRule> rules, int maxBlockSize, boolean linkMode) {
        int n = table.size();
        if (n >= (1 << 24)) {
            throw new IllegalArgumentException("at most 16,777,215 records per batch run");
        }
        CandidatePairs pairs = new CandidatePairs(rules.size(), n);
        for (BlockingRule rule : rules) {
            KeyColumn[] parts = new KeyColumn[rule.parts().size()];
            for (int p = 0; p < parts.length; p++) {
                parts[p] = table.column(rule.parts().get(p).key());
            }
            long[] keys = pairs.ruleKeys[rule.index()];
            long[] sortable = new long[n];
            int m = 0;
            for (int row = 0; row < n; row++) {
                keys[row] = rule.key(parts, row);
                if (keys[row] != 0) {
                    sortable[m++] = (keys[row] & ~0xFFFFFFL) | row;
                }
            }
            sortable = Arrays.copyOf(sortable, m);
            Arrays.parallelSort(sortable);
            long newPairs = 0;
            long blocks = 0;
            long oversizedBlocks = 0;
            long oversizedRecords = 0;
            int start = 0;
            while (start < m) {
                int end = start + 1;
                long block = sortable[start] & ~0xFFFFFFL;
                while (end < m && (sortable[end] & ~0xFFFFFFL) == block) {
                    end++;
                }
                int blockSize = end - start;
                blocks++;
                if (blockSize > maxBlockSize) {
                    oversizedBlocks++;
                    oversizedRecords += blockSize;
                    for (int i = start; i < end; i++) {
                        pairs.oversized[rule.index()][(int) (sortable[i] & 0xFFFFFF)] = true;
                    }
                } else if (blockSize > 1) {
                    newPairs += pairs.emitBlock(table, sortable, start, end, rule.index(), linkMode);
                }
                start = end;
            }
            pairs.stats.add(new RuleStats(rule.text(), newPairs, blocks, oversizedBlocks, oversizedRecords));
        }
        return pairs;
    }

    private long emitBlock(RecordTable table, long[] sortable, int start, int end, int rule, boolean linkMode) {
        long emitted = 0;
        long[] keys = ruleKeys[rule];
        for (int i = start; i < end; i++) {
            int a = (int) (sortable[i] & 0xFFFFFF);
            for (int j = i + 1; j < end; j++) {
                int b = (int) (sortable[j] & 0xFFFFFF);
                if (keys[a] != keys[b]) {
                    continue; // 40-bit hash collision between different keys
                }
                if (linkMode && table.source(a) == table.source(b)) {
                    continue;
                }
                if (foundByEarlierRule(a, b, rule)) {
                    continue;
                }
                add(Math.min(a, b), Math.max(a, b));
                emitted++;
            }
        }
        return emitted;
    }

    private boolean foundByEarlierRule(int a, int b, int rule) {
        for (int r = 0; r < rule; r++) {
            long k = ruleKeys[r][a];
            if (k != 0 && k == ruleKeys[r][b] && !oversized[r][a]) {
                return true;
            }
        }
        return false;
    }

    private void add(int a, int b) {
        if (size == left.length) {
            left = Arrays.copyOf(left, size * 2);
            right = Arrays.copyOf(right, size * 2);
        }
        left[size] = a;
        right[size] = b;
        size++;
    }
}
