package org.citizenhub.mappings.identity;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Incremental identity resolution for the hub: an index of records already known (e.g. the vault's
 * source records, each with the golden citizen id the hub gave it) that answers, for one new record,
 * which known records and which golden citizens it matches, with outcome and explanation, in about a
 * millisecond against a million records.
 *
 * <pre>
 *   IdentityIndex index = new IdentityIndex(MatchConfig.load("citizen"));
 *   index.addAll(vaultRecords, goldenIdOf);        // bulk load
 *   index.train();                                 // or index.readModel(reader) from a batch run
 *   MatchResult r = index.match(incoming);         // does not change the index
 *   switch (r.decision()) { case LINK -> ...r.entity()...; case REVIEW -> queue(r); case DISTINCT -> newGolden(); }
 *   index.add(incoming, goldenId);                 // once the hub has decided
 * </pre>
 *
 * A record is one person: the odds of the candidate golden citizens (entities) are normalised together,
 * so the son's record that agrees with the son on phone and with both son and father on name and
 * address is the son's, while a record that fits father and son equally goes to review. An entity is
 * linked only when its probability reaches the link threshold and it conflicts with none of its records
 * (two different valid personal IDs, two different full dates of birth: never linked automatically).
 * Methods are synchronized: one writer, short critical sections.
 *
 * <p>Records can leave the index ({@link #remove}, {@link #replace}: a record superseded by a newer
 * version of itself, unmerged or rejected), taking their block postings and term frequencies with them.
 * A writer that decides inside a database transaction adds its records <em>tentatively</em>
 * ({@link #addTentative}): only its own later matches see them ({@link #match(MatchRecord, Object)})
 * until it {@link #promote}s them after commit or {@link #discard}s them after a rollback.
 */
public final class IdentityIndex {

    /** A known record the new one was compared with. */
    public record Candidate(String recordId, String source, String entityId, double probability, Outcome outcome,
                            Explanation explanation) {
    }

    /**
     * The evidence about one golden citizen: its best-matching record, whether any of its records
     * conflicts, and the probability that the new record is this person rather than any other candidate
     * or nobody known (a record is one person: the candidates' odds are normalised together).
     */
    public record EntityMatch(String entityId, Candidate best, boolean conflicting, double probability, Outcome outcome) {
    }

    /**
     * The answer for a new record: the decision (LINK to {@link #entity()}, REVIEW, or DISTINCT = a new
     * person), the entities by decreasing probability, every compared candidate, and how many there were.
     */
    public record MatchResult(Outcome decision, Optional<String> entity, List<EntityMatch> entities,
                              List<Candidate> candidates, int compared) {
    }

    private final MatchConfig config;
    private final RecordTable table;
    private final List<Comparison> comparisons;
    private final RecordNormalizer normalizer;
    private final InputQuality quality = new InputQuality();
    private final KeyColumn[][] ruleParts;
    private final BlockPostings[] postings;
    private final List<String> entityOf = new ArrayList<>();
    /** The committed row of each record id. */
    private final Map<String, Integer> rowOf = new HashMap<>();
    /** Tentative rows: row → owner, and owner → (record id → row). */
    private final Map<Integer, Object> ownerOfRow = new HashMap<>();
    private final Map<Object, Map<String, Integer>> tentative = new IdentityHashMap<>();
    private PairScorer scorer;
    private int[] stamp = new int[1024];
    private int stampValue;

    public IdentityIndex(MatchConfig config) {
        this.config = config;
        this.table = config.newTable();
        this.comparisons = config.comparisons(table);
        this.normalizer = new RecordNormalizer(config, RecordNormalizer.columnsRead(config), quality);
        List<BlockingRule> rules = config.blockingRules();
        ruleParts = new KeyColumn[rules.size()][];
        postings = new BlockPostings[rules.size()];
        for (int r = 0; r < rules.size(); r++) {
            List<BlockingRule.Part> parts = rules.get(r).parts();
            ruleParts[r] = new KeyColumn[parts.size()];
            for (int p = 0; p < parts.size(); p++) {
                ruleParts[r][p] = table.column(parts.get(p).key());
            }
            postings[r] = new BlockPostings();
        }
    }

    /** The number of committed records in the index (tentative ones not included). */
    public synchronized int size() {
        return rowOf.size();
    }

    /** Whether a record is in the index (committed). */
    public synchronized boolean contains(String recordId) {
        return rowOf.containsKey(recordId);
    }

    /** The golden id a committed record is indexed under; empty when the record is not indexed or has none. */
    public synchronized Optional<String> entityOf(String recordId) {
        Integer row = rowOf.get(recordId);
        return row == null ? Optional.empty() : Optional.ofNullable(entityOf.get(row));
    }

    /** How many records some writer added tentatively and has neither promoted nor discarded. */
    public synchronized int tentativeCount() {
        return ownerOfRow.size();
    }

    /** Bad input met so far (counts by field and problem, no values). */
    public InputQuality quality() {
        return quality;
    }

    /** Bulk load: normalizes in parallel, then indexes. {@code entityOf} gives each record's golden id (or null). */
    public synchronized void addAll(List<MatchRecord> records, java.util.function.Function<MatchRecord, String> entityOf) {
        int chunk = 8192;
        for (int from = 0; from < records.size(); from += chunk) {
            List<MatchRecord> part = records.subList(from, Math.min(records.size(), from + chunk));
            String[][] keys = new String[part.size()][];
            IntStream.range(0, part.size()).parallel().forEach(i -> keys[i] = normalizer.keys(part.get(i)));
            for (int i = 0; i < part.size(); i++) {
                commit(part.get(i), keys[i], entityOf.apply(part.get(i)));
            }
        }
    }

    /** Estimates the model from the records loaded so far (EM without labels, as a batch run). */
    public synchronized MatchModel train() {
        MatchModel model = BatchResolver.estimate(config, table, comparisons);
        scorer = new PairScorer(comparisons, model, config.decision());
        return model;
    }

    /** Uses a model written by a batch run ({@code model.properties}). */
    public synchronized void readModel(Reader in) throws IOException {
        scorer = new PairScorer(comparisons, MatchModel.read(in, comparisons), config.decision());
    }

    public synchronized void writeModel(Writer out) throws IOException {
        requireModel().model().write(out, comparisons);
    }

    /** Matches a record against the committed records of the index without adding it. */
    public synchronized MatchResult match(MatchRecord record) {
        return match(record, null);
    }

    /**
     * Matches a record against the committed records and the tentative ones of {@code viewer}
     * (a writer's own undecided transaction), without adding it.
     */
    public synchronized MatchResult match(MatchRecord record, Object viewer) {
        String[] keys = normalizer.keys(record);
        int row = table.append(record.id(), record.source(), keys);
        try {
            return matchRow(row, viewer);
        } finally {
            table.dropLast();
        }
    }

    /**
     * Adds a record with the golden id the hub decided on (null when none yet). A record already in
     * the index under this id is replaced: its old keys no longer match anything.
     */
    public synchronized void add(MatchRecord record, String entityId) {
        commit(record, normalizer.keys(record), entityId);
    }

    /** Replaces a record (a newer version of it, or another golden id) — the same as {@link #add}. */
    public synchronized void replace(MatchRecord record, String entityId) {
        add(record, entityId);
    }

    /**
     * Takes a committed record out of the index: out of every block and of the term frequencies.
     * Returns false when it was not there.
     */
    public synchronized boolean remove(String recordId) {
        Integer row = rowOf.remove(recordId);
        if (row == null) {
            return false;
        }
        unlink(row);
        return true;
    }

    /**
     * Adds a record that only {@code owner}'s own matches see until it is promoted or discarded (a
     * decision inside a database transaction that may still roll back).
     */
    public synchronized void addTentative(MatchRecord record, String entityId, Object owner) {
        Map<String, Integer> rows = tentative.computeIfAbsent(owner, o -> new HashMap<>());
        Integer previous = rows.remove(record.id());
        if (previous != null) {
            ownerOfRow.remove(previous);
            unlink(previous);
        }
        int row = append(record, normalizer.keys(record), entityId);
        ownerOfRow.put(row, owner);
        rows.put(record.id(), row);
    }

    /**
     * Makes {@code owner}'s tentative record committed under {@code entityId} (replacing a committed
     * version of it). Returns false when the owner has no such tentative record.
     */
    public synchronized boolean promote(Object owner, String recordId, String entityId) {
        Map<String, Integer> rows = tentative.get(owner);
        Integer row = rows == null ? null : rows.remove(recordId);
        if (row == null) {
            return false;
        }
        if (rows.isEmpty()) {
            tentative.remove(owner);
        }
        ownerOfRow.remove(row);
        Integer old = rowOf.put(recordId, row);
        if (old != null) {
            unlink(old);
        }
        entityOf.set(row, entityId);
        return true;
    }

    /** Forgets every record {@code owner} added tentatively and did not promote. Returns how many. */
    public synchronized int discard(Object owner) {
        Map<String, Integer> rows = tentative.remove(owner);
        if (rows == null) {
            return 0;
        }
        for (int row : rows.values()) {
            ownerOfRow.remove(row);
            unlink(row);
        }
        return rows.size();
    }

    /** The explanation of the comparison of two indexed records. */
    public synchronized Optional<Explanation> explain(String recordIdA, String recordIdB) {
        Integer a = rowOf.get(recordIdA);
        Integer b = rowOf.get(recordIdB);
        if (a == null || b == null) {
            return Optional.empty();
        }
        return Optional.of(requireModel().explain(a, b));
    }

    /** Changes the golden id of an indexed record (after a merge or unmerge by a data steward). */
    public synchronized void assign(String recordId, String entityId) {
        Integer row = rowOf.get(recordId);
        if (row == null) {
            throw new IllegalArgumentException("record is not in the index");
        }
        entityOf.set(row, entityId);
    }

    private void commit(MatchRecord record, String[] keys, String entityId) {
        int row = append(record, keys, entityId);
        Integer old = rowOf.put(record.id(), row);
        if (old != null) {
            unlink(old);
        }
    }

    /** Appends a row, counts it and puts it into its blocks. */
    private int append(MatchRecord record, String[] keys, String entityId) {
        int row = table.append(record.id(), record.source(), keys);
        table.commitLast();
        entityOf.add(entityId);
        for (int r = 0; r < postings.length; r++) {
            long key = config.blockingRules().get(r).key(ruleParts[r], row);
            if (key != 0) {
                postings[r].add(key, row);
            }
        }
        return row;
    }

    /** Takes a row out of its blocks and the term frequencies; the row itself stays in the table, unreachable. */
    private void unlink(int row) {
        for (int r = 0; r < postings.length; r++) {
            long key = config.blockingRules().get(r).key(ruleParts[r], row);
            if (key != 0) {
                postings[r].remove(key, row);
            }
        }
        table.uncount(row);
        entityOf.set(row, null);
    }

    private PairScorer requireModel() {
        if (scorer == null) {
            throw new IllegalStateException("no model: call train() or readModel() first");
        }
        return scorer;
    }

    private MatchResult matchRow(int row, Object viewer) {
        PairScorer s = requireModel();
        if (stamp.length < row + 1) {
            stamp = Arrays.copyOf(stamp, Math.max(row + 1, stamp.length * 2));
        }
        stampValue++;
        List<Candidate> candidates = new ArrayList<>();
        int compared = 0;
        for (int r = 0; r < postings.length; r++) {
            long key = config.blockingRules().get(r).key(ruleParts[r], row);
            if (key == 0 || postings[r].count(key) > config.maxBlockSize()) {
                continue;
            }
            for (int other = postings[r].head(key); other >= 0; other = postings[r].next(other)) {
                if (stamp[other] == stampValue) {
                    continue;
                }
                stamp[other] = stampValue;
                if (!ownerOfRow.isEmpty()) {
                    Object owner = ownerOfRow.get(other);
                    if (owner != null && owner != viewer) {
                        continue;
                    }
                }
                compared++;
                long pattern = s.pattern(row, other);
                double w = s.weight(pattern, row);
                Outcome o = s.outcome(w, s.vetoed(pattern));
                if (o != Outcome.DISTINCT || s.vetoed(pattern)) {
                    candidates.add(new Candidate(table.id(other), table.sourceNames().get(table.source(other)),
                            entityOf.get(other), MatchModel.probability(w), o, s.explain(row, other)));
                }
            }
        }
        candidates.sort(Comparator.comparingDouble(Candidate::probability).reversed());
        Map<String, Candidate> bestOf = new LinkedHashMap<>();
        Map<String, Boolean> conflictOf = new HashMap<>();
        for (Candidate c : candidates) {
            String entity = c.entityId() != null ? c.entityId() : "record:" + c.recordId();
            bestOf.putIfAbsent(entity, c);
            conflictOf.merge(entity, c.explanation().vetoedBy().isPresent(), Boolean::logicalOr);
        }
        double oddsSum = 0;
        for (Candidate c : bestOf.values()) {
            oddsSum += odds(c.explanation().totalWeight());
        }
        List<EntityMatch> ranked = new ArrayList<>();
        double known = Double.isInfinite(oddsSum) ? 1.0 : oddsSum / (1 + oddsSum);
        boolean ambiguous = s.reachesReview(Math.log(known / (1 - known)) / Math.log(2));
        for (Map.Entry<String, Candidate> e : bestOf.entrySet()) {
            double odds = odds(e.getValue().explanation().totalWeight());
            double p = Double.isInfinite(oddsSum) ? (Double.isInfinite(odds) ? 1.0 : 0.0) : odds / (1 + oddsSum);
            boolean conflicting = conflictOf.get(e.getKey());
            double w = Math.log(p / (1 - p)) / Math.log(2);
            Outcome outcome = s.outcome(Double.isNaN(w) ? Double.POSITIVE_INFINITY : w, conflicting);
            if (outcome == Outcome.DISTINCT && ambiguous && p >= 0.01) {
                // likely one of several known people, but which one is unclear
                outcome = Outcome.REVIEW;
            }
            if (outcome != Outcome.DISTINCT || conflicting) {
                ranked.add(new EntityMatch(e.getKey(), e.getValue(), conflicting, p, outcome));
            }
        }
        ranked.sort(Comparator.comparingDouble(EntityMatch::probability).reversed());
        Outcome decision = Outcome.DISTINCT;
        Optional<String> entity = Optional.empty();
        if (!ranked.isEmpty() && ranked.get(0).outcome() == Outcome.LINK) {
            decision = Outcome.LINK;
            entity = Optional.of(ranked.get(0).entityId());
        } else if (ranked.stream().anyMatch(e -> e.outcome() == Outcome.REVIEW)) {
            decision = Outcome.REVIEW;
        }
        return new MatchResult(decision, entity, ranked, candidates, compared);
    }

    private static double odds(double weight) {
        return Math.pow(2, weight);
    }

    /** Per blocking rule: block key → rows, as linked lists in primitive arrays. */
    static final class BlockPostings {
        private long[] keys = new long[1 << 10];
        private int[] heads = new int[1 << 10];
        private int[] counts = new int[1 << 10];
        private int used;
        private int[] next = new int[1 << 10];

        void add(long key, int row) {
            if (used * 2 >= keys.length) {
                grow();
            }
            int slot = slot(key);
            if (keys[slot] == 0) {
                keys[slot] = key;
                heads[slot] = -1;
                used++;
            }
            if (row >= next.length) {
                next = Arrays.copyOf(next, Math.max(row + 1, next.length * 2));
            }
            next[row] = heads[slot];
            heads[slot] = row;
            counts[slot]++;
        }

        /** Takes a row out of a block (walks the block's list: removals are rare, lookups are not). */
        void remove(long key, int row) {
            int slot = slot(key);
            if (keys[slot] == 0) {
                return;
            }
            int previous = -1;
            for (int current = heads[slot]; current >= 0; previous = current, current = next[current]) {
                if (current == row) {
                    if (previous < 0) {
                        heads[slot] = next[row];
                    } else {
                        next[previous] = next[row];
                    }
                    next[row] = -1;
                    counts[slot]--;
                    return;
                }
            }
        }

        int head(long key) {
            int slot = slot(key);
            return keys[slot] == 0 ? -1 : heads[slot];
        }

        int count(long key) {
            int slot = slot(key);
            return keys[slot] == 0 ? 0 : counts[slot];
        }

        int next(int row) {
            return next[row];
        }

        private int slot(long key) {
            int mask = keys.length - 1;
            int i = (int) ((key ^ (key >>> 29)) & mask);
            while (keys[i] != 0 && keys[i] != key) {
                i = (i + 1) & mask;
            }
            return i;
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldHeads = heads;
            int[] oldCounts = counts;
            keys = new long[oldKeys.length * 2];
            heads = new int[oldKeys.length * 2];
            counts = new int[oldKeys.length * 2];
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != 0) {
                    int s = slot(oldKeys[i]);
                    keys[s] = oldKeys[i];
                    heads[s] = oldHeads[i];
                    counts[s] = oldCounts[i];
                }
            }
        }
    }
}
