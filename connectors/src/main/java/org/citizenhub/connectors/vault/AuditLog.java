package org.citizenhub.connectors.vault;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.citizenhub.mappings.disclosure.DataCategory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The access log (table {@code audit_entry}): every disclosure of a citizen's data — which agency, for
 * which purpose, on which legal basis, which categories, when — in an append-only, hash-chained log that
 * the citizen can read ({@link #forCitizen}) and ops can check ({@link #verify}).
 *
 * <p><b>Chain.</b> Entry {@code n} carries the hash of entry {@code n-1} and its own hash, SHA-256 over
 * that previous hash and a canonical encoding of the entry ({@link #hash}). Sequences are dense from 1;
 * the primary key on the sequence (and a unique previous hash) lets only one writer append after a given
 * head: a writer that loses the race — another thread is impossible, another hub instance on the same
 * database is not — re-reads the head and chains its entries again. This class has no update or delete.
 *
 * <p><b>Speed.</b> Appends are serialized, but not one transaction each: concurrent callers queue their
 * disclosures and one of them writes everything queued so far in one multi-row INSERT (group commit), so the cost of a commit is shared by all the disclosures waiting for it. Every
 * {@link #record} returns only after its entry is committed.
 *
 * <p><b>Checkpoints.</b> With {@link AuditCheckpoints}, {@link #checkpoint()} signs the head into a file
 * outside the database and {@link #verify()} also requires every checkpointed entry to still be there with
 * the same hash, which reveals a cut tail or a chain rewritten from some entry on.
 */
public class AuditLog {

    /** The previous hash of the first entry. */
    public static final String GENESIS = "0".repeat(64);
    private static final String ENCODING_VERSION = "citizenhub-audit-v1";
    private static final int MAX_BATCH = 1000;
    /**
     * How long an append keeps chaining after a head that other instances keep moving. An instance
     * that just appended knows the head and goes again at once; the one that lost must read it first,
     * so under steady load from both it can lose many times in a row (a count of attempts gave up
     * under load in CI); it goes on until this much time has passed.
     */
    private static final long MAX_CONFLICT_MILLIS = 30_000;
    private static final int MAX_BACKOFF_MILLIS = 50;
    private static final String COLUMNS =
            "sequence, recorded_at, agency, purpose, citizen_id, categories, legal_basis, channel, request_id, previous_hash, hash";

    /**
     * One disclosure of one citizen's data.
     *
     * @param agency     the agency code that received the data
     * @param purpose    the purpose code it stated
     * @param citizenId  the golden citizen whose data it was
     * @param categories what was disclosed
     * @param legalBasis why it was allowed: {@code consent}, {@code citizen-request}, ...
     * @param channel    {@code JMS} or {@code REST}
     * @param requestId  the request's correlation id; may be null
     */
    public record Disclosure(String agency, String purpose, String citizenId, Set<DataCategory> categories, String legalBasis,
                             String channel, String requestId) {
        public Disclosure {
            requireText(agency, "agency", 64);
            requireText(purpose, "purpose", 64);
            requireText(citizenId, "citizenId", 40);
            requireText(legalBasis, "legalBasis", 40);
            requireText(channel, "channel", 20);
            if (requestId != null && requestId.length() > 200) {
                throw new IllegalArgumentException("requestId must be at most 200 characters");
            }
            Objects.requireNonNull(categories, "categories");
            if (categories.isEmpty() || categories.stream().anyMatch(Objects::isNull)) {
                throw new IllegalArgumentException("a disclosure names at least one category, and no null");
            }
            categories = Collections.unmodifiableSet(EnumSet.copyOf(categories));
        }
    }

    /** One entry of the log as stored. */
    public record AuditEntry(long sequence, Instant recordedAt, Disclosure disclosure, String previousHash, String hash) {
    }

    /**
     * The verdict of {@link #verify()}.
     *
     * @param checked          how many entries were found intact before the first bad one (all, when intact)
     * @param firstBadSequence the first entry that is altered, missing or out of place; null when intact, or
     *                         when the problem is not in the chain (a checkpoint with a bad signature)
     */
    public record AuditVerification(boolean intact, long checked, Long firstBadSequence, String reason) {
    }

    /** The last entry of the chain. */
    public record Head(long sequence, String hash) {
    }

    private record Pending(Disclosure disclosure, CompletableFuture<AuditEntry> result) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate readTx;
    private final Clock clock;
    private final AuditCheckpoints checkpoints;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock appendLock = new ReentrantLock();
    /** The head this instance last wrote or read; null when unknown. Guarded by {@link #appendLock}. */
    private Head head;
    private final java.util.concurrent.atomic.AtomicLong entriesWritten = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong batchesWritten = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong conflicts = new java.util.concurrent.atomic.AtomicLong();

    /** What this instance appended: entries, the transactions they took, and head conflicts with other instances. */
    public record Statistics(long entries, long batches, long conflicts) {
    }

    public Statistics statistics() {
        return new Statistics(entriesWritten.get(), batchesWritten.get(), conflicts.get());
    }

    public AuditLog(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
        this(jdbc, tx, clock, null);
    }

    /** @param checkpoints where the head is checkpointed and verified against; null for none */
    public AuditLog(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, Clock clock, AuditCheckpoints checkpoints) {
        this.jdbc = jdbc;
        this.dataSource = Objects.requireNonNull(jdbc.getJdbcTemplate().getDataSource(), "dataSource");
        this.clock = clock;
        this.checkpoints = checkpoints;
        this.readTx = new TransactionTemplate(tx.getTransactionManager());
        this.readTx.setReadOnly(true);
    }

    /** Records a disclosure; returns once it is committed. */
    public AuditEntry record(Disclosure disclosure) {
        Pending mine = new Pending(Objects.requireNonNull(disclosure, "disclosure"), new CompletableFuture<>());
        queue.add(mine);
        appendLock.lock();
        try {
            while (!mine.result().isDone()) {
                List<Pending> batch = new ArrayList<>();
                for (Pending next; batch.size() < MAX_BATCH && (next = queue.poll()) != null; ) {
                    batch.add(next);
                }
                if (batch.isEmpty()) {
                    // cannot happen (entries are taken and completed under the lock); never wait forever
                    mine.result().completeExceptionally(new IllegalStateException("the disclosure left the append queue unwritten"));
                    break;
                }
                append(batch);
            }
        } finally {
            appendLock.unlock();
        }
        try {
            return mine.result().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private void append(List<Pending> batch) {
        try {
            List<AuditEntry> entries = appendWithRetry(batch.stream().map(Pending::disclosure).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(entries.get(i));
            }
        } catch (RuntimeException e) {
            batch.forEach(p -> p.result().completeExceptionally(e));
        }
    }

    private List<AuditEntry> appendWithRetry(List<Disclosure> disclosures) {
        long giveUpAt = System.nanoTime() + MAX_CONFLICT_MILLIS * 1_000_000;
        for (int attempt = 1; ; attempt++) {
            Head after = head != null ? head : readHead().orElse(new Head(0, GENESIS));
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            List<AuditEntry> entries = new ArrayList<>(disclosures.size());
            long sequence = after.sequence();
            String previous = after.hash();
            for (Disclosure d : disclosures) {
                sequence++;
                String hash = hash(previous, sequence, now, d.agency(), d.purpose(), d.citizenId(), categories(d.categories()),
                        d.legalBasis(), d.channel(), d.requestId());
                entries.add(new AuditEntry(sequence, now, d, previous, hash));
                previous = hash;
            }
            try {
                insert(entries);
                head = new Head(sequence, previous);
                entriesWritten.addAndGet(entries.size());
                batchesWritten.incrementAndGet();
                return entries;
            } catch (SQLException e) {
                head = null;
                if (!isConflict(e)) {
                    throw new DataAccessResourceFailureException("cannot append to the access log: SQLState " + e.getSQLState(), e);
                }
                // another hub instance appended after the head we knew: read it again and chain after it
                conflicts.incrementAndGet();
                if (System.nanoTime() - giveUpAt > 0) {
                    throw new DataIntegrityViolationException("the access log's head kept moving; gave up after " + attempt
                            + " attempts in " + MAX_CONFLICT_MILLIS + " ms", e);
                }
                sleepQuietly(ThreadLocalRandom.current().nextInt(1, 2 + Math.min(MAX_BACKOFF_MILLIS, 2 * attempt)));
            } catch (RuntimeException e) {
                head = null;
                throw e;
            }
        }
    }

    /**
     * Inserts the batch as one multi-row INSERT on a connection of its own, never the caller's transaction
     * (a batch holds other callers' entries): one statement, one round trip, atomic, committed on return.
     */
    private void insert(List<AuditEntry> entries) throws SQLException {
        StringBuilder statement = new StringBuilder(100 + entries.size() * 26).append("INSERT INTO audit_entry (")
                .append(COLUMNS).append(") VALUES ");
        for (int i = 0; i < entries.size(); i++) {
            statement.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        }
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            try (PreparedStatement ps = connection.prepareStatement(statement.toString())) {
                int p = 0;
                for (AuditEntry e : entries) {
                    Disclosure d = e.disclosure();
                    ps.setLong(++p, e.sequence());
                    ps.setObject(++p, OffsetDateTime.ofInstant(e.recordedAt(), ZoneOffset.UTC));
                    ps.setString(++p, d.agency());
                    ps.setString(++p, d.purpose());
                    ps.setString(++p, d.citizenId());
                    ps.setString(++p, categories(d.categories()));
                    ps.setString(++p, d.legalBasis());
                    ps.setString(++p, d.channel());
                    ps.setString(++p, d.requestId());
                    ps.setString(++p, e.previousHash());
                    ps.setString(++p, e.hash());
                }
                ps.executeUpdate();
                if (!autoCommit) {
                    connection.commit();
                }
            } catch (SQLException e) {
                if (!autoCommit) {
                    connection.rollback();
                }
                throw e;
            }
        }
    }

    /** A unique-key violation (23xxx) or a lost race for a lock (40xxx): another writer got there first. */
    private static boolean isConflict(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            String state = x.getSQLState();
            if (state != null && (state.startsWith("23") || state.startsWith("40"))) {
                return true;
            }
            if (x.getNextException() == x) {
                break;
            }
        }
        return false;
    }

    /** The disclosures of one citizen's data, oldest first. */
    public List<AuditEntry> forCitizen(String citizenId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM audit_entry WHERE citizen_id = :citizen ORDER BY sequence",
                Map.of("citizen", Objects.requireNonNull(citizenId, "citizenId")), (rs, i) -> entry(rs));
    }

    /** The last entry in the database, if any. */
    public Optional<Head> readHead() {
        return jdbc.getJdbcTemplate().query("SELECT sequence, hash FROM audit_entry ORDER BY sequence DESC LIMIT 1",
                (rs, i) -> new Head(rs.getLong(1), rs.getString(2).trim())).stream().findFirst();
    }

    /**
     * Signs the head as the database has it now into the checkpoint file, if it moved since the last one.
     *
     * @return whether a checkpoint was written (false also when this log has no writable checkpoints)
     */
    public boolean checkpoint() {
        if (checkpoints == null) {
            return false;
        }
        return readHead().map(h -> checkpoints.write(h.sequence(), h.hash())).orElse(false);
    }

    /**
     * Reads the whole chain in order and checks every link and hash, and that every valid checkpoint's
     * entry is present with the checkpointed hash. Stops at the first bad entry.
     */
    public AuditVerification verify() {
        List<AuditCheckpoints.Checkpoint> read = checkpoints == null ? List.of() : checkpoints.read();
        List<AuditCheckpoints.Checkpoint> badCheckpoints = read.stream().filter(c -> !c.valid()).toList();
        TreeMap<Long, List<AuditCheckpoints.Checkpoint>> signed = read.stream().filter(AuditCheckpoints.Checkpoint::valid)
                .collect(Collectors.groupingBy(AuditCheckpoints.Checkpoint::sequence, TreeMap::new, Collectors.toList()));
        JdbcTemplate scan = new JdbcTemplate(Objects.requireNonNull(jdbc.getJdbcTemplate().getDataSource()));
        scan.setFetchSize(2000);
        AuditVerification chain = readTx.execute(status -> scan.query(
                "SELECT " + COLUMNS + " FROM audit_entry ORDER BY sequence",
                (ResultSetExtractor<AuditVerification>) rs -> verifyChain(rs, signed)));
        if (chain != null && chain.intact() && !badCheckpoints.isEmpty()) {
            AuditCheckpoints.Checkpoint bad = badCheckpoints.get(0);
            return new AuditVerification(false, chain.checked(), null,
                    "checkpoint " + bad.source() + ": " + bad.problem() + " (the checkpoint file was altered)");
        }
        return chain;
    }

    private AuditVerification verifyChain(ResultSet rs, TreeMap<Long, List<AuditCheckpoints.Checkpoint>> signed)
            throws SQLException {
        long expected = 1;
        String previous = GENESIS;
        long checked = 0;
        while (rs.next()) {
            long sequence = rs.getLong(1);
            if (sequence != expected) {
                return bad(checked, expected, sequence < expected ? "entry " + sequence + " is out of order"
                        : expected == sequence - 1 ? "entry " + expected + " is missing"
                        : "entries " + expected + " to " + (sequence - 1) + " are missing");
            }
            String storedPrevious = trimmed(rs.getString(10));
            String storedHash = trimmed(rs.getString(11));
            if (!previous.equals(storedPrevious)) {
                return bad(checked, sequence, "entry " + sequence + " does not follow entry " + (sequence - 1)
                        + " (its previous hash differs: an entry was removed, moved or replaced)");
            }
            String computed = hash(previous, sequence, rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3),
                    rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9));
            if (!computed.equals(storedHash)) {
                return bad(checked, sequence, "entry " + sequence + " was altered (its content does not match its hash)");
            }
            for (AuditCheckpoints.Checkpoint c : signed.getOrDefault(sequence, List.of())) {
                if (!c.hash().equals(storedHash)) {
                    return bad(checked, sequence, "entry " + sequence + " differs from the checkpoint signed at " + c.signedAt()
                            + " (" + c.source() + "): the chain was rewritten from here or earlier");
                }
            }
            checked++;
            previous = storedHash;
            expected++;
        }
        long last = expected - 1;
        if (!signed.isEmpty() && signed.lastKey() > last) {
            AuditCheckpoints.Checkpoint c = signed.lastEntry().getValue().get(0);
            return bad(checked, expected, "the log ends at entry " + last + " but the checkpoint signed at " + c.signedAt()
                    + " (" + c.source() + ") saw entry " + c.sequence() + ": entries from " + expected + " were deleted");
        }
        String checkpointNote = signed.isEmpty()
                ? (checkpoints == null ? "; no checkpoints were given, so a cut tail cannot be seen" : "; no checkpoint yet")
                : "; last checkpoint at entry " + signed.lastKey();
        return new AuditVerification(true, checked, null, checked + " entries intact, head " + last + checkpointNote);
    }

    private static AuditVerification bad(long checked, long sequence, String reason) {
        return new AuditVerification(false, checked, sequence, reason);
    }

    /**
     * The hash of an entry: lower-case hex SHA-256 over the UTF-8 bytes of
     * {@code citizenhub-audit-v1} followed by, for each field in this order — previous hash, sequence,
     * recorded-at as microseconds since the epoch, agency, purpose, citizen id, categories (names sorted,
     * comma-separated), legal basis, channel, request id — its length in characters, a colon, the value
     * and a semicolon ({@code -1:;} for a null request id). Length prefixes keep the encoding unambiguous.
     */
    public static String hash(String previousHash, long sequence, Instant recordedAt, String agency, String purpose,
                              String citizenId, String categories, String legalBasis, String channel, String requestId) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, recordedAt);
        StringBuilder canonical = new StringBuilder(256).append(ENCODING_VERSION);
        for (String field : new String[] {previousHash, Long.toString(sequence), Long.toString(micros), agency, purpose,
                citizenId, categories, legalBasis, channel, requestId}) {
            if (field == null) {
                canonical.append("-1:;");
            } else {
                canonical.append(field.length()).append(':').append(field).append(';');
            }
        }
        return HexFormat.of().formatHex(sha256().digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** The canonical text of a set of categories: names sorted, comma-separated. */
    public static String categories(Set<DataCategory> categories) {
        return categories.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    private static AuditEntry entry(ResultSet rs) throws SQLException {
        Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
        for (String name : rs.getString(6).split(",")) {
            try {
                categories.add(DataCategory.valueOf(name));
            } catch (IllegalArgumentException unknownToThisVersion) {
                // a category a newer hub wrote: the entry is still listed with the ones this version knows
            }
        }
        if (categories.isEmpty()) {
            // none this version knows: show the citizen more rather than hide the disclosure
            categories = EnumSet.allOf(DataCategory.class);
        }
        Disclosure d = new Disclosure(rs.getString(3), rs.getString(4), rs.getString(5), categories, rs.getString(7),
                rs.getString(8), rs.getString(9));
        return new AuditEntry(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(), d, trimmed(rs.getString(10)),
                trimmed(rs.getString(11)));
    }

    private static String trimmed(String s) {
        return s == null ? "" : s.trim();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void requireText(String value, String what, int maxLength) {
        if (value == null || value.isBlank() || value.length() > maxLength) {
            throw new IllegalArgumentException(what + " must be 1 to " + maxLength + " characters");
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
