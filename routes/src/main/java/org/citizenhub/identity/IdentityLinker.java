package org.citizenhub.identity;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.citizenhub.connectors.vault.CitizenLinker;
import org.citizenhub.connectors.vault.VaultJson;
import org.citizenhub.connectors.vault.VaultStore;
import org.citizenhub.mappings.citizen.CitizenRecord;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.identity.CitizenRecordAdapter;
import org.citizenhub.mappings.identity.IdentityIndex;
import org.citizenhub.mappings.identity.MatchConfig;
import org.citizenhub.mappings.identity.MatchRecord;
import org.citizenhub.mappings.identity.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * Links each new source record to a golden citizen as it arrives, against everything already in the
 * vault: an in-memory {@link IdentityIndex} of all source records (loaded from the vault on first use)
 * scores the record with the Fellegi-Sunter model and decides link, review or a new citizen. Two
 * different valid personal ID numbers or full dates of birth are never linked automatically.
 *
 * <p>Inside a vault transaction a decision is staged (a tentative index entry only that transaction's
 * thread sees); the vault tells the linker after commit, which makes it an ordinary entry, and the
 * transaction's end drops whatever was staged and not committed. A rollback leaves no entry behind.
 */
@Component
public class IdentityLinker implements CitizenLinker {

    private static final Logger LOG = LoggerFactory.getLogger(IdentityLinker.class);

    private final IdentityIndex index;
    private final ObjectProvider<VaultStore> vault;
    private boolean loaded;
    /** Records of systems other than the population database in the index. */
    private long otherSystemRecords;

    public IdentityLinker(IdentityProperties properties, ResourceLoader resources, ObjectProvider<VaultStore> vault) {
        this.index = new IdentityIndex(MatchConfig.load(properties.config()));
        try (Reader model = new InputStreamReader(resources.getResource(properties.modelLocation()).getInputStream(),
                StandardCharsets.UTF_8)) {
            index.readModel(model);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the identity model at " + properties.modelLocation(), e);
        }
        this.vault = vault;
    }

    @Override
    public synchronized Decision decide(CitizenRecord record) {
        ensureLoaded();
        if (isRegistry(record) && otherSystemRecords == 0) {
            // the vault asks only about a registry record whose valid ID it does not know yet: two
            // registry IDs are two people, so with no other system's record indexed it is a new citizen
            // (this keeps the initial load of the registry from scoring it against itself)
            return Decision.newCitizen();
        }
        IdentityIndex.MatchResult result = index.match(CitizenRecordAdapter.toMatchRecord(record), Thread.currentThread());
        if (result.decision() == Outcome.DISTINCT || result.entities().isEmpty()) {
            return Decision.newCitizen();
        }
        IdentityIndex.EntityMatch best = result.entities().get(0);
        String evidence = VaultJson.write(best.best().explanation());
        return switch (result.decision()) {
            case LINK -> Decision.link(result.entity().orElse(best.entityId()), best.probability(), evidence);
            case REVIEW -> Decision.review(best.entityId(), best.probability(), evidence);
            default -> Decision.newCitizen();
        };
    }

    @Override
    public synchronized void staged(CitizenRecord record, String citizenId) {
        ensureLoaded();
        index.addTentative(CitizenRecordAdapter.toMatchRecord(record), citizenId, Thread.currentThread());
    }

    @Override
    public synchronized void linked(CitizenRecord record, String citizenId) {
        ensureLoaded();
        String id = record.sourceRef().key();
        boolean known = index.contains(id);
        if (!index.promote(Thread.currentThread(), id, citizenId)) {
            // not staged by this thread (a newer version of a known record, a merge, an unmerge): replace
            index.replace(CitizenRecordAdapter.toMatchRecord(record), citizenId);
        }
        if (!known && !isRegistry(record)) {
            otherSystemRecords++;
        }
    }

    @Override
    public synchronized void transactionEnded() {
        int dropped = index.discard(Thread.currentThread());
        if (dropped > 0) {
            LOG.debug("identity index: {} staged records dropped (transaction rolled back)", dropped);
        }
    }

    /** Committed records in the index. */
    public synchronized int size() {
        ensureLoaded();
        return index.size();
    }

    /** The golden citizen a source record is indexed under (committed entries only). */
    public synchronized java.util.Optional<String> indexedCitizenOf(String sourceKey) {
        ensureLoaded();
        return index.entityOf(sourceKey);
    }

    /** Whether a source record is in the index (committed entries only). */
    public synchronized boolean isIndexed(String sourceKey) {
        ensureLoaded();
        return index.contains(sourceKey);
    }

    /** Staged entries of transactions that have not ended (0 when the hub is idle). */
    public synchronized int stagedCount() {
        return index.tentativeCount();
    }

    private static boolean isRegistry(CitizenRecord record) {
        return record.provenance().sourceSystem() == SourceSystem.POPULATION;
    }

    /** Loads the vault's source records once; the index then follows every link the vault makes. */
    private void ensureLoaded() {
        if (loaded) {
            return;
        }
        loaded = true;
        long started = System.nanoTime();
        vault.getObject().forEachSourceRecord((record, citizenId) -> {
            index.add(CitizenRecordAdapter.toMatchRecord(record), citizenId);
            if (!isRegistry(record)) {
                otherSystemRecords++;
            }
        });
        LOG.info("identity index: {} source records loaded from the vault in {} ms", index.size(),
                (System.nanoTime() - started) / 1_000_000);
    }
}
