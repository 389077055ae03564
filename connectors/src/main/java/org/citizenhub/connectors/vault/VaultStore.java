package org.citizenhub.connectors.vault;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.citizenhub.mappings.citizen.CitizenField;
import org.citizenhub.mappings.citizen.CitizenRecord;
import org.citizenhub.mappings.citizen.GoldenCitizen;
import org.citizenhub.mappings.citizen.GoldenRecordBuilder;
import org.citizenhub.mappings.citizen.Mapped;
import org.citizenhub.mappings.citizen.Provenance;
import org.citizenhub.mappings.citizen.SourceRef;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.citizen.Sourced;
import org.citizenhub.mappings.citizen.SurvivorshipRules;
import org.citizenhub.mappings.id.DataQualityFinding;
import org.citizenhub.mappings.id.PersonalIdNumber;

/**
 * The citizen vault: source records, the golden records built from them, applied-change keys,
 * sync watermarks and data-quality findings, in one relational database (H2 or PostgreSQL).
 *
 * <p>Writes are batched and transactional. A source record whose content did not change is a no-op;
 * a golden record's version goes up only when a surviving value changes, and the update is guarded by
 * that version so concurrent writers cannot overwrite each other.
 */
public class VaultStore {

    private static final Logger LOG = LoggerFactory.getLogger(VaultStore.class);
    private static final int IN_CHUNK = 500;

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final GoldenRecordBuilder builder;
    private final Clock clock;
    private final CitizenLinker linker;

