package org.citizenhub.bench;

import java.time.Duration;
import java.util.List;

import org.citizenhub.connectors.vault.SchoolUtilityStore;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.operations.JobProgress;
import org.citizenhub.utility.UtilitySync;

/**
 * Utility sync through the hub, against the electricity, water and sanitation simulators over HTTP:
 * <ol>
 *   <li>accounts: pages fetched, parsed, holders mapped and linked in the vault, accounts stored —
 *       accounts per second, target ≥ 2,000/s on 2 cores;</li>
 *   <li>bills: one request per account, bills validated and stored by key — accounts per second.</li>
 * </ol>
 */
final class UtilityBenchmark {

    private static final List<SourceSystem> PROVIDERS = List.of(SourceSystem.ELECTRICITY, SourceSystem.WATER, SourceSystem.SANITATION);

    private static final String ROUTE = "utility-account-sync";

    private UtilityBenchmark() {
    }

    static void run(BenchOptions options) throws Exception {
        int citizens = options.integer("citizens", 100_000);
        int pageSize = options.integer("page-size", 500);
        System.out.printf("Citizen Hub utility benchmark: %,d synthetic residents, pages of %d, %d cores%n", citizens, pageSize,
                Runtime.getRuntime().availableProcessors());
        try (SliceBenchHub hub = SliceBenchHub.start(citizens, "--citizenhub.sandbox.fhir-port=" + SliceBenchHub.freePort(),
                "--citizenhub.health.enabled=false", "--citizenhub.school.enabled=false",
                "--citizenhub.utility.page-size=" + pageSize)) {
            hub.hold(ROUTE);
            hub.awaitPopulation();
            hub.release(ROUTE);
            UtilitySync sync = hub.bean(UtilitySync.class);
            SliceBenchHub.await(Duration.ofHours(2), () -> PROVIDERS.stream().allMatch(p -> sync.lastCompleteSync(p).isPresent()));
            JobProgress accounts = hub.job("utility-account-sync", "accounts");
            JobProgress bills = hub.job("utility-bill-sync", "accounts");
            SchoolUtilityStore store = hub.bean(SchoolUtilityStore.class);
            System.out.printf("%nutility accounts: %,d (parsed, mapped, linked, stored) in %.1f s = %,.0f accounts/s (target >= 2000/s)%n",
                    accounts.done(), accounts.elapsedSeconds(), accounts.done() / accounts.elapsedSeconds());
            System.out.printf("utility bills: %,d accounts' bills read, validated and stored in %.1f s = %,.0f accounts/s%n",
                    bills.done(), bills.elapsedSeconds(), bills.done() / bills.elapsedSeconds());
            for (SourceSystem provider : PROVIDERS) {
                System.out.printf("  %-11s %,7d accounts, %,7d held by registered residents, %,8d bills%n", provider,
                        store.accountCount(provider), store.accountsLinkedToResidents(provider), store.billCount(provider));
            }
        }
    }
}
