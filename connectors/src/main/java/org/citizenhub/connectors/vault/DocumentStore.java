package org.citizenhub.connectors.vault;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.citizenhub.mappings.documents.DocumentToken;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Documents in the vault (tables {@code document} and {@code document_pdf}): results of administrative
 * procedures published by the portal, kept for reuse — structured data plus the issued PDF, if any.
 *
 * <p>A document is identified by (issuer, document type, document number). Storing is idempotent: the same
 * content again changes nothing; different content is a correction, stored as a new revision that
 * supersedes the previous one; a revocation marks the current revision revoked. Old revisions stay
 * findable by id (a QR code printed on them must still be answered).
 */
public class DocumentStore {

    public static final String ACTIVE = "ACTIVE";
    public static final String SUPERSEDED = "SUPERSEDED";
    public static final String REVOKED = "REVOKED";

    private static final TypeReference<LinkedHashMap<String, Object>> DATA = new TypeReference<>() {
    };
    /** Canonical JSON for digests: map keys in order, whatever order the portal sent them in. */
    private static final ObjectMapper CANONICAL = VaultJson.mapper().copy()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final String COLUMNS = "id, citizen_id, document_type, document_number, procedure_code, issuer, "
            + "issued_on, valid_until, status, data, has_pdf, stored_at";

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    public DocumentStore(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * One revision of a document as the vault holds it.
     *
     * @param id        the hub's id of this revision
     * @param status    {@link #ACTIVE}, {@link #SUPERSEDED} (a corrected revision replaced it) or {@link #REVOKED}
     * @param data      the structured result, as the portal sent it
     * @param hasPdf    whether the portal sent a PDF with it ({@link #pdf})
     */
    public record StoredDocument(String id, String citizenId, String documentType, String documentNumber, String procedure,
                                 String issuer, LocalDate issuedOn, LocalDate validUntil, String status,
                                 Map<String, Object> data, boolean hasPdf, Instant storedAt) {

        public StoredDocument {
            data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
        }

        /** Whether it is the current, unrevoked revision and {@code day} lies within its validity. */
        public boolean isValidOn(LocalDate day) {
            return ACTIVE.equals(status) && !day.isBefore(issuedOn) && (validUntil == null || !day.isAfter(validUntil));
        }
    }

    /**
     * A procedure result to store.
     *
     * @param revoked the issuer revoked the document (the current revision is marked revoked)
     * @param pdf     the PDF the issuer made, or null
     */
    public record NewDocument(String citizenId, String documentType, String documentNumber, String procedure, String issuer,
                              LocalDate issuedOn, LocalDate validUntil, boolean revoked, Map<String, Object> data, byte[] pdf) {
        public NewDocument {
            Objects.requireNonNull(citizenId, "citizenId");
            Objects.requireNonNull(documentType, "documentType");
            Objects.requireNonNull(documentNumber, "documentNumber");
            Objects.requireNonNull(procedure, "procedure");
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(issuedOn, "issuedOn");
            data = data == null ? Map.of() : data;
        }
    }

    /** What storing did. */
    public enum Result {
        /** The first revision of a document. */
        STORED,
        /** The same content (and status) was stored before: nothing changed. */
        UNCHANGED,
        /** A correction: a new revision, the previous one now superseded. */
        SUPERSEDED,
        /** The current revision is now revoked. */
        REVOKED
    }

    /** @param document the revision that is now current */
    public record StoreOutcome(Result result, StoredDocument document) {
    }

    public StoreOutcome store(NewDocument document) {
        try {
            return tx.execute(status -> storeInTransaction(document));
        } catch (DuplicateKeyException raced) {
            // another node stored a revision of the same document meanwhile: decide again against it
            return tx.execute(status -> storeInTransaction(document));
        }
    }

    private StoreOutcome storeInTransaction(NewDocument d) {
        String digest = contentDigest(d);
        Optional<Latest> latest = jdbc.query("SELECT id, revision, status, content_digest FROM document "
                        + "WHERE issuer = :issuer AND document_type = :type AND document_number = :number "
                        + "ORDER BY revision DESC",
                new MapSqlParameterSource("issuer", d.issuer()).addValue("type", d.documentType()).addValue("number", d.documentNumber()),
                (rs, i) -> new Latest(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4))).stream().findFirst();
        if (latest.isEmpty()) {
            return new StoreOutcome(Result.STORED, insert(d, digest, 1, d.revoked() ? REVOKED : ACTIVE));
        }
        Latest previous = latest.get();
        if (d.revoked()) {
            if (REVOKED.equals(previous.status())) {
                return new StoreOutcome(Result.UNCHANGED, find(previous.id()).orElseThrow());
            }
            setStatus(previous.id(), REVOKED);
            return new StoreOutcome(Result.REVOKED, find(previous.id()).orElseThrow());
        }
        if (ACTIVE.equals(previous.status()) && previous.digest().equals(digest)) {
            return new StoreOutcome(Result.UNCHANGED, find(previous.id()).orElseThrow());
        }
        if (ACTIVE.equals(previous.status())) {
            setStatus(previous.id(), SUPERSEDED);
        }
        return new StoreOutcome(Result.SUPERSEDED, insert(d, digest, previous.revision() + 1, ACTIVE));
    }

    private record Latest(String id, int revision, String status, String digest) {
    }

    private StoredDocument insert(NewDocument d, String digest, int revision, String status) {
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        jdbc.update("INSERT INTO document (id, citizen_id, issuer, document_type, document_number, revision, procedure_code, "
                        + "issued_on, valid_until, status, data, content_digest, has_pdf, stored_at) VALUES (:id, :citizen, :issuer, "
                        + ":type, :number, :revision, :procedure, :issued, :until, :status, :data, :digest, :hasPdf, :at)",
                new MapSqlParameterSource("id", id)
                        .addValue("citizen", d.citizenId())
                        .addValue("issuer", d.issuer())
                        .addValue("type", d.documentType())
                        .addValue("number", d.documentNumber())
                        .addValue("revision", revision)
                        .addValue("procedure", d.procedure())
                        .addValue("issued", Date.valueOf(d.issuedOn()))
                        .addValue("until", d.validUntil() == null ? null : Date.valueOf(d.validUntil()))
                        .addValue("status", status)
                        .addValue("data", VaultJson.write(d.data()))
                        .addValue("digest", digest)
                        .addValue("hasPdf", d.pdf() != null)
                        .addValue("at", Timestamp.from(now)));
        if (d.pdf() != null) {
            jdbc.update("INSERT INTO document_pdf (document_id, content) VALUES (:id, :content)",
                    new MapSqlParameterSource("id", id).addValue("content", d.pdf()));
        }
        return find(id).orElseThrow();
    }

    private void setStatus(String id, String status) {
        jdbc.update("UPDATE document SET status = :status WHERE id = :id", Map.of("id", id, "status", status));
    }

    /** The citizen's documents — the latest revision of each (superseded ones left out) — newest issued first. */
    public List<StoredDocument> documentsOf(String citizenId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM document WHERE citizen_id = :citizen AND status <> :superseded "
                        + "ORDER BY issued_on DESC, document_type, document_number",
                Map.of("citizen", citizenId, "superseded", SUPERSEDED), (rs, i) -> read(rs));
    }

    /** Any revision by its id, superseded ones included. */
    public Optional<StoredDocument> find(String documentId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM document WHERE id = :id", Map.of("id", documentId), (rs, i) -> read(rs))
                .stream().findFirst();
    }

    /** The PDF a revision came with. */
    public Optional<byte[]> pdf(String documentId) {
        return jdbc.query("SELECT content FROM document_pdf WHERE document_id = :id", Map.of("id", documentId),
                (rs, i) -> rs.getBytes(1)).stream().findFirst();
    }

    /** The digest of a revision's content ({@link #contentDigest}), which document certificates are signed over. */
    public Optional<String> contentDigest(String documentId) {
        return jdbc.query("SELECT content_digest FROM document WHERE id = :id", Map.of("id", documentId),
                (rs, i) -> rs.getString(1)).stream().findFirst();
    }

    /**
     * Base64url SHA-256 over what a revision says: whose it is, its identity, dates and data (canonical JSON,
     * keys in order) and the PDF's bytes. Equal digests mean the same result was published again.
     */
    public static String contentDigest(NewDocument d) {
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("citizenId", d.citizenId());
        identity.put("issuer", d.issuer());
        identity.put("documentType", d.documentType());
        identity.put("documentNumber", d.documentNumber());
        identity.put("procedure", d.procedure());
        identity.put("issuedOn", d.issuedOn().toString());
        identity.put("validUntil", d.validUntil() == null ? null : d.validUntil().toString());
        identity.put("data", d.data());
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        try {
            content.writeBytes(CANONICAL.writeValueAsString(identity).getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the document's data cannot be written as JSON", e);
        }
        if (d.pdf() != null) {
            content.write('\n');
            content.writeBytes(d.pdf());
        }
        return DocumentToken.digestOf(content.toByteArray());
    }

    private static StoredDocument read(ResultSet rs) throws SQLException {
        Date until = rs.getDate("valid_until");
        Map<String, Object> data;
        try {
            data = VaultJson.mapper().readValue(rs.getString("data"), DATA);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("document " + rs.getString("id") + " holds unreadable data", e);
        }
        return new StoredDocument(rs.getString("id"), rs.getString("citizen_id"), rs.getString("document_type"),
                rs.getString("document_number"), rs.getString("procedure_code"), rs.getString("issuer"),
                rs.getDate("issued_on").toLocalDate(), until == null ? null : until.toLocalDate(), rs.getString("status"),
                data, rs.getBoolean("has_pdf"), rs.getTimestamp("stored_at").toInstant());
    }
}