    public VaultStore(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, GoldenRecordBuilder builder, Clock clock,
                      CitizenLinker linker) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.builder = builder;
        this.clock = clock;
        this.linker = linker;
    }

    /** Stores a batch of mapped source records and rebuilds the golden records they touch. */
    public List<VaultChange> upsert(List<Mapped> batch) {
        return tx.execute(status -> upsertInTransaction(batch));
    }

    /**
     * Applies a change at most once: the change key is recorded in the same transaction as its effect.
     * Returns empty when the key was applied before (a redelivery).
     */
    public Optional<List<VaultChange>> applyOnce(String changeKey, List<Mapped> records) {
        if (isApplied(changeKey)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(tx.execute(status -> {
                jdbc.update("INSERT INTO applied_change (change_key, applied_at) VALUES (:key, :at)",
                        new MapSqlParameterSource("key", changeKey).addValue("at", Timestamp.from(clock.instant())));
                return upsertInTransaction(records);
            }));
        } catch (DuplicateKeyException raceWithAnotherConsumer) {
            return Optional.empty();
        }
    }

    public boolean isApplied(String changeKey) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM applied_change WHERE change_key = :key",
                Map.of("key", changeKey), Integer.class);
        return n != null && n > 0;
    }

    public Optional<GoldenCitizen> findByPersonalId(String personalId) {
        return jdbc.query("SELECT golden FROM citizen WHERE personal_id = :id",
                        Map.of("id", PersonalIdNumber.clean(personalId)), (rs, i) -> rs.getString(1))
                .stream().findFirst().map(this::withSourceRecords);
    }

    public Optional<GoldenCitizen> findById(String citizenId) {
        return jdbc.query("SELECT golden FROM citizen WHERE citizen_id = :id",
                        Map.of("id", citizenId), (rs, i) -> rs.getString(1))
                .stream().findFirst().map(this::withSourceRecords);
    }

    /** A stored golden record with the source records linked to it now (the JSON does not list them). */
    private GoldenCitizen withSourceRecords(String goldenJson) {
        GoldenCitizen golden = VaultJson.read(goldenJson, GoldenCitizen.class);
        List<SourceRef> refs = new ArrayList<>(jdbc.query(
                "SELECT source_system, record_id FROM source_record WHERE citizen_id = :id", Map.of("id", golden.citizenId()),
                (rs, i) -> new SourceRef(SourceSystem.valueOf(rs.getString(1)), rs.getString(2))));
        refs.sort(java.util.Comparator.comparing(SourceRef::key));
        return golden.withSourceRecords(refs);
    }

    public List<CitizenRecord> sourceRecordsOf(String citizenId) {
        return jdbc.query("SELECT record, retrieved_at FROM source_record WHERE citizen_id = :id ORDER BY source_key",
                Map.of("id", citizenId), (rs, i) -> StoredContent.read(rs.getString(1), rs.getTimestamp(2)));
    }

    public List<DataQualityFinding> findingsOf(SourceRef source) {
        return jdbc.query("SELECT code, field, message FROM data_quality_finding WHERE source_key = :key ORDER BY id",
                Map.of("key", source.key()), (rs, i) -> new DataQualityFinding(
                        DataQualityFinding.Code.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3)));
    }

    public long citizenCount() {
        return count("SELECT COUNT(*) FROM citizen");
    }

    public long sourceRecordCount() {
        return count("SELECT COUNT(*) FROM source_record");
    }

    public long sourceRecordCount(SourceSystem system) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM source_record WHERE source_system = :system",
                Map.of("system", system.name()), Long.class);
        return n == null ? 0 : n;
    }

    public Optional<String> watermark(String name) {
        return jdbc.query("SELECT position FROM sync_watermark WHERE name = :name", Map.of("name", name),
                (rs, i) -> rs.getString(1)).stream().findFirst();
    }

    public void saveWatermark(String name, String position) {
        MapSqlParameterSource p = new MapSqlParameterSource("name", name).addValue("position", position)
                .addValue("at", Timestamp.from(clock.instant()));
        tx.executeWithoutResult(status -> {
            int updated = jdbc.update("UPDATE sync_watermark SET position = :position, updated_at = :at WHERE name = :name", p);
            if (updated == 0) {
                jdbc.update("INSERT INTO sync_watermark (name, position, updated_at) VALUES (:name, :position, :at)", p);
            }
        });
    }

    // ------------------------------------------------------------------ data stewards: review, merge, unmerge

    public List<ReviewItem> openReviews(int limit) {
        return jdbc.query("SELECT id, source_key, provisional_citizen_id, candidate_citizen_id, probability, evidence, status, "
                        + "created_at FROM review_item WHERE status = 'OPEN' ORDER BY id",
                Map.of(), (rs, i) -> new ReviewItem(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getDouble(5), rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant()))
                .stream().limit(limit).toList();
    }

    /** Accepts a review: the source record joins the candidate citizen; the provisional one disappears. */
    public Optional<List<VaultChange>> acceptReview(long reviewId) {
        return Optional.ofNullable(tx.execute(status -> {
            Optional<ReviewItem> item = claimReview(reviewId, "ACCEPTED");
            return item.map(r -> moveSourceRecord(r.sourceKey(), r.candidateCitizenId(), "MERGED")).orElse(null);
        }));
    }

    /** Rejects a review: the record stays a citizen of its own. Returns false when no such open review exists. */
    public boolean rejectReview(long reviewId) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            Optional<ReviewItem> item = claimReview(reviewId, "REJECTED");
            // the record stays where it is; the linker's entry is refreshed from the vault after commit
            item.ifPresent(r -> storedRecord(r.sourceKey()).ifPresent(stored ->
                    tellLinkerAfterCommit(List.of(new Link(stored.record(), stored.citizenId())))));
            return item.isPresent();
        }));
    }

    /** Takes one source record out of its golden record into a new one (undoing a wrong link or merge). */
    public List<VaultChange> unmerge(String sourceKey) {
        return tx.execute(status -> moveSourceRecord(sourceKey, newCitizenId(), "UNMERGED"));
    }

    public List<LinkEvent> linkHistory(String sourceKey) {
        return jdbc.query("SELECT source_key, from_citizen_id, to_citizen_id, reason, at FROM link_event "
                        + "WHERE source_key = :key ORDER BY id", Map.of("key", sourceKey),
                (rs, i) -> new LinkEvent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()));
    }

    /** Every stored source record with its golden citizen, in key order (to load an identity index). */
    public void forEachSourceRecord(java.util.function.BiConsumer<CitizenRecord, String> action) {
        jdbc.query("SELECT record, retrieved_at, citizen_id FROM source_record ORDER BY source_key", Map.of(),
                rs -> {
                    action.accept(StoredContent.read(rs.getString(1), rs.getTimestamp(2)), rs.getString(3));
                });
    }

    /** A stored source record with the golden citizen it belongs to. */
    private record StoredRecord(CitizenRecord record, String citizenId) {
    }

    private Optional<StoredRecord> storedRecord(String sourceKey) {
        return jdbc.query("SELECT record, retrieved_at, citizen_id FROM source_record WHERE source_key = :key",
                Map.of("key", sourceKey), (rs, i) -> new StoredRecord(StoredContent.read(rs.getString(1),
                        rs.getTimestamp(2)), rs.getString(3))).stream().findFirst();
    }

    private Optional<ReviewItem> claimReview(long reviewId, String decision) {
        Optional<ReviewItem> item = openReviews(Integer.MAX_VALUE).stream().filter(r -> r.id() == reviewId).findFirst();
        item.ifPresent(r -> jdbc.update("UPDATE review_item SET status = :status, decided_at = :at WHERE id = :id",
                new MapSqlParameterSource("status", decision).addValue("at", Timestamp.from(clock.instant()))
                        .addValue("id", reviewId)));
        return item;
    }

    private List<VaultChange> moveSourceRecord(String sourceKey, String toCitizenId, String reason) {
        Instant now = clock.instant();
        String fromCitizenId = loadStoredSources(List.of(sourceKey)).values().stream().map(StoredSource::citizenId)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no source record " + sourceKey));
        if (fromCitizenId.equals(toCitizenId)) {
            return List.of();
        }
        Set<String> affected = new LinkedHashSet<>(List.of(toCitizenId, fromCitizenId));
        Map<String, List<CitizenRecord>> records = loadSourceRecords(affected, Set.of(sourceKey));
        CitizenRecord moved = jdbc.query("SELECT record, retrieved_at FROM source_record WHERE source_key = :key",
                Map.of("key", sourceKey), (rs, i) -> StoredContent.read(rs.getString(1), rs.getTimestamp(2))).get(0);
        records.computeIfAbsent(toCitizenId, k -> new ArrayList<>()).add(moved);
        // the target row must exist before the source record points to it; the emptied one goes after
        SurvivorshipRules rules = builder.rules();
        List<VaultChange> changes = new ArrayList<>(storeGoldens(Set.of(toCitizenId), records,
                Map.of(toCitizenId, moved.sourceRef()), now, rules));
        jdbc.update("UPDATE source_record SET citizen_id = :to WHERE source_key = :key",
                Map.of("to", toCitizenId, "key", sourceKey));
        changes.addAll(storeGoldens(Set.of(fromCitizenId), records, Map.of(fromCitizenId, moved.sourceRef()), now, rules));
        jdbc.update("INSERT INTO link_event (source_key, source_system, from_citizen_id, to_citizen_id, reason, at) "
                + "VALUES (:key, :system, :from, :to, :reason, :at)", linkEvent(sourceKey, fromCitizenId, toCitizenId, reason, now));
        tellLinkerAfterCommit(List.of(new Link(moved, toCitizenId)));
        return changes;
    }

    // ------------------------------------------------------------------ survivorship: re-run after a rule change

    /** The rules golden records are built with now. */
    public SurvivorshipRules survivorshipRules() {
        return builder.rules();
    }

    /** Citizen ids in order, after {@code afterId} (null: from the start), at most {@code limit}: to page through the vault. */
    public List<String> citizenIdsAfter(String afterId, int limit) {
        return jdbc.query("SELECT citizen_id FROM citizen WHERE citizen_id > :after ORDER BY citizen_id FETCH FIRST "
                        + Math.max(1, limit) + " ROWS ONLY",
                Map.of("after", afterId == null ? "" : afterId), (rs, i) -> rs.getString(1));
    }

    /**
     * One field of one golden record whose survivor differs under some rules: the systems it came from
     * and would come from ({@code from} is null for a field that had no value), and whether the value
     * itself changes (else only its provenance). No values: this goes to logs and operators.
     */
    public record SurvivorshipChange(String citizenId, CitizenField field, SourceSystem from, SourceSystem to,
                                     boolean valueChanged) {
    }

    /** What recomputing some golden records found (and, when applied, the changes to publish). */
    public record SurvivorshipRecompute(int citizens, List<SurvivorshipChange> changes, List<VaultChange> applied) {
    }

    /**
     * Recomputes the golden records of these citizens from their source records under {@code rules}.
     * With {@code apply} false it writes nothing and reports what would change. With {@code apply}
     * true it stores every golden record whose survivors differ, in one transaction, bumping the version
     * when a value changes; {@code rules} must then be the rules in force (so later writes keep them).
     */
    public SurvivorshipRecompute recomputeSurvivorship(List<String> citizenIds, SurvivorshipRules rules, boolean apply) {
        if (apply && !rules.equals(builder.rules())) {
            throw new IllegalStateException("apply the rules in force, not others: install them first");
        }
        if (!apply) {
            return diffSurvivorship(citizenIds, rules, false);
        }
        return tx.execute(status -> diffSurvivorship(citizenIds, rules, true));
    }

    private SurvivorshipRecompute diffSurvivorship(List<String> citizenIds, SurvivorshipRules rules, boolean apply) {
        Map<String, StoredGolden> goldens = loadGoldens(citizenIds);
        Map<String, List<CitizenRecord>> records = loadSourceRecords(goldens.keySet(), Set.of());
        List<SurvivorshipChange> changes = new ArrayList<>();
        Set<String> toStore = new LinkedHashSet<>();
        for (String citizenId : citizenIds) {
            StoredGolden stored = goldens.get(citizenId);
            List<CitizenRecord> sources = records.getOrDefault(citizenId, List.of());
            if (stored == null || sources.isEmpty()) {
                continue;
            }
            GoldenCitizen rebuilt = builder.build(citizenId, stored.version(), sources, rules);
            for (CitizenField field : CitizenField.values()) {
                Sourced<?> before = field.valueIn(stored.golden());
                Sourced<?> after = field.valueIn(rebuilt);
                if (before == null && after == null) {
                    continue;
                }
                boolean valueChanged = !java.util.Objects.equals(before == null ? null : before.value(),
                        after == null ? null : after.value());
                boolean sourceChanged = !java.util.Objects.equals(before == null ? null : before.provenance().sourceRef(),
                        after == null ? null : after.provenance().sourceRef());
                if (valueChanged || sourceChanged) {
                    changes.add(new SurvivorshipChange(citizenId, field,
                            before == null ? null : before.provenance().sourceSystem(),
                            after == null ? null : after.provenance().sourceSystem(), valueChanged));
                    toStore.add(citizenId);
                }
            }
        }
        List<VaultChange> applied = List.of();
        if (apply && !toStore.isEmpty()) {
            applied = storeGoldens(toStore, records, Map.of(), clock.instant(), rules);
        }
        return new SurvivorshipRecompute(goldens.size(), changes, applied);
    }

    // ------------------------------------------------------------------ identity: what linking did, per system

    /**
     * How the records of one source system were first placed: linked to a known golden citizen,
     * sent to review, or a new citizen of their own; and how many of its reviews are still open.
     */
    public record LinkCounts(SourceSystem system, long records, long linked, long review, long newCitizen,
                             long openReviews) {
    }

    /**
     * Counts from the vault's link history, per source system: every source record was placed first
     * exactly once (the link event without a "from" citizen), so these events count the records too.
     */
    public List<LinkCounts> linkCounts() {
        Map<SourceSystem, long[]> counts = new java.util.EnumMap<>(SourceSystem.class);
        jdbc.query("SELECT source_system, reason, COUNT(*) FROM link_event WHERE from_citizen_id IS NULL "
                + "GROUP BY source_system, reason",
                Map.of(), rs -> {
                    long[] c = counts.computeIfAbsent(SourceSystem.valueOf(rs.getString(1)), k -> new long[5]);
                    c[0] += rs.getLong(3);
                    switch (rs.getString(2)) {
                        case "LINKED" -> c[1] += rs.getLong(3);
                        case "REVIEW" -> c[2] += rs.getLong(3);
                        case "NEW" -> c[3] += rs.getLong(3);
                        default -> { }
                    }
                });
        jdbc.query("SELECT s.source_system, COUNT(*) FROM review_item r JOIN source_record s ON s.source_key = r.source_key "
                + "WHERE r.status = 'OPEN' GROUP BY s.source_system", Map.of(), rs -> {
                    counts.computeIfAbsent(SourceSystem.valueOf(rs.getString(1)), k -> new long[5])[4] = rs.getLong(2);
                });
        List<LinkCounts> result = new ArrayList<>();
        counts.forEach((system, c) -> result.add(new LinkCounts(system, c[0], c[1], c[2], c[3], c[4])));
        return result;
    }

    private long count(String sql) {
        Long n = jdbc.queryForObject(sql, Map.of(), Long.class);
        return n == null ? 0 : n;
    }

    // ------------------------------------------------------------------ the write path

    private record StoredSource(String citizenId, String contentHash) {
    }

    private record StoredGolden(long version, GoldenCitizen golden) {
    }

    private List<VaultChange> upsertInTransaction(List<Mapped> batch) {
        Instant now = clock.instant();
        Map<String, Mapped> incoming = new LinkedHashMap<>();
        for (Mapped m : batch) {
            incoming.put(m.record().sourceRef().key(), m);
        }
        Map<String, StoredSource> stored = loadStoredSources(incoming.keySet());

        Map<String, StoredContent> contents = new HashMap<>();
        List<Mapped> changed = new ArrayList<>();
        for (Map.Entry<String, Mapped> e : incoming.entrySet()) {
            StoredContent content = StoredContent.of(e.getValue().record());
            StoredSource previous = stored.get(e.getKey());
            if (previous == null || !previous.contentHash().equals(content.hash())) {
                contents.put(e.getKey(), content);
                changed.add(e.getValue());
            }
        }
        if (changed.isEmpty()) {
            return List.of();
        }

        Set<String> founded = new HashSet<>();
        Map<String, String> citizenOf = link(changed, stored, now, founded);
        SurvivorshipRules rules = builder.rules();
        Set<String> rebuilt = new LinkedHashSet<>(citizenOf.values());
        rebuilt.removeAll(joinWithoutRebuild(changed, stored.keySet(), citizenOf, founded, rules));
        Map<String, List<CitizenRecord>> recordsByCitizen = loadSourceRecords(rebuilt, citizenOf.keySet());
        Map<String, SourceRef> causeOf = new HashMap<>();
        for (Mapped m : changed) {
            String citizenId = citizenOf.get(m.record().sourceRef().key());
            if (rebuilt.contains(citizenId)) {
                recordsByCitizen.computeIfAbsent(citizenId, k -> new ArrayList<>()).add(m.record());
                causeOf.putIfAbsent(citizenId, m.record().sourceRef());
            }
        }
        List<VaultChange> changes = storeGoldens(rebuilt, recordsByCitizen, causeOf, now, rules);
        writeSourceRecords(changed, stored, citizenOf, contents);
        writeFindings(changed, stored.keySet(), now);
        // new records, and new versions of known ones (their old keys must not match any more)
        List<Link> links = new ArrayList<>(changed.size());
        for (Mapped m : changed) {
            links.add(new Link(m.record(), citizenOf.get(m.record().sourceRef().key())));
        }
        tellLinkerAfterCommit(links);
        return changes;
    }

    /**
     * The known citizens that this batch's records join without changing any surviving value: every
     * record of the batch for that citizen is new to the vault and ranks below each survivor it has a
     * value for ({@link Survivors#outrankAll}). Their golden records are not rebuilt: the same values
     * would be chosen, and the version stays; the records are linked through {@code source_record}.
     * A citizen with a new version of a known record, or created in this batch, or whose survivors are
     * not recorded yet, is rebuilt. (A survivor changed by a concurrent writer between this read and
     * the commit is not seen here; the next rebuild of the citizen, or a survivorship re-run, settles it.)
     */
    private Set<String> joinWithoutRebuild(List<Mapped> changed, Set<String> storedKeys, Map<String, String> citizenOf,
                                           Set<String> founded, SurvivorshipRules rules) {
        Map<String, List<CitizenRecord>> newRecordsOf = new HashMap<>();
        Set<String> mustRebuild = new HashSet<>();
        for (Mapped m : changed) {
            String key = m.record().sourceRef().key();
            String citizenId = citizenOf.get(key);
            if (storedKeys.contains(key) || founded.contains(citizenId)) {
                mustRebuild.add(citizenId);
            } else {
                newRecordsOf.computeIfAbsent(citizenId, k -> new ArrayList<>()).add(m.record());
            }
        }
        newRecordsOf.keySet().removeAll(mustRebuild);
        Set<String> joined = new HashSet<>();
        for (List<String> chunk : chunks(newRecordsOf.keySet())) {
            jdbc.query("SELECT citizen_id, survivors FROM citizen WHERE citizen_id IN (:ids)", Map.of("ids", chunk), rs -> {
                String citizenId = rs.getString(1);
                Survivors.decode(rs.getString(2))
                        .filter(survivors -> newRecordsOf.get(citizenId).stream().allMatch(r -> survivors.outrankAll(r, rules)))
                        .ifPresent(survivors -> joined.add(citizenId));
            });
        }
        return joined;
    }

    /** A source record and the golden citizen it is stored under, for the linker. */
    private record Link(CitizenRecord record, String citizenId) {
    }

    /**
     * Tells the linker where these records are stored once the transaction has committed (never
     * before: a rollback must leave no trace in its index), and lets it drop what it staged during the
     * transaction when the transaction ends either way. Outside a transaction it is told at once.
     */
    private void tellLinkerAfterCommit(List<Link> links) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            tellLinker(links);
            linker.transactionEnded();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                tellLinker(links);
            }

            @Override
            public void afterCompletion(int status) {
                linker.transactionEnded();
            }
        });
    }

    private void tellLinker(List<Link> links) {
        try {
            for (Link link : links) {
                linker.linked(link.record(), link.citizenId());
            }
        } catch (RuntimeException e) {
            // the write is committed: the caller must not retry it; the index catches up at the next load
            LOG.warn("identity linker not told about {} committed records: {}", links.size(), e.getClass().getName());
        }
    }

    /**
     * Rebuilds, versions and stores the golden records of these citizens from their source records;
     * returns what changed. A citizen left without source records (after a merge or unmerge) is removed.
     */
    private List<VaultChange> storeGoldens(Set<String> citizenIds, Map<String, List<CitizenRecord>> recordsByCitizen,
                                           Map<String, SourceRef> causeOf, Instant now, SurvivorshipRules rules) {
        Map<String, StoredGolden> previousGoldens = loadGoldens(citizenIds);
        List<VaultChange> changes = new ArrayList<>();
        List<MapSqlParameterSource> citizenInserts = new ArrayList<>();
        List<MapSqlParameterSource> citizenUpdates = new ArrayList<>();
        for (String citizenId : citizenIds) {
            List<CitizenRecord> records = recordsByCitizen.getOrDefault(citizenId, List.of());
            StoredGolden previous = previousGoldens.get(citizenId);
            if (records.isEmpty()) {
                jdbc.update("DELETE FROM citizen WHERE citizen_id = :id", Map.of("id", citizenId));
                continue;
            }
            long previousVersion = previous == null ? 0 : previous.version();
            GoldenCitizen rebuilt = builder.build(citizenId, previousVersion, records, rules);
            Set<CitizenField> changedFields = rebuilt.changedFieldsSince(previous == null ? null : previous.golden());
            GoldenCitizen toStore = changedFields.isEmpty() ? rebuilt : rebuilt.withVersion(previousVersion + 1);
            MapSqlParameterSource row = new MapSqlParameterSource("id", citizenId)
                    .addValue("pid", verifiedPersonalId(toStore))
                    .addValue("version", toStore.version())
                    .addValue("previousVersion", previousVersion)
                    .addValue("golden", VaultJson.write(toStore.withSourceRecords(List.of())))
                    .addValue("survivors", Survivors.encode(toStore))
                    .addValue("household", toStore.household() == null ? null : toStore.household().value().householdId())
                    .addValue("at", Timestamp.from(now));
            (previous == null ? citizenInserts : citizenUpdates).add(row);
            if (!changedFields.isEmpty()) {
                changes.add(new VaultChange(toStore, previous == null, changedFields, causeOf.get(citizenId)));
            }
        }
        batch("INSERT INTO citizen (citizen_id, personal_id, version, golden, survivors, household_id, updated_at) "
                + "VALUES (:id, :pid, :version, :golden, :survivors, :household, :at)", citizenInserts);
        int[] updated = batch("UPDATE citizen SET personal_id = :pid, version = :version, golden = :golden, "
                + "survivors = :survivors, household_id = :household, updated_at = :at "
                + "WHERE citizen_id = :id AND version = :previousVersion", citizenUpdates);
        for (int n : updated) {
            if (n == 0) {
                throw new OptimisticLockingFailureException("golden record changed concurrently; retry the batch");
            }
        }
        return changes;
    }

    /**
     * The personal ID number a golden record is found by: only one the population database vouches
     * for. Another system's number may be mistyped; it stays in the golden record with its provenance
     * but is never a key.
     */
    private static String verifiedPersonalId(GoldenCitizen golden) {
        return golden.personalId() != null
                && golden.personalId().provenance().sourceSystem() == SourceSystem.POPULATION
                ? golden.personalId().value() : null;
    }

    /**
     * Decides the golden record of each changed source record: the one it is already linked to; for
     * the population database (authoritative for identity), the golden record with the same valid
     * personal ID number; otherwise what the linker decides (identity resolution): link, a new citizen,
     * or a provisional citizen with a review item for a data steward. The citizens it founds are added
     * to {@code founded}.
     */
    private Map<String, String> link(List<Mapped> changed, Map<String, StoredSource> stored, Instant now,
                                     Set<String> founded) {
        Map<String, String> citizenOf = new LinkedHashMap<>();
        Map<String, String> byPersonalId = new HashMap<>();
        List<String> unlinkedIds = new ArrayList<>();
        for (Mapped m : changed) {
            String key = m.record().sourceRef().key();
            StoredSource previous = stored.get(key);
            if (previous != null) {
                citizenOf.put(key, previous.citizenId());
            } else if (authoritativeId(m.record()) != null) {
                unlinkedIds.add(authoritativeId(m.record()));
            }
        }
        for (List<String> chunk : chunks(unlinkedIds)) {
            jdbc.query("SELECT personal_id, citizen_id FROM citizen WHERE personal_id IN (:ids)", Map.of("ids", chunk),
                    rs -> {
                        byPersonalId.put(rs.getString(1), rs.getString(2));
                    });
        }
        List<MapSqlParameterSource> reviews = new ArrayList<>();
        List<MapSqlParameterSource> events = new ArrayList<>();
        for (Mapped m : changed) {
            CitizenRecord record = m.record();
            String key = record.sourceRef().key();
            if (citizenOf.containsKey(key)) {
                continue;
            }
            String id = authoritativeId(record);
            String citizenId = id == null ? null : byPersonalId.get(id);
            String reason = "LINKED";
            if (citizenId == null) {
                reason = "NEW";
                CitizenLinker.Decision decision = linker.decide(record);
                switch (decision.kind()) {
                    case LINK -> {
                        citizenId = decision.citizenId().orElseThrow();
                        reason = "LINKED";
                    }
                    case REVIEW -> {
                        citizenId = newCitizenId();
                        founded.add(citizenId);
                        reason = "REVIEW";
                        reviews.add(new MapSqlParameterSource("key", key).addValue("provisional", citizenId)
                                .addValue("candidate", decision.citizenId().orElseThrow())
                                .addValue("probability", decision.probability())
                                .addValue("evidence", decision.evidence()).addValue("at", Timestamp.from(now)));
                    }
                    case NEW -> {
                        citizenId = newCitizenId();
                        founded.add(citizenId);
                    }
                }
                if (id != null) {
                    byPersonalId.put(id, citizenId);
                }
            }
            citizenOf.put(key, citizenId);
            // staged now, so that duplicates within one batch find each other; told for good after commit
            linker.staged(record, citizenId);
            events.add(linkEvent(key, null, citizenId, reason, now));
        }
        batch("INSERT INTO review_item (source_key, provisional_citizen_id, candidate_citizen_id, probability, evidence, "
                + "status, created_at) VALUES (:key, :provisional, :candidate, :probability, :evidence, 'OPEN', :at)", reviews);
        batch("INSERT INTO link_event (source_key, source_system, from_citizen_id, to_citizen_id, reason, at) "
                + "VALUES (:key, :system, :from, :to, :reason, :at)", events);
        return citizenOf;
    }

    private static MapSqlParameterSource linkEvent(String key, String from, String to, String reason, Instant at) {
        return new MapSqlParameterSource("key", key).addValue("system", key.substring(0, key.indexOf(':')))
                .addValue("from", from).addValue("to", to)
                .addValue("reason", reason).addValue("at", Timestamp.from(at));
    }

    /** The valid personal ID number of a population-database record; null for any other source. */
    private static String authoritativeId(CitizenRecord record) {
        if (record.provenance().sourceSystem() != SourceSystem.POPULATION) {
            return null;
        }
        String id = PersonalIdNumber.clean(record.personalId());
        return PersonalIdNumber.validate(id, record.dateOfBirth(), record.sex()).isEmpty() ? id : null;
    }

    private static String newCitizenId() {
        return UUID.randomUUID().toString();
    }

    private Map<String, StoredSource> loadStoredSources(Collection<String> keys) {
        Map<String, StoredSource> stored = new HashMap<>();
        for (List<String> chunk : chunks(keys)) {
            jdbc.query("SELECT source_key, citizen_id, content_hash FROM source_record WHERE source_key IN (:keys)",
                    Map.of("keys", chunk), rs -> {
                        stored.put(rs.getString(1), new StoredSource(rs.getString(2), rs.getString(3)));
                    });
        }
        return stored;
    }

    /** The stored source records of these citizens, except the ones being replaced. */
    private Map<String, List<CitizenRecord>> loadSourceRecords(Collection<String> citizenIds, Set<String> replacedKeys) {
        Map<String, List<CitizenRecord>> byCitizen = new HashMap<>();
        for (List<String> chunk : chunks(citizenIds)) {
            jdbc.query("SELECT source_key, citizen_id, record, retrieved_at FROM source_record WHERE citizen_id IN (:ids)",
                    Map.of("ids", chunk), rs -> {
                        if (!replacedKeys.contains(rs.getString(1))) {
                            byCitizen.computeIfAbsent(rs.getString(2), k -> new ArrayList<>())
                                    .add(StoredContent.read(rs.getString(3), rs.getTimestamp(4)));
                        }
                    });
        }
        return byCitizen;
    }

    private Map<String, StoredGolden> loadGoldens(Collection<String> citizenIds) {
        Map<String, StoredGolden> goldens = new HashMap<>();
        for (List<String> chunk : chunks(citizenIds)) {
            jdbc.query("SELECT citizen_id, version, golden FROM citizen WHERE citizen_id IN (:ids)",
                    Map.of("ids", chunk), rs -> {
                        goldens.put(rs.getString(1), new StoredGolden(rs.getLong(2),
                                VaultJson.read(rs.getString(3), GoldenCitizen.class)));
                    });
        }
        return goldens;
    }

    private void writeSourceRecords(List<Mapped> changed, Map<String, StoredSource> stored,
                                    Map<String, String> citizenOf, Map<String, StoredContent> contents) {
        List<MapSqlParameterSource> inserts = new ArrayList<>();
        List<MapSqlParameterSource> updates = new ArrayList<>();
        for (Mapped m : changed) {
            CitizenRecord r = m.record();
            String key = r.sourceRef().key();
            MapSqlParameterSource row = new MapSqlParameterSource("key", key)
                    .addValue("system", r.provenance().sourceSystem().name())
                    .addValue("recordId", r.provenance().sourceRecordId())
                    .addValue("citizen", citizenOf.get(key))
                    .addValue("record", contents.get(key).json())
                    .addValue("hash", contents.get(key).hash())
                    .addValue("at", Timestamp.from(r.provenance().retrievedAt()));
            (stored.containsKey(key) ? updates : inserts).add(row);
        }
        batch("INSERT INTO source_record (source_key, source_system, record_id, citizen_id, record, content_hash, retrieved_at) "
                + "VALUES (:key, :system, :recordId, :citizen, :record, :hash, :at)", inserts);
        batch("UPDATE source_record SET citizen_id = :citizen, record = :record, content_hash = :hash, retrieved_at = :at "
                + "WHERE source_key = :key", updates);
    }

    /** Replaces the findings of each changed source record with the ones found now. */
    private void writeFindings(List<Mapped> changed, Set<String> storedKeys, Instant now) {
        List<MapSqlParameterSource> rows = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (Mapped m : changed) {
            String key = m.record().sourceRef().key();
            if (storedKeys.contains(key)) {
                keys.add(key);
            }
            for (DataQualityFinding f : m.findings()) {
                rows.add(new MapSqlParameterSource("key", key).addValue("code", f.code().name())
                        .addValue("field", f.field()).addValue("message", f.message())
                        .addValue("at", Timestamp.from(now)));
            }
        }
        for (List<String> chunk : chunks(keys)) {
            jdbc.update("DELETE FROM data_quality_finding WHERE source_key IN (:keys)", Map.of("keys", chunk));
        }
        batch("INSERT INTO data_quality_finding (source_key, code, field, message, found_at) "
                + "VALUES (:key, :code, :field, :message, :at)", rows);
    }

    private int[] batch(String sql, List<MapSqlParameterSource> rows) {
        return rows.isEmpty() ? new int[0] : jdbc.batchUpdate(sql, rows.toArray(new MapSqlParameterSource[0]));
    }

    /**
     * A source record as stored: its JSON without the retrieval time (which has a column of its own),
     * and the hash of that JSON. Re-reading unchanged data gives the same hash, so it is a no-op.
     */
    record StoredContent(String json, String hash) {

        static StoredContent of(CitizenRecord record) {
            Provenance p = record.provenance();
            CitizenRecord timeless = new CitizenRecord(new Provenance(p.sourceSystem(), p.sourceRecordId(), Instant.EPOCH),
                    record.personalId(), record.legacyId(), record.name(), record.dateOfBirth(), record.sex(),
                    record.placeOfOrigin(), record.permanentAddress(), record.currentAddress(), record.household(),
                    record.phone(), record.email(), record.dateOfDeath());
            String json = VaultJson.write(timeless);
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
                return new StoredContent(json, HexFormat.of().formatHex(digest));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JRE", e);
            }
        }

        static CitizenRecord read(String json, Timestamp retrievedAt) {
            CitizenRecord r = VaultJson.read(json, CitizenRecord.class);
            Provenance p = r.provenance();
            return new CitizenRecord(new Provenance(p.sourceSystem(), p.sourceRecordId(), retrievedAt.toInstant()),
                    r.personalId(), r.legacyId(), r.name(), r.dateOfBirth(), r.sex(), r.placeOfOrigin(),
                    r.permanentAddress(), r.currentAddress(), r.household(), r.phone(), r.email(), r.dateOfDeath());
        }
    }

    private static <T> List<List<T>> chunks(Collection<T> items) {
        List<T> all = new ArrayList<>(items);
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += IN_CHUNK) {
            chunks.add(all.subList(i, Math.min(all.size(), i + IN_CHUNK)));
        }
        return chunks;
    }
}
