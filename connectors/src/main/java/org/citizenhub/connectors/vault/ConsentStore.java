package org.citizenhub.connectors.vault;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.citizenhub.mappings.disclosure.DataCategory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The citizens' consents (table {@code consent}): a citizen lets one agency use one {@link DataCategory}
 * of their data for one purpose, until they revoke it.
 *
 * <p>Granting what is already granted changes nothing. A revocation closes the grant and keeps it as
 * history; nothing is ever deleted. {@link #granted} reads the database on every call (through the
 * unique index on citizen, agency, purpose, category), so a revocation holds from the very next
 * request, on every hub instance.
 */
public class ConsentStore {

    /** Longest agency, purpose and channel code the table holds. */
    public static final int MAX_CODE_LENGTH = 64;
    private static final int MAX_CHANNEL_LENGTH = 40;
    private static final int MAX_ATTEMPTS = 3;

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    public ConsentStore(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * One grant of one category.
     *
     * @param grantedAt when the citizen granted it
     * @param revokedAt when the citizen revoked it; null while it holds
     * @param channel   where the citizen granted it (portal, counter, ...)
     */
    public record Consent(long id, String citizenId, String agency, String purpose, DataCategory category, Instant grantedAt,
                          Instant revokedAt, String channel) {
        public boolean isActive() {
            return revokedAt == null;
        }
    }

    /**
     * Grants the categories; those already granted stay as they are (same id, same grant time).
     *
     * @return the grants that now hold for the requested categories, by category
     */
    public List<Consent> grant(String citizenId, String agency, String purpose, Set<DataCategory> categories, String channel) {
        check(citizenId, agency, purpose, categories, channel);
        for (int attempt = 1; ; attempt++) {
            try {
                return tx.execute(status -> grantInTransaction(citizenId, agency, purpose, categories, channel));
            } catch (DuplicateKeyException | ConcurrencyFailureException concurrentGrant) {
                // another request granted one of them at the same moment: read again, it is now held
                if (attempt >= MAX_ATTEMPTS) {
                    throw concurrentGrant;
                }
            }
        }
    }

    private List<Consent> grantInTransaction(String citizenId, String agency, String purpose, Set<DataCategory> categories,
                                             String channel) {
        Set<DataCategory> held = granted(citizenId, agency, purpose);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<MapSqlParameterSource> rows = new ArrayList<>();
        for (DataCategory category : categories) {
            if (!held.contains(category)) {
                rows.add(key(citizenId, agency, purpose).addValue("category", category.name())
                        .addValue("at", Timestamp.from(now)).addValue("channel", channel));
            }
        }
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO consent (citizen_id, agency, purpose, category, granted_at, granted_channel, active)
                    VALUES (:citizen, :agency, :purpose, :category, :at, :channel, TRUE)""",
                    rows.toArray(MapSqlParameterSource[]::new));
        }
        return jdbc.query("""
                        SELECT id, citizen_id, agency, purpose, category, granted_at, revoked_at, granted_channel FROM consent
                        WHERE citizen_id = :citizen AND agency = :agency AND purpose = :purpose AND active = TRUE""",
                        key(citizenId, agency, purpose), ConsentStore::consent).stream()
                .filter(c -> categories.contains(c.category()))
                .sorted(Comparator.comparing(Consent::category))
                .toList();
    }

    /**
     * Revokes the categories that are granted; the others are ignored.
     *
     * @return how many grants were revoked
     */
    public int revoke(String citizenId, String agency, String purpose, Set<DataCategory> categories, String channel) {
        check(citizenId, agency, purpose, categories, channel);
        if (categories.isEmpty()) {
            return 0;
        }
        MapSqlParameterSource params = key(citizenId, agency, purpose)
                .addValue("categories", categories.stream().map(Enum::name).toList())
                .addValue("at", Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS)))
                .addValue("channel", channel);
        Integer revoked = tx.execute(status -> jdbc.update("""
                UPDATE consent SET active = NULL, revoked_at = :at, revoked_channel = :channel
                WHERE citizen_id = :citizen AND agency = :agency AND purpose = :purpose AND active = TRUE
                  AND category IN (:categories)""", params));
        return revoked == null ? 0 : revoked;
    }

    /** The categories the citizen has granted this agency for this purpose now; read from the database on every call. */
    public Set<DataCategory> granted(String citizenId, String agency, String purpose) {
        Set<DataCategory> granted = EnumSet.noneOf(DataCategory.class);
        jdbc.query("""
                SELECT category FROM consent
                WHERE citizen_id = :citizen AND agency = :agency AND purpose = :purpose AND active = TRUE""",
                key(citizenId, agency, purpose), rs -> {
                    DataCategory category = category(rs.getString(1));
                    if (category != null) {
                        granted.add(category);
                    }
                });
        return granted;
    }

    /** Every grant of the citizen, holding or revoked, oldest first. */
    public List<Consent> history(String citizenId) {
        Objects.requireNonNull(citizenId, "citizenId");
        return jdbc.query("""
                SELECT id, citizen_id, agency, purpose, category, granted_at, revoked_at, granted_channel FROM consent
                WHERE citizen_id = :citizen ORDER BY granted_at, id""", Map.of("citizen", citizenId), ConsentStore::consent);
    }

    private static MapSqlParameterSource key(String citizenId, String agency, String purpose) {
        return new MapSqlParameterSource("citizen", citizenId).addValue("agency", agency).addValue("purpose", purpose);
    }

    private static Consent consent(ResultSet rs, int row) throws SQLException {
        Timestamp revoked = rs.getTimestamp(7);
        return new Consent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), category(rs.getString(5)),
                rs.getTimestamp(6).toInstant(), revoked == null ? null : revoked.toInstant(), rs.getString(8));
    }

    /** A category the running code no longer knows (a newer hub wrote it) reads as null and grants nothing. */
    private static DataCategory category(String name) {
        try {
            return DataCategory.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void check(String citizenId, String agency, String purpose, Set<DataCategory> categories, String channel) {
        Objects.requireNonNull(citizenId, "citizenId");
        Objects.requireNonNull(categories, "categories");
        requireCode(agency, "agency", MAX_CODE_LENGTH);
        requireCode(purpose, "purpose", MAX_CODE_LENGTH);
        requireCode(channel, "channel", MAX_CHANNEL_LENGTH);
        if (categories.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("categories contain null");
        }
    }

    private static void requireCode(String value, String what, int maxLength) {
        if (value == null || value.isBlank() || value.length() > maxLength) {
            throw new IllegalArgumentException(what + " must be 1 to " + maxLength + " characters");
        }
    }
}
