package org.citizenhub.connectors.vault;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.citizenhub.mappings.citizen.GoldenCitizen;
import org.citizenhub.mappings.citizen.SourceRef;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.school.SchoolResult;
import org.citizenhub.mappings.utility.Bill;
import org.citizenhub.mappings.utility.RejectedBill;
import org.citizenhub.mappings.utility.ServiceAccount;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The school and utility part of the vault: school results and guardians, utility accounts, bills and
 * refused bills, term-file deliveries, and the contact updates other systems confirmed.
 *
 * <p>Students and account holders themselves are source records of {@link VaultStore}; what is stored
 * here refers to them by source key ({@code SCHOOL:4800000123}, {@code WATER:DNW00000042}) and is
 * joined to their golden citizen when read, so a re-link by identity resolution moves it along.
 * Writes are idempotent (keyed upserts); callers that need them atomic with a vault write run both in
 * one transaction (the store takes part in the caller's).
 */
public class SchoolUtilityStore {

    private static final int IN_CHUNK = 500;

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    public SchoolUtilityStore(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ links to the vault

    /** The golden citizen each source record is linked to now (source records the vault lacks are left out). */
    public Map<String, String> citizenIdsOf(Collection<String> sourceKeys) {
        Map<String, String> citizenOf = new HashMap<>();
        for (List<String> chunk : chunks(sourceKeys)) {
            jdbc.query("SELECT source_key, citizen_id FROM source_record WHERE source_key IN (:keys)",
                    Map.of("keys", chunk), rs -> {
                        citizenOf.put(rs.getString(1), rs.getString(2));
                    });
        }
        return citizenOf;
    }

    /**
     * The citizen a source record is linked to, as the ingest of its system needs it: the household of
     * the golden record, and whether the population register vouches for the citizen (its personal ID
     * number is the golden record's key).
     */
    public record LinkedCitizen(String citizenId, String householdId, boolean registered) {
    }

    /** The citizen each source record is linked to now (source records the vault lacks are left out). */
    public Map<String, LinkedCitizen> linkedCitizensOf(Collection<String> sourceKeys) {
        Map<String, LinkedCitizen> linked = new HashMap<>();
        for (List<String> chunk : chunks(new LinkedHashSet<>(sourceKeys))) {
            jdbc.query("SELECT s.source_key, c.citizen_id, c.household_id, c.personal_id, c.survivors, "
                    + "CASE WHEN c.survivors IS NULL THEN c.golden END FROM source_record s "
                    + "JOIN citizen c ON c.citizen_id = s.citizen_id WHERE s.source_key IN (:keys)", Map.of("keys", chunk), rs -> {
                        String household = rs.getString(3);
                        if (rs.getString(5) == null) {
                            // written before V9 and not rebuilt since: the household is only in the golden JSON
                            GoldenCitizen golden = VaultJson.read(rs.getString(6), GoldenCitizen.class);
                            household = golden.household() == null ? null : golden.household().value().householdId();
                        }
                        linked.put(rs.getString(1), new LinkedCitizen(rs.getString(2), household, rs.getString(4) != null));
                    });
        }
        return linked;
    }

    // ------------------------------------------------------------------ school

    /** A student's guardian as the latest row names it, and the student's household when known. */
    public record StudentGuardian(String studentCode, String guardianKey, String householdId) {
        public StudentGuardian {
            Objects.requireNonNull(studentCode, "studentCode");
            Objects.requireNonNull(guardianKey, "guardianKey");
        }
    }

    /** A term-file delivery: how it went, in counts and reasons. */
    public record TermFileDelivery(String deliveryId, String fileName, String deliveryKey, String status,
                                   int rowsRead, int rowsStored, int rowsRejected, String reason, Instant receivedAt) {
    }

    /** A row of a delivery that was not taken. {@code rowKey} is null when the row could not be split into columns. */
    public record RowRejection(int line, String rowKey, String reason) {
    }

    /** A stored school result and the delivery that last wrote it. */
    public record StoredSchoolResult(SchoolResult result, String deliveryKey) {
    }

    /** Stores results by row key; a row key stored before is replaced (a corrected file supersedes it). */
    public void saveSchoolResults(List<SchoolResult> results, String deliveryKey) {
        Timestamp now = Timestamp.from(clock.instant());
        List<String> keys = results.stream().map(SchoolResult::rowKey).toList();
        Set<String> existing = existingKeys("SELECT row_key FROM school_result WHERE row_key IN (:keys)", keys);
        List<MapSqlParameterSource> inserts = new ArrayList<>();
        List<MapSqlParameterSource> updates = new ArrayList<>();
        for (SchoolResult r : results) {
            MapSqlParameterSource row = new MapSqlParameterSource("rowKey", r.rowKey())
                    .addValue("code", r.studentCode())
                    .addValue("source", new SourceRef(SourceSystem.SCHOOL, r.studentCode()).key())
                    .addValue("year", r.schoolYear().toString())
                    .addValue("school", r.school())
                    .addValue("result", VaultJson.write(r))
                    .addValue("delivery", deliveryKey)
                    .addValue("at", now);
            (existing.contains(r.rowKey()) ? updates : inserts).add(row);
        }
        batch("INSERT INTO school_result (row_key, student_code, source_key, school_year, school, result, delivery_key, updated_at) "
                + "VALUES (:rowKey, :code, :source, :year, :school, :result, :delivery, :at)", inserts);
        batch("UPDATE school_result SET student_code = :code, source_key = :source, school_year = :year, school = :school, "
                + "result = :result, delivery_key = :delivery, updated_at = :at WHERE row_key = :rowKey", updates);
    }

    public void saveGuardians(List<StudentGuardian> guardians) {
        Timestamp now = Timestamp.from(clock.instant());
        List<String> codes = guardians.stream().map(StudentGuardian::studentCode).toList();
        Set<String> existing = existingKeys("SELECT student_code FROM school_guardian WHERE student_code IN (:keys)", codes);
        List<MapSqlParameterSource> inserts = new ArrayList<>();
        List<MapSqlParameterSource> updates = new ArrayList<>();
        for (StudentGuardian g : guardians) {
            MapSqlParameterSource row = new MapSqlParameterSource("code", g.studentCode())
                    .addValue("source", new SourceRef(SourceSystem.SCHOOL, g.studentCode()).key())
                    .addValue("guardian", g.guardianKey())
                    .addValue("household", g.householdId())
                    .addValue("at", now);
            (existing.contains(g.studentCode()) ? updates : inserts).add(row);
        }
        batch("INSERT INTO school_guardian (student_code, source_key, guardian_key, household_id, updated_at) "
                + "VALUES (:code, :source, :guardian, :household, :at)", inserts);
        batch("UPDATE school_guardian SET source_key = :source, guardian_key = :guardian, household_id = :household, "
                + "updated_at = :at WHERE student_code = :code", updates);
    }

    /** Students of a household, with the guardian each one's school row names. */
    public List<StudentGuardian> guardiansInHousehold(String householdId) {
        return jdbc.query("SELECT student_code, guardian_key, household_id FROM school_guardian WHERE household_id = :h "
                        + "ORDER BY student_code", Map.of("h", householdId),
                (rs, i) -> new StudentGuardian(rs.getString(1), rs.getString(2), rs.getString(3)));
    }

    /** Records the household the vault now knows for the students linked to this citizen; returns how many rows changed. */
    public int refreshStudentHousehold(String citizenId, String householdId) {
        return jdbc.update("UPDATE school_guardian SET household_id = :h, updated_at = :at WHERE source_key IN "
                        + "(SELECT source_key FROM source_record WHERE citizen_id = :c AND source_system = 'SCHOOL') "
                        + "AND (household_id IS NULL OR household_id <> :h)",
                new MapSqlParameterSource("h", householdId).addValue("c", citizenId)
                        .addValue("at", Timestamp.from(clock.instant())));
    }

    /** The school results of a citizen's student records, by school year. */
    public List<SchoolResult> schoolResultsOf(String citizenId) {
        return jdbc.query("SELECT r.result FROM school_result r JOIN source_record s ON s.source_key = r.source_key "
                        + "WHERE s.citizen_id = :c ORDER BY r.school_year, r.row_key", Map.of("c", citizenId),
                (rs, i) -> VaultJson.read(rs.getString(1), SchoolResult.class));
    }

    public Optional<StoredSchoolResult> schoolResult(String rowKey) {
        return jdbc.query("SELECT result, delivery_key FROM school_result WHERE row_key = :k", Map.of("k", rowKey),
                (rs, i) -> new StoredSchoolResult(VaultJson.read(rs.getString(1), SchoolResult.class), rs.getString(2)))
                .stream().findFirst();
    }

    public long schoolResultCount() {
        return count("SELECT COUNT(*) FROM school_result", Map.of());
    }

    /** Students whose golden citizen also has a population-register record: linked to a registered resident. */
    public long studentsLinkedToResidents() {
        return count("SELECT COUNT(DISTINCT r.student_code) FROM school_result r "
                + "JOIN source_record s ON s.source_key = r.source_key "
                + "WHERE EXISTS (SELECT 1 FROM source_record p WHERE p.citizen_id = s.citizen_id AND p.source_system = 'POPULATION')",
                Map.of());
    }

    public void recordTermFile(TermFileDelivery delivery, List<RowRejection> rejections) {
        jdbc.update("INSERT INTO school_term_file (delivery_id, file_name, delivery_key, status, rows_read, rows_stored, "
                        + "rows_rejected, reason, received_at) VALUES (:id, :name, :key, :status, :read, :stored, :rejected, :reason, :at)",
                new MapSqlParameterSource("id", delivery.deliveryId()).addValue("name", delivery.fileName())
                        .addValue("key", delivery.deliveryKey()).addValue("status", delivery.status())
                        .addValue("read", delivery.rowsRead()).addValue("stored", delivery.rowsStored())
                        .addValue("rejected", delivery.rowsRejected()).addValue("reason", delivery.reason())
                        .addValue("at", Timestamp.from(delivery.receivedAt())));
        List<MapSqlParameterSource> rows = new ArrayList<>();
        for (RowRejection r : rejections) {
            rows.add(new MapSqlParameterSource("id", delivery.deliveryId()).addValue("line", r.line())
                    .addValue("rowKey", r.rowKey()).addValue("reason", r.reason()));
        }
        batch("INSERT INTO school_row_rejection (delivery_id, line, row_key, reason) VALUES (:id, :line, :rowKey, :reason)", rows);
    }

    /** The latest deliveries, newest first. */
    public List<TermFileDelivery> termFiles(int limit) {
        return jdbc.query("SELECT delivery_id, file_name, delivery_key, status, rows_read, rows_stored, rows_rejected, reason, "
                        + "received_at FROM school_term_file ORDER BY received_at DESC, delivery_id FETCH FIRST " + Math.max(1, limit)
                        + " ROWS ONLY", Map.of(),
                (rs, i) -> new TermFileDelivery(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getString(8), rs.getTimestamp(9).toInstant()));
    }

    public List<RowRejection> rowRejectionsOf(String deliveryId) {
        return jdbc.query("SELECT line, row_key, reason FROM school_row_rejection WHERE delivery_id = :id ORDER BY line",
                Map.of("id", deliveryId), (rs, i) -> new RowRejection(rs.getInt(1), rs.getString(2), rs.getString(3)));
    }

    // ------------------------------------------------------------------ utility

    /** Stores accounts by provider and customer code; the holder is the vault's source record of the same key. */
    public void saveAccounts(List<ServiceAccount> accounts) {
        Timestamp now = Timestamp.from(clock.instant());
        List<String> keys = accounts.stream().map(a -> a.sourceRef().key()).toList();
        Set<String> existing = existingKeys("SELECT source_key FROM utility_account WHERE source_key IN (:keys)", keys);
        List<MapSqlParameterSource> inserts = new ArrayList<>();
        List<MapSqlParameterSource> updates = new ArrayList<>();
        for (ServiceAccount a : accounts) {
            MapSqlParameterSource row = new MapSqlParameterSource("provider", a.provider().name())
                    .addValue("code", a.customerCode()).addValue("source", a.sourceRef().key())
                    .addValue("address", a.serviceAddress()).addValue("at", now);
            (existing.contains(a.sourceRef().key()) ? updates : inserts).add(row);
        }
        batch("INSERT INTO utility_account (provider, customer_code, source_key, service_address, updated_at) "
                + "VALUES (:provider, :code, :source, :address, :at)", inserts);
        batch("UPDATE utility_account SET service_address = :address, updated_at = :at "
                + "WHERE provider = :provider AND customer_code = :code AND service_address <> :address", updates);
    }

    /** The accounts whose holder is linked to this citizen. */
    public List<ServiceAccount> accountsOf(String citizenId) {
        return jdbc.query("SELECT a.provider, a.customer_code, a.service_address FROM utility_account a "
                        + "JOIN source_record s ON s.source_key = a.source_key WHERE s.citizen_id = :c "
                        + "ORDER BY a.provider, a.customer_code", Map.of("c", citizenId),
                (rs, i) -> new ServiceAccount(SourceSystem.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3)));
    }

    public List<String> customerCodes(SourceSystem provider) {
        return jdbc.queryForList("SELECT customer_code FROM utility_account WHERE provider = :p ORDER BY customer_code",
                Map.of("p", provider.name()), String.class);
    }

    public long accountCount(SourceSystem provider) {
        return count("SELECT COUNT(*) FROM utility_account WHERE provider = :p", Map.of("p", provider.name()));
    }

    /** Accounts whose holder's golden citizen also has a population-register record. */
    public long accountsLinkedToResidents(SourceSystem provider) {
        return count("SELECT COUNT(*) FROM utility_account a JOIN source_record s ON s.source_key = a.source_key "
                + "WHERE a.provider = :p AND EXISTS (SELECT 1 FROM source_record r WHERE r.citizen_id = s.citizen_id "
                + "AND r.source_system = 'POPULATION')", Map.of("p", provider.name()));
    }

    /** What a bill sync of one account did. */
    public record BillsWritten(int written, int unchanged, int refused) {
    }

    /**
     * Stores the accepted bills of one account by {@link Bill#key()} (a bill read again unchanged is not
     * written again; one whose payment status changed is updated), removes stored bills the provider now
     * sends in a form the hub refuses, and replaces the account's refusals with the ones of this sync.
     */
    public BillsWritten saveBills(SourceSystem provider, String customerCode, List<Bill> accepted, List<RejectedBill> refused) {
        Timestamp now = Timestamp.from(clock.instant());
        Map<String, Bill> stored = new HashMap<>();
        jdbc.query("SELECT bill_key, period, consumption, amount_vnd, due_date, paid FROM utility_bill "
                        + "WHERE provider = :p AND customer_code = :c", Map.of("p", provider.name(), "c", customerCode),
                rs -> {
                    stored.put(rs.getString(1), new Bill(provider, customerCode, YearMonth.parse(rs.getString(2)),
                            quantity(rs.getBigDecimal(3)), rs.getLong(4), rs.getDate(5).toLocalDate(), rs.getBoolean(6)));
                });
        List<MapSqlParameterSource> inserts = new ArrayList<>();
        List<MapSqlParameterSource> updates = new ArrayList<>();
        int unchanged = 0;
        for (Bill b : accepted) {
            Bill before = stored.get(b.key());
            if (before != null && sameBill(before, b)) {
                unchanged++;
                continue;
            }
            MapSqlParameterSource row = new MapSqlParameterSource("key", b.key()).addValue("p", provider.name())
                    .addValue("c", customerCode).addValue("period", b.period().toString())
                    .addValue("consumption", b.consumption()).addValue("amount", b.amountVnd())
                    .addValue("due", Date.valueOf(b.dueDate())).addValue("paid", b.paid()).addValue("at", now);
            (before == null ? inserts : updates).add(row);
        }
        batch("INSERT INTO utility_bill (bill_key, provider, customer_code, period, consumption, amount_vnd, due_date, paid, "
                + "updated_at) VALUES (:key, :p, :c, :period, :consumption, :amount, :due, :paid, :at)", inserts);
        batch("UPDATE utility_bill SET consumption = :consumption, amount_vnd = :amount, due_date = :due, paid = :paid, "
                + "updated_at = :at WHERE bill_key = :key", updates);

        MapSqlParameterSource account = new MapSqlParameterSource("p", provider.name()).addValue("c", customerCode);
        // a bill the provider now sends in a form the hub refuses (two amounts for one period) is no longer shown as owed
        List<String> refusedStored = refused.stream().map(RejectedBill::billKey).filter(stored::containsKey).distinct().toList();
        if (!refusedStored.isEmpty()) {
            jdbc.update("DELETE FROM utility_bill WHERE bill_key IN (:keys)", Map.of("keys", refusedStored));
        }
        List<RejectedBill> previousRefusals = refusalsOf(provider, customerCode);
        if (!previousRefusals.equals(refused)) {
            jdbc.update("DELETE FROM utility_bill_refusal WHERE provider = :p AND customer_code = :c", account);
            List<MapSqlParameterSource> rows = new ArrayList<>();
            for (RejectedBill r : refused) {
                rows.add(new MapSqlParameterSource("p", provider.name()).addValue("c", customerCode)
                        .addValue("key", r.billKey()).addValue("reason", r.reason()).addValue("at", now));
            }
            batch("INSERT INTO utility_bill_refusal (provider, customer_code, bill_key, reason, refused_at) "
                    + "VALUES (:p, :c, :key, :reason, :at)", rows);
        }
        return new BillsWritten(inserts.size() + updates.size(), unchanged, refused.size());
    }

    /** A consumption as the provider wrote it: the column's fixed scale dropped (12.500 → 12.5, 150.000 → 150). */
    private static BigDecimal quantity(BigDecimal stored) {
        BigDecimal q = stored.stripTrailingZeros();
        return q.scale() < 0 ? q.setScale(0) : q;
    }

    private static boolean sameBill(Bill a, Bill b) {
        return a.amountVnd() == b.amountVnd() && a.paid() == b.paid() && a.dueDate().equals(b.dueDate())
                && a.consumption().compareTo(b.consumption()) == 0;
    }

    /** The bills of an account by period. */
    public List<Bill> billsOf(SourceSystem provider, String customerCode) {
        return jdbc.query("SELECT period, consumption, amount_vnd, due_date, paid FROM utility_bill "
                        + "WHERE provider = :p AND customer_code = :c ORDER BY period",
                Map.of("p", provider.name(), "c", customerCode),
                (rs, i) -> new Bill(provider, customerCode, YearMonth.parse(rs.getString(1)), quantity(rs.getBigDecimal(2)),
                        rs.getLong(3), rs.getDate(4).toLocalDate(), rs.getBoolean(5)));
    }

    public List<RejectedBill> refusalsOf(SourceSystem provider, String customerCode) {
        return jdbc.query("SELECT bill_key, reason FROM utility_bill_refusal WHERE provider = :p AND customer_code = :c ORDER BY id",
                Map.of("p", provider.name(), "c", customerCode), (rs, i) -> new RejectedBill(rs.getString(1), rs.getString(2)));
    }

    public long billCount(SourceSystem provider) {
        return count("SELECT COUNT(*) FROM utility_bill WHERE provider = :p", Map.of("p", provider.name()));
    }

    // ------------------------------------------------------------------ contact updates

    /** A contact update a target system confirmed. {@code fields} are names (PHONE, ADDRESS), never values. */
    public record SentContactUpdate(String requestId, SourceSystem targetSystem, String targetCode, String citizenId,
                                    long citizenVersion, Set<String> fields, int httpStatus) {
        public SentContactUpdate {
            fields = Set.copyOf(fields);
        }
    }

    public boolean isSent(String requestId) {
        return count("SELECT COUNT(*) FROM contact_update_sent WHERE request_id = :id", Map.of("id", requestId)) > 0;
    }

    /** The fields confirmed to a target for later versions of the same citizen than {@code version}. */
    public Set<String> fieldsSentForLaterVersions(SourceSystem targetSystem, String targetCode, String citizenId, long version) {
        Set<String> fields = new LinkedHashSet<>();
        jdbc.query("SELECT fields FROM contact_update_sent WHERE target_system = :s AND target_code = :t "
                        + "AND citizen_id = :c AND citizen_version > :v",
                new MapSqlParameterSource("s", targetSystem.name()).addValue("t", targetCode).addValue("c", citizenId)
                        .addValue("v", version),
                rs -> {
                    for (String f : rs.getString(1).split(",")) {
                        if (!f.isBlank()) {
                            fields.add(f);
                        }
                    }
                });
        return fields;
    }

    /** Records a confirmed update once (a second confirmation of the same request id changes nothing). */
    public void recordSent(SentContactUpdate sent) {
        if (isSent(sent.requestId())) {
            return;
        }
        jdbc.update("INSERT INTO contact_update_sent (request_id, target_system, target_code, citizen_id, citizen_version, "
                        + "fields, http_status, sent_at) VALUES (:id, :s, :t, :c, :v, :f, :status, :at)",
                new MapSqlParameterSource("id", sent.requestId()).addValue("s", sent.targetSystem().name())
                        .addValue("t", sent.targetCode()).addValue("c", sent.citizenId()).addValue("v", sent.citizenVersion())
                        .addValue("f", String.join(",", sent.fields().stream().sorted().toList()))
                        .addValue("status", sent.httpStatus()).addValue("at", Timestamp.from(clock.instant())));
    }

    public long sentCount(SourceSystem targetSystem) {
        return count("SELECT COUNT(*) FROM contact_update_sent WHERE target_system = :s", Map.of("s", targetSystem.name()));
    }

    // ------------------------------------------------------------------ helpers

    private Set<String> existingKeys(String sql, Collection<String> keys) {
        Set<String> existing = new HashSet<>();
        for (List<String> chunk : chunks(new LinkedHashSet<>(keys))) {
            existing.addAll(jdbc.queryForList(sql, Map.of("keys", chunk), String.class));
        }
        return existing;
    }

    private long count(String sql, Map<String, ?> params) {
        Long n = jdbc.queryForObject(sql, params, Long.class);
        return n == null ? 0 : n;
    }

    private void batch(String sql, List<MapSqlParameterSource> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(sql, rows.toArray(new MapSqlParameterSource[0]));
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
