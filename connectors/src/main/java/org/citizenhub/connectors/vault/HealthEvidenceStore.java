package org.citizenhub.connectors.vault;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.citizenhub.mappings.citizen.SourceRef;
import org.citizenhub.mappings.health.HealthCheckCertificate;
import org.citizenhub.mappings.health.ImmunizationSummary;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Health evidence in the vault (table {@code health_evidence}): driver health-check certificates and
 * vaccinations read from the health-record system, kept so that a procedure can reuse them instead of
 * asking the citizen again.
 *
 * <p>One row per FHIR resource. Storing is idempotent per resource version: the same version again, or
 * an older one arriving late (a notification overtaken by a sync), changes nothing. Evidence is linked
 * to the source record of its Patient, and through it to whichever citizen that Patient is linked to.
 */
public class HealthEvidenceStore {

    private static final int IN_CHUNK = 500;

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public HealthEvidenceStore(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    public enum Kind {
        /** A {@link HealthCheckCertificate} (DiagnosticReport). */
        DRIVER_HEALTH_CHECK,
        /** One {@link ImmunizationSummary.Dose} (Immunization). */
        IMMUNIZATION
    }

    /**
     * One version of one evidence resource as the health system holds it.
     *
     * @param resourceId  the resource's id in the health system, {@code DiagnosticReport/12}
     * @param patient     the source record of the Patient it is about
     * @param versionId   {@code meta.versionId}, empty when the server gives none
     * @param lastUpdated {@code meta.lastUpdated}, null when unknown
     * @param content     the certificate or dose; null when the resource no longer counts as evidence
     *                    (cancelled, entered in error, not done): use {@link #withdrawn}
     */
    public record EvidenceVersion(String resourceId, Kind kind, SourceRef patient, String versionId, Instant lastUpdated,
                                  Instant retrievedAt, Object content) {
        public EvidenceVersion {
            Objects.requireNonNull(resourceId, "resourceId");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(patient, "patient");
            Objects.requireNonNull(retrievedAt, "retrievedAt");
            versionId = versionId == null ? "" : versionId;
            if (content != null && !(kind == Kind.DRIVER_HEALTH_CHECK ? content instanceof HealthCheckCertificate
                    : content instanceof ImmunizationSummary.Dose)) {
                throw new IllegalArgumentException(kind + " evidence cannot hold a " + content.getClass().getSimpleName());
            }
        }

        public static EvidenceVersion certificate(String resourceId, SourceRef patient, String versionId, Instant lastUpdated,
                                                  Instant retrievedAt, HealthCheckCertificate certificate) {
            return new EvidenceVersion(resourceId, Kind.DRIVER_HEALTH_CHECK, patient, versionId, lastUpdated, retrievedAt,
                    Objects.requireNonNull(certificate, "certificate"));
        }

        public static EvidenceVersion dose(String resourceId, SourceRef patient, String versionId, Instant lastUpdated,
                                           Instant retrievedAt, ImmunizationSummary.Dose dose) {
            return new EvidenceVersion(resourceId, Kind.IMMUNIZATION, patient, versionId, lastUpdated, retrievedAt,
                    Objects.requireNonNull(dose, "dose"));
        }

        public static EvidenceVersion withdrawn(String resourceId, Kind kind, SourceRef patient, String versionId,
                                                Instant lastUpdated, Instant retrievedAt) {
            return new EvidenceVersion(resourceId, kind, patient, versionId, lastUpdated, retrievedAt, null);
        }

        public boolean isWithdrawn() {
            return content == null;
        }
    }

    private record Stored(String versionId, Instant lastUpdated) {
    }

    /**
     * Stores a batch in one transaction; later versions of one resource within the batch win.
     *
     * @return how many rows were written (versions already stored, or older than the stored one, are not)
     */
    public int store(List<EvidenceVersion> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        Integer written = tx.execute(status -> storeInTransaction(batch));
        return written == null ? 0 : written;
    }

    private int storeInTransaction(List<EvidenceVersion> batch) {
        Map<String, EvidenceVersion> latest = new LinkedHashMap<>();
        for (EvidenceVersion v : batch) {
            latest.merge(v.resourceId(), v, (a, b) -> isOlder(b.lastUpdated(), a.lastUpdated()) ? a : b);
        }
        Map<String, Stored> stored = new HashMap<>();
        for (List<String> chunk : chunks(latest.keySet())) {
            jdbc.query("SELECT resource_id, version_id, source_updated_at FROM health_evidence WHERE resource_id IN (:ids)",
                    Map.of("ids", chunk), rs -> {
                        Timestamp at = rs.getTimestamp(3);
                        stored.put(rs.getString(1), new Stored(rs.getString(2), at == null ? null : at.toInstant()));
                    });
        }
        List<MapSqlParameterSource> inserts = new ArrayList<>();
        List<MapSqlParameterSource> updates = new ArrayList<>();
        for (EvidenceVersion v : latest.values()) {
            Stored previous = stored.get(v.resourceId());
            if (previous == null && v.isWithdrawn()) {
                continue;
            }
            if (previous != null && (isSameVersion(previous, v) || isOlder(v.lastUpdated(), previous.lastUpdated()))) {
                continue;
            }
            MapSqlParameterSource row = new MapSqlParameterSource("id", v.resourceId())
                    .addValue("kind", v.kind().name())
                    .addValue("patient", v.patient().key())
                    .addValue("version", v.versionId())
                    .addValue("updated", v.lastUpdated() == null ? null : Timestamp.from(v.lastUpdated()))
                    .addValue("withdrawn", v.isWithdrawn())
                    .addValue("evidence", v.isWithdrawn() ? null : VaultJson.write(v.content()))
                    .addValue("at", Timestamp.from(v.retrievedAt()));
            (previous == null ? inserts : updates).add(row);
        }
        batch("INSERT INTO health_evidence (resource_id, kind, patient_source_key, version_id, source_updated_at, withdrawn, "
                + "evidence, retrieved_at) VALUES (:id, :kind, :patient, :version, :updated, :withdrawn, :evidence, :at)", inserts);
        batch("UPDATE health_evidence SET kind = :kind, patient_source_key = :patient, version_id = :version, "
                + "source_updated_at = :updated, withdrawn = :withdrawn, evidence = :evidence, retrieved_at = :at "
                + "WHERE resource_id = :id", updates);
        return inserts.size() + updates.size();
    }

    /** The current driver health-check certificates of every Patient linked to the citizen, newest first. */
    public List<HealthCheckCertificate> certificatesOf(String citizenId) {
        List<HealthCheckCertificate> certificates = new ArrayList<>(
                evidenceOf(citizenId, Kind.DRIVER_HEALTH_CHECK, HealthCheckCertificate.class).values().stream()
                        .flatMap(List::stream).toList());
        certificates.sort(Comparator.comparing(HealthCheckCertificate::issued).reversed());
        return certificates;
    }

    /**
     * The vaccinations of every Patient linked to the citizen, one summary per Patient (internal duplicates of
     * the health system stay apart: each is a record of its own), oldest dose first, a dose recorded twice
     * (same vaccine, same day) once.
     */
    public List<ImmunizationSummary> immunizationsOf(String citizenId) {
        List<ImmunizationSummary> summaries = new ArrayList<>();
        evidenceOf(citizenId, Kind.IMMUNIZATION, ImmunizationSummary.Dose.class).forEach((patient, doses) -> {
            Set<String> seen = new HashSet<>();
            List<ImmunizationSummary.Dose> distinct = new ArrayList<>();
            for (ImmunizationSummary.Dose dose : doses) {
                if (dose.date() == null || seen.add(dose.vaccineKey() + "@" + dose.date())) {
                    distinct.add(dose);
                }
            }
            distinct.sort(Comparator.comparing(d -> d.date() == null ? "0000" : d.date().toString()));
            summaries.add(new ImmunizationSummary(patient, distinct));
        });
        return summaries;
    }

    /** Evidence rows of that kind that are current (not withdrawn). */
    public long count(Kind kind) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM health_evidence WHERE kind = :kind AND withdrawn = FALSE",
                Map.of("kind", kind.name()), Long.class);
        return n == null ? 0 : n;
    }

    /** The version stored for a resource, if any (for checks and tests). */
    public Optional<String> storedVersion(String resourceId) {
        return jdbc.query("SELECT version_id FROM health_evidence WHERE resource_id = :id", Map.of("id", resourceId),
                (rs, i) -> rs.getString(1)).stream().findFirst();
    }

    /** Current evidence per patient reference ({@code Patient/45}), in resource order. */
    private <T> Map<String, List<T>> evidenceOf(String citizenId, Kind kind, Class<T> type) {
        Map<String, List<T>> byPatient = new LinkedHashMap<>();
        jdbc.query("SELECT s.record_id, e.evidence FROM health_evidence e "
                        + "JOIN source_record s ON s.source_key = e.patient_source_key "
                        + "WHERE s.citizen_id = :citizen AND e.kind = :kind AND e.withdrawn = FALSE "
                        + "ORDER BY s.record_id, e.resource_id",
                Map.of("citizen", citizenId, "kind", kind.name()), rs -> {
                    byPatient.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(VaultJson.read(rs.getString(2), type));
                });
        return byPatient;
    }

    private static boolean isSameVersion(Stored stored, EvidenceVersion v) {
        return !v.versionId().isEmpty() && v.versionId().equals(stored.versionId())
                && (v.lastUpdated() == null || stored.lastUpdated() == null || v.lastUpdated().equals(stored.lastUpdated()));
    }

    /** Whether {@code candidate} is known to be older than {@code reference}. */
    private static boolean isOlder(Instant candidate, Instant reference) {
        return candidate != null && reference != null && candidate.isBefore(reference);
    }

    private int[] batch(String sql, List<MapSqlParameterSource> rows) {
        return rows.isEmpty() ? new int[0] : jdbc.batchUpdate(sql, rows.toArray(new MapSqlParameterSource[0]));
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
