package org.citizenhub.connectors.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.citizenhub.connectors.vault.ConsentStore.Consent;
import org.citizenhub.mappings.disclosure.DataCategory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** What the consent store guarantees, on every database the vault supports. */
abstract class ConsentStoreContract {

    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    private static final String CITIZEN = "c-1";

    private final MutableClock clock = new MutableClock(T0);
    protected DataSource db;
    protected ConsentStore consents;

    protected abstract DataSource freshDatabase();

    @BeforeEach
    void freshStore() {
        db = freshDatabase();
        consents = new ConsentStore(new NamedParameterJdbcTemplate(db), new TransactionTemplate(new DataSourceTransactionManager(db)),
                clock);
    }

    @Test
    void grantsPerAgencyPurposeAndCategory() {
        List<Consent> granted = consents.grant(CITIZEN, "social-insurance", "benefit-claim",
                EnumSet.of(DataCategory.IDENTITY, DataCategory.ADDRESS), "portal");

        assertThat(granted).extracting(Consent::category).containsExactly(DataCategory.IDENTITY, DataCategory.ADDRESS);
        assertThat(granted).allSatisfy(c -> {
            assertThat(c.citizenId()).isEqualTo(CITIZEN);
            assertThat(c.grantedAt()).isEqualTo(T0);
            assertThat(c.revokedAt()).isNull();
            assertThat(c.channel()).isEqualTo("portal");
        });
        assertThat(consents.granted(CITIZEN, "social-insurance", "benefit-claim"))
                .containsExactlyInAnyOrder(DataCategory.IDENTITY, DataCategory.ADDRESS);
        assertThat(consents.granted(CITIZEN, "social-insurance", "other-purpose")).isEmpty();
        assertThat(consents.granted(CITIZEN, "police", "benefit-claim")).isEmpty();
        assertThat(consents.granted("c-2", "social-insurance", "benefit-claim")).isEmpty();
    }

    @Test
    void grantingWhatIsGrantedChangesNothing() {
        List<Consent> first = consents.grant(CITIZEN, "police", "driving-licence-renewal", EnumSet.of(DataCategory.IDENTITY), "portal");
        clock.set(T0.plusSeconds(60));

        List<Consent> again = consents.grant(CITIZEN, "police", "driving-licence-renewal",
                EnumSet.of(DataCategory.IDENTITY, DataCategory.HEALTH), "counter");

        assertThat(again).hasSize(2);
        Consent identity = again.stream().filter(c -> c.category() == DataCategory.IDENTITY).findFirst().orElseThrow();
        assertThat(identity).isEqualTo(first.get(0));
        assertThat(consents.history(CITIZEN)).hasSize(2);
        assertThat(consents.grant(CITIZEN, "police", "driving-licence-renewal", EnumSet.of(DataCategory.IDENTITY), "portal"))
                .containsExactly(first.get(0));
        assertThat(consents.history(CITIZEN)).hasSize(2);
    }

    @Test
    void revokesAndKeepsTheHistory() {
        consents.grant(CITIZEN, "police", "driving-licence-renewal", EnumSet.of(DataCategory.IDENTITY, DataCategory.HEALTH), "portal");
        clock.set(T0.plusSeconds(3600));

        int revoked = consents.revoke(CITIZEN, "police", "driving-licence-renewal",
                EnumSet.of(DataCategory.HEALTH, DataCategory.EDUCATION), "portal");

        assertThat(revoked).isEqualTo(1);
        assertThat(consents.granted(CITIZEN, "police", "driving-licence-renewal")).containsExactly(DataCategory.IDENTITY);
        assertThat(consents.revoke(CITIZEN, "police", "driving-licence-renewal", EnumSet.of(DataCategory.HEALTH), "portal"))
                .isZero();
        List<Consent> history = consents.history(CITIZEN);
        assertThat(history).hasSize(2);
        Consent health = history.stream().filter(c -> c.category() == DataCategory.HEALTH).findFirst().orElseThrow();
        assertThat(health.revokedAt()).isEqualTo(T0.plusSeconds(3600));
        assertThat(health.grantedAt()).isEqualTo(T0);
        assertThat(health.isActive()).isFalse();

        clock.set(T0.plusSeconds(7200));
        consents.grant(CITIZEN, "police", "driving-licence-renewal", EnumSet.of(DataCategory.HEALTH), "portal");

        assertThat(consents.granted(CITIZEN, "police", "driving-licence-renewal"))
                .containsExactlyInAnyOrder(DataCategory.IDENTITY, DataCategory.HEALTH);
        assertThat(consents.history(CITIZEN)).hasSize(3)
                .filteredOn(c -> c.category() == DataCategory.HEALTH).extracting(Consent::revokedAt)
                .containsExactly(T0.plusSeconds(3600), null);
    }

    @Test
    void aRevocationHoldsFromTheNextReadOnAnotherStoreInstance() {
        ConsentStore otherHub = new ConsentStore(new NamedParameterJdbcTemplate(db),
                new TransactionTemplate(new DataSourceTransactionManager(db)), clock);
        consents.grant(CITIZEN, "police", "p", EnumSet.of(DataCategory.ADDRESS), "portal");
        assertThat(otherHub.granted(CITIZEN, "police", "p")).containsExactly(DataCategory.ADDRESS);

        consents.revoke(CITIZEN, "police", "p", EnumSet.of(DataCategory.ADDRESS), "portal");

        assertThat(otherHub.granted(CITIZEN, "police", "p")).isEmpty();
    }

    @Test
    void concurrentGrantsOfTheSameConsentHoldOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<List<Consent>>> calls = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                calls.add(() -> consents.grant(CITIZEN, "police", "p", EnumSet.allOf(DataCategory.class), "portal"));
            }
            for (Future<List<Consent>> f : pool.invokeAll(calls)) {
                assertThat(f.get()).hasSize(DataCategory.values().length);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(consents.history(CITIZEN)).hasSize(DataCategory.values().length);
        Integer active = new JdbcTemplate(db).queryForObject("SELECT COUNT(*) FROM consent WHERE active = TRUE", Integer.class);
        assertThat(active).isEqualTo(DataCategory.values().length);
    }

    @Test
    void refusesCodesThatAreBlankOrTooLong() {
        assertThatThrownBy(() -> consents.grant(CITIZEN, " ", "p", Set.of(DataCategory.IDENTITY), "portal"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> consents.grant(CITIZEN, "a", "p".repeat(65), Set.of(DataCategory.IDENTITY), "portal"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(consents.grant(CITIZEN, "a", "p", Set.of(), "portal")).isEmpty();
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
