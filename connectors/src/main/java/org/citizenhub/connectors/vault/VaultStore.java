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
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import org.citizenhub.mappings.citizen.CitizenField;
import org.citizenhub.mappings.citizen.CitizenRecord;
import org.citizenhub.mappings.citizen.GoldenCitizen;
import org.citizenhub.mappings.citizen.GoldenRecordBuilder;
import org.citizenhub.mappings.citizen.Mapped;
import org.citizenhub.mappings.citizen.Provenance;
import org.citizenhub.mappings.citizen.SourceRef;
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

    private static final int IN_CHUNK = 500;

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final GoldenRecordBuilder builder;
    private final Clock clock;

    public VaultStore(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, GoldenRecordBuilder builder, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.builder = builder;
        this.clock = clock;
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
                .stream().findFirst().map(json -> VaultJson.read(json, GoldenCitizen.class));
    }

    public Optional<GoldenCitizen> findById(String citizenId) {
        return jdbc.query("SELECT golden FROM citizen WHERE citizen_id = :id",
                        Map.of("id", citizenId), (rs, i) -> rs.getString(1))
                .stream().findFirst().map(json -> VaultJson.read(json, GoldenCitizen.class));
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

        Map<String, String> citizenOf = link(changed, stored);
        Set<String> affected = new LinkedHashSet<>(citizenOf.values());
        Map<String, List<CitizenRecord>> recordsByCitizen = loadSourceRecords(affected, citizenOf.keySet());
        for (Mapped m : changed) {
            recordsByCitizen.computeIfAbsent(citizenOf.get(m.record().sourceRef().key()), k -> new ArrayList<>())
                    .add(m.record());
        }
        Map<String, StoredGolden> previousGoldens = loadGoldens(affected);

        List<VaultChange> changes = new ArrayList<>();
        List<MapSqlParameterSource> citizenInserts = new ArrayList<>();
        List<MapSqlParameterSource> citizenUpdates = new ArrayList<>();
        Map<String, SourceRef> causeOf = new HashMap<>();
        for (Mapped m : changed) {
            causeOf.putIfAbsent(citizenOf.get(m.record().sourceRef().key()), m.record().sourceRef());
        }
        for (String citizenId : affected) {
            StoredGolden previous = previousGoldens.get(citizenId);
            long previousVersion = previous == null ? 0 : previous.version();
            GoldenCitizen rebuilt = builder.build(citizenId, previousVersion, recordsByCitizen.get(citizenId));
            Set<CitizenField> changedFields = rebuilt.changedFieldsSince(previous == null ? null : previous.golden());
            GoldenCitizen toStore = changedFields.isEmpty() ? rebuilt : rebuilt.withVersion(previousVersion + 1);
            MapSqlParameterSource row = new MapSqlParameterSource("id", citizenId)
                    .addValue("pid", toStore.personalId() == null ? null : toStore.personalId().value())
                    .addValue("version", toStore.version())
                    .addValue("previousVersion", previousVersion)
                    .addValue("golden", VaultJson.write(toStore))
                    .addValue("at", Timestamp.from(now));
            (previous == null ? citizenInserts : citizenUpdates).add(row);
            if (!changedFields.isEmpty()) {
                changes.add(new VaultChange(toStore, previous == null, changedFields, causeOf.get(citizenId)));
            }
        }

        batch("INSERT INTO citizen (citizen_id, personal_id, version, golden, updated_at) "
                + "VALUES (:id, :pid, :version, :golden, :at)", citizenInserts);
        int[] updated = batch("UPDATE citizen SET personal_id = :pid, version = :version, golden = :golden, updated_at = :at "
                + "WHERE citizen_id = :id AND version = :previousVersion", citizenUpdates);
        for (int n : updated) {
            if (n == 0) {
                throw new OptimisticLockingFailureException("golden record changed concurrently; retry the batch");
            }
        }
        writeSourceRecords(changed, stored, citizenOf, contents);
        writeFindings(changed, stored.keySet(), now);
        return changes;
    }

    /**
     * Decides the golden record of each changed source record: the one it is already linked to; else
     * the golden record with the same valid personal ID number; else a new one.
     */
    private Map<String, String> link(List<Mapped> changed, Map<String, StoredSource> stored) {
        Map<String, String> citizenOf = new LinkedHashMap<>();
        Map<String, String> byPersonalId = new HashMap<>();
        List<String> unlinkedIds = new ArrayList<>();
        for (Mapped m : changed) {
            String key = m.record().sourceRef().key();
            StoredSource previous = stored.get(key);
            if (previous != null) {
                citizenOf.put(key, previous.citizenId());
            } else if (usableId(m.record()) != null) {
                unlinkedIds.add(usableId(m.record()));
            }
        }
        for (List<String> chunk : chunks(unlinkedIds)) {
            jdbc.query("SELECT personal_id, citizen_id FROM citizen WHERE personal_id IN (:ids)", Map.of("ids", chunk),
                    rs -> {
                        byPersonalId.put(rs.getString(1), rs.getString(2));
                    });
        }
        for (Mapped m : changed) {
            String key = m.record().sourceRef().key();
            if (!citizenOf.containsKey(key)) {
                String id = usableId(m.record());
                String citizenId = id == null ? newCitizenId() : byPersonalId.computeIfAbsent(id, k -> newCitizenId());
                citizenOf.put(key, citizenId);
            }
        }
        return citizenOf;
    }

    private static String usableId(CitizenRecord record) {
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
