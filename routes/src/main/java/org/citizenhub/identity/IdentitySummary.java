package org.citizenhub.identity;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.citizenhub.connectors.vault.VaultStore;
import org.citizenhub.connectors.vault.VaultStore.LinkCounts;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.operations.Jobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What identity resolution did per source system — records linked to a known citizen, sent to
 * review, new citizens of their own — counted from the vault's link history (so a restart loses
 * nothing). Logged when each system's initial load or first sync of this run completes; served at
 * {@code GET /api/operations/identity/summary}.
 */
@Component
public class IdentitySummary {

    private static final Logger LOG = LoggerFactory.getLogger(IdentitySummary.class);

    /** The job that loads or syncs each system, and the systems it brings. */
    static final Map<String, List<SourceSystem>> JOBS = Map.of(
            "population-initial-load", List.of(SourceSystem.POPULATION),
            "health-patient-sync", List.of(SourceSystem.HEALTH),
            "school-term-file-ingest", List.of(SourceSystem.SCHOOL),
            "utility-account-sync", List.of(SourceSystem.ELECTRICITY, SourceSystem.WATER, SourceSystem.SANITATION));

    private final VaultStore vault;
    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    public IdentitySummary(VaultStore vault, Jobs jobs) {
        this.vault = vault;
        JOBS.forEach((job, systems) -> jobs.whenFinished(job, () -> {
            if (logged.add(job)) {
                log(job, systems);
            }
        }));
    }

    /** The summary: per source system, and the totals. */
    public record Summary(List<LinkCounts> systems, LinkCounts total) {
    }

    public Summary summary() {
        List<LinkCounts> systems = vault.linkCounts();
        long[] t = new long[5];
        for (LinkCounts c : systems) {
            t[0] += c.records();
            t[1] += c.linked();
            t[2] += c.review();
            t[3] += c.newCitizen();
            t[4] += c.openReviews();
        }
        return new Summary(systems, new LinkCounts(null, t[0], t[1], t[2], t[3], t[4]));
    }

    /** Logs the counts of these systems (counts only, never data). */
    void log(String job, List<SourceSystem> systems) {
        List<LinkCounts> all = vault.linkCounts();
        for (SourceSystem system : systems) {
            LinkCounts c = all.stream().filter(x -> x.system() == system).findFirst()
                    .orElse(new LinkCounts(system, 0, 0, 0, 0, 0));
            LOG.info("identity after {}: {} {} records: {} linked to a known citizen, {} sent to review ({} still open), "
                            + "{} distinct (new citizen)", job, system, c.records(), c.linked(), c.review(),
                    c.openReviews(), c.newCitizen());
        }
    }
}
