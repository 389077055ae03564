package org.citizenhub.utility;

import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.citizenhub.connectors.RefusedRequestException;
import org.citizenhub.connectors.SystemUnavailableException;
import org.citizenhub.connectors.utility.AccountPage;
import org.citizenhub.connectors.utility.BillList;
import org.citizenhub.connectors.utility.RejectedItem;
import org.citizenhub.connectors.utility.UtilityCodec;
import org.citizenhub.connectors.vault.SchoolUtilityStore;
import org.citizenhub.connectors.vault.SchoolUtilityStore.BillsWritten;
import org.citizenhub.connectors.vault.VaultChange;
import org.citizenhub.connectors.vault.VaultStore;
import org.citizenhub.mappings.citizen.InvalidSourceRecordException;
import org.citizenhub.mappings.citizen.Mapped;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.utility.BillValidator;
import org.citizenhub.mappings.utility.CheckedBills;
import org.citizenhub.mappings.utility.MappedAccount;
import org.citizenhub.mappings.utility.RejectedBill;
import org.citizenhub.mappings.utility.ServiceAccount;
import org.citizenhub.mappings.utility.UtilityAccount;
import org.citizenhub.mappings.utility.UtilityAccountMapper;
import org.citizenhub.operations.JobProgress;
import org.citizenhub.operations.Jobs;
import org.citizenhub.population.PopulationIngest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the utility sync route does at each step. A sync of a provider pages through its accounts from
 * the stored position (a vault watermark, so an interrupted sync resumes where it stopped), links each
 * holder in the vault and keeps the account; then reads each account's bills, keeps the valid ones by
 * {@link org.citizenhub.mappings.utility.Bill#key()} and records the refused ones with their reason.
 * A provider is synced again {@code sync-interval} after its last complete sync.
 */
@Component
public class UtilitySync {

    private static final Logger LOG = LoggerFactory.getLogger(UtilitySync.class);
    /** Bill reads of one provider stop after this many accounts in a row failed; the next sync tries again. */
    static final int FAILED_ACCOUNTS_IN_A_ROW = 3;

    private final UtilityProperties properties;
    private final Map<SourceSystem, UtilityCodec> codecs = new EnumMap<>(SourceSystem.class);
    private final UtilityAccountMapper mapper = new UtilityAccountMapper();
    private final BillValidator validator = new BillValidator();
    private final VaultStore vault;
    private final SchoolUtilityStore store;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final PopulationIngest population;
    private final JobProgress accountsJob;
    private final JobProgress billsJob;
    private volatile boolean syncRequested;

    public UtilitySync(UtilityProperties properties, VaultStore vault, SchoolUtilityStore store, TransactionTemplate tx,
                       Clock clock, PopulationIngest population, Jobs jobs) {
        this.properties = properties;
        properties.providers().keySet().forEach(p -> codecs.put(p, UtilityCodec.forProvider(p, properties.maxMessageBytes())));
        this.vault = vault;
        this.store = store;
        this.tx = tx;
        this.clock = clock;
        this.population = population;
        this.accountsJob = jobs.job("utility-account-sync", "accounts");
        this.billsJob = jobs.job("utility-bill-sync", "accounts");
    }

    static String positionWatermark(SourceSystem provider) {
        return "utility." + provider.name().toLowerCase() + ".accounts.next-page";
    }

    static String startedAtWatermark(SourceSystem provider) {
        return "utility." + provider.name().toLowerCase() + ".sync-started-at";
    }

    static String syncedAtWatermark(SourceSystem provider) {
        return "utility." + provider.name().toLowerCase() + ".synced-at";
    }

    /** When the provider's last complete sync ended (empty before the first). */
    public Optional<Instant> lastCompleteSync(SourceSystem provider) {
        return vault.watermark(syncedAtWatermark(provider)).map(Instant::parse);
    }

    /** Syncs every provider at the next poll, due or not (operations, tests). */
    public void requestSync() {
        syncRequested = true;
    }

    /**
     * The providers to sync now: none before the population register is loaded (holders link to its
     * citizens); then each one with an unfinished sync, never synced, or synced longer ago than the interval.
     */
    public List<SourceSystem> providersDue() {
        if (!population.changeFeedReady()) {
            return List.of();
        }
        boolean forced = syncRequested;
        syncRequested = false;
        Instant now = clock.instant();
        List<SourceSystem> due = new ArrayList<>();
        for (SourceSystem provider : codecs.keySet()) {
            Optional<Instant> startedAt = vault.watermark(startedAtWatermark(provider)).map(Instant::parse);
            Optional<Instant> syncedAt = lastCompleteSync(provider);
            boolean unfinished = startedAt.isPresent() && (syncedAt.isEmpty() || startedAt.get().isAfter(syncedAt.get()));
            boolean stale = syncedAt.map(at -> at.plus(Duration.ofMillis(properties.syncInterval())).isBefore(now)).orElse(true);
            if (forced || unfinished || stale) {
                due.add(provider);
            }
        }
        return due;
    }

    public SyncRun startSync(List<SourceSystem> providers) {
        SyncRun run = new SyncRun(providers);
        String now = clock.instant().toString();
        providers.forEach(p -> vault.saveWatermark(startedAtWatermark(p), now));
        accountsJob.start("syncing accounts of " + providers);
        return run;
    }

    // ------------------------------------------------------------------ accounts

    /** Where the provider's account sync resumes ("" for the first page; an unfinished sync left its next page). */
    public String accountsPosition(SourceSystem provider) {
        return vault.watermark(positionWatermark(provider)).orElse("");
    }

    public ProviderRequest accountsRequest(SourceSystem provider, String position) {
        UtilityCodec codec = codecs.get(provider);
        return new ProviderRequest(provider, properties.endpoint(provider), codec.accountsPath(),
                codec.accountsQuery(position == null || position.isEmpty() ? Optional.empty() : Optional.of(position),
                        properties.pageSize()));
    }

    /**
     * Maps a page of accounts, links their holders in the vault and keeps the accounts; the position of
     * the next page is stored in the same transaction.
     */
    public AccountPageResult storeAccountPage(SyncRun run, SourceSystem provider, InputStream body) {
        AccountPage page = codecs.get(provider).readAccounts(body);
        Instant now = clock.instant();
        Map<String, MappedAccount> mapped = new LinkedHashMap<>();
        ProviderTally tally = run.tally(provider);
        for (UtilityAccount account : page.accounts()) {
            try {
                MappedAccount m = mapper.map(account, now);
                mapped.put(m.account().sourceRef().key(), m);
            } catch (InvalidSourceRecordException refused) {
                tally.refuse(refused.getMessage());
            }
        }
        for (RejectedItem item : page.rejected()) {
            tally.refuse(item.reason());
        }
        List<Mapped> holders = mapped.values().stream().map(MappedAccount::holder).toList();
        List<ServiceAccount> accounts = mapped.values().stream().map(MappedAccount::account).toList();
        String next = page.next().orElse("");
        List<VaultChange> changes = tx.execute(status -> {
            List<VaultChange> upserted = vault.upsert(holders);
            store.saveAccounts(accounts);
            vault.saveWatermark(positionWatermark(provider), next);
            return upserted;
        });
        tally.accounts += accounts.size();
        if (next.isEmpty()) {
            tally.accountsComplete = true;
        }
        accountsJob.advance(page.accounts().size() + page.rejected().size());
        return new AccountPageResult(changes == null ? List.of() : changes, !next.isEmpty(), next);
    }

    public void accountsDone(SyncRun run) {
        StringBuilder note = new StringBuilder();
        for (SourceSystem provider : run.providers()) {
            ProviderTally t = run.tally(provider);
            note.append(note.length() == 0 ? "" : "; ").append(provider).append(": ").append(t.accounts).append(" accounts")
                    .append(t.accountsComplete ? "" : " (unfinished: resumes at the next poll)");
            if (t.accountsComplete) {
                note.append(", ").append(store.accountsLinkedToResidents(provider)).append(" of ")
                        .append(store.accountCount(provider)).append(" held by registered residents");
            }
            if (!t.refusals.isEmpty()) {
                note.append(", refused ").append(t.refusals);
            }
        }
        accountsJob.finish(note.toString());
        billsJob.start("reading the bills of the accounts of " + run.providers());
    }

    // ------------------------------------------------------------------ bills

    /** The accounts whose bills to read: those of a provider whose account sync completed in this run. */
    public List<String> billAccounts(SyncRun run, SourceSystem provider) {
        return run.tally(provider).accountsComplete ? store.customerCodes(provider) : List.of();
    }

    /**
     * Whether to read the next account's bills: no more of a provider once {@value #FAILED_ACCOUNTS_IN_A_ROW}
     * accounts in a row failed (each was retried already: the provider is down; the next sync tries again).
     */
    public boolean readNextBills(SyncRun run, SourceSystem provider) {
        ProviderTally tally = run.tally(provider);
        if (tally.billsAttemptOpen) {
            tally.billFailuresInARow++;
        }
        tally.billsAttemptOpen = false;
        if (tally.billFailuresInARow >= FAILED_ACCOUNTS_IN_A_ROW) {
            if (!tally.billsAbandoned) {
                tally.billsAbandoned = true;
                LOG.warn("{}: stopped reading bills after {} accounts in a row failed; the next sync tries again",
                        provider, FAILED_ACCOUNTS_IN_A_ROW);
            }
            return false;
        }
        tally.billsAttemptOpen = true;
        return true;
    }

    public ProviderRequest billsRequest(SourceSystem provider, String customerCode) {
        return new ProviderRequest(provider, properties.endpoint(provider), codecs.get(provider).billsPath(customerCode), null);
    }

    /** Keeps an account's valid bills and records the refused ones (negative amounts, conflicting duplicates, ...) with their reason. */
    public void storeBills(SyncRun run, SourceSystem provider, String customerCode, InputStream body) {
        BillList bills = codecs.get(provider).readBills(customerCode, body);
        CheckedBills checked = validator.check(bills.bills(), YearMonth.now(clock));
        List<RejectedBill> refused = new ArrayList<>(checked.rejected());
        for (RejectedItem item : bills.rejected()) {
            refused.add(new RejectedBill(provider.name() + ":" + customerCode + ":#" + item.index(), item.reason()));
        }
        BillsWritten written = tx.execute(status -> store.saveBills(provider, customerCode, checked.accepted(), refused));
        ProviderTally tally = run.tally(provider);
        tally.billsAttemptOpen = false;
        tally.billFailuresInARow = 0;
        tally.billAccounts++;
        if (written != null) {
            tally.billsWritten += written.written();
            tally.billsUnchanged += written.unchanged();
        }
        refused.forEach(r -> tally.refuseBill(r.reason()));
        billsJob.advance(1);
    }

    public void syncDone(SyncRun run) {
        StringBuilder note = new StringBuilder();
        for (SourceSystem provider : run.providers()) {
            ProviderTally t = run.tally(provider);
            boolean complete = t.accountsComplete && !t.billsAbandoned;
            if (complete) {
                vault.saveWatermark(syncedAtWatermark(provider), clock.instant().toString());
            }
            note.append(note.length() == 0 ? "" : "; ").append(provider).append(": bills of ").append(t.billAccounts)
                    .append(" accounts, ").append(t.billsWritten).append(" written, ").append(t.billsUnchanged)
                    .append(" unchanged").append(t.billRefusals.isEmpty() ? "" : ", refused " + t.billRefusals)
                    .append(complete ? "" : " (unfinished)");
        }
        billsJob.finish(note.toString());
    }

    // ------------------------------------------------------------------ HTTP answers

    /** 200 is read; a 4xx is a refusal of this request (not retried); anything else a failure of the provider (retried). */
    public void checkAnswer(ProviderRequest request, Integer status) {
        int code = status == null ? 0 : status;
        if (code == 200) {
            return;
        }
        if (code >= 400 && code < 500) {
            throw new RefusedRequestException(request.provider() + " refused " + request.what() + ": HTTP " + code, code);
        }
        throw new SystemUnavailableException(request.provider() + " answered " + request.what() + " with HTTP " + code);
    }

    // ------------------------------------------------------------------ what the route carries

    /** One GET to a provider: its endpoint, the path below it and the query (null for none). */
    public record ProviderRequest(SourceSystem provider, String endpoint, String path, String query) {
        String what() {
            return query == null ? "a bills request" : "an accounts page request";
        }
    }

    /** A stored page, for the loop in the route. A class, not a record: Camel's bean cache hashes the body. */
    public static final class AccountPageResult {
        private final List<VaultChange> changes;
        private final boolean hasMore;
        private final String next;

        AccountPageResult(List<VaultChange> changes, boolean hasMore, String next) {
            this.changes = changes;
            this.hasMore = hasMore;
            this.next = next;
        }

        public List<VaultChange> getChanges() {
            return changes;
        }

        public boolean isHasMore() {
            return hasMore;
        }

        public String getNext() {
            return next;
        }
    }

    /** One sync run over some providers: counts for the log (the timer route runs one sync at a time). */
    public static final class SyncRun {
        private final List<SourceSystem> providers;
        private final Map<SourceSystem, ProviderTally> tallies = new EnumMap<>(SourceSystem.class);

        SyncRun(List<SourceSystem> providers) {
            this.providers = List.copyOf(providers);
            providers.forEach(p -> tallies.put(p, new ProviderTally()));
        }

        public List<SourceSystem> getProviders() {
            return providers;
        }

        List<SourceSystem> providers() {
            return providers;
        }

        ProviderTally tally(SourceSystem provider) {
            return tallies.get(provider);
        }
    }

    /** Counts of one provider in one run; refusals by reason (reasons name rules, never values). */
    static final class ProviderTally {
        long accounts;
        boolean accountsComplete;
        final Map<String, Integer> refusals = new LinkedHashMap<>();
        long billAccounts;
        long billsWritten;
        long billsUnchanged;
        final Map<String, Integer> billRefusals = new LinkedHashMap<>();
        boolean billsAttemptOpen;
        int billFailuresInARow;
        boolean billsAbandoned;

        void refuse(String reason) {
            refusals.merge(reason, 1, Integer::sum);
        }

        void refuseBill(String reason) {
            billRefusals.merge(reason, 1, Integer::sum);
        }
    }
}
