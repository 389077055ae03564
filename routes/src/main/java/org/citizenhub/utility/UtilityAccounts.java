package org.citizenhub.utility;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.citizenhub.connectors.vault.SchoolUtilityStore;
import org.citizenhub.connectors.vault.VaultStore;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.utility.Bill;
import org.citizenhub.mappings.utility.RejectedBill;
import org.citizenhub.mappings.utility.ServiceAccount;
import org.springframework.stereotype.Component;

/** A citizen's utility accounts and unpaid bills, as the vault shows them. */
@Component
public class UtilityAccounts {

    private static final Pattern CITIZEN_ID = Pattern.compile("[A-Za-z0-9-]{1,40}");
    /** Bills are due in Vietnam's time zone. */
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private final VaultStore vault;
    private final SchoolUtilityStore store;
    private final Clock clock;

    public UtilityAccounts(VaultStore vault, SchoolUtilityStore store, Clock clock) {
        this.vault = vault;
        this.store = store;
        this.clock = clock;
    }

    /** The answer of {@code GET /api/citizens/{citizenId}/accounts}. */
    public record CitizenAccounts(String status, String citizenId, List<Account> accounts, long unpaidTotalVnd) {
        public int httpStatus() {
            return switch (status) {
                case "FOUND" -> 200;
                case "NOT_FOUND" -> 404;
                default -> 400;
            };
        }
    }

    /** An account with its unpaid bills and the bills the hub refused at the last sync (with the reason). */
    public record Account(SourceSystem provider, String customerCode, String serviceAddress, List<UnpaidBill> unpaidBills,
                          List<RejectedBill> refusedBills) {
    }

    public record UnpaidBill(String period, BigDecimal consumption, long amountVnd, LocalDate dueDate, boolean overdue) {
    }

    public CitizenAccounts ofCitizen(String citizenId) {
        if (citizenId == null || !CITIZEN_ID.matcher(citizenId).matches()) {
            return new CitizenAccounts("INVALID_ID", null, List.of(), 0);
        }
        if (vault.findById(citizenId).isEmpty()) {
            return new CitizenAccounts("NOT_FOUND", citizenId, List.of(), 0);
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), VIETNAM);
        List<Account> accounts = new ArrayList<>();
        long unpaidTotal = 0;
        for (ServiceAccount a : store.accountsOf(citizenId)) {
            List<UnpaidBill> unpaid = new ArrayList<>();
            for (Bill b : store.billsOf(a.provider(), a.customerCode())) {
                if (!b.paid()) {
                    unpaid.add(new UnpaidBill(b.period().toString(), b.consumption(), b.amountVnd(), b.dueDate(), b.isOverdue(today)));
                    unpaidTotal += b.amountVnd();
                }
            }
            accounts.add(new Account(a.provider(), a.customerCode(), a.serviceAddress(), unpaid,
                    store.refusalsOf(a.provider(), a.customerCode())));
        }
        return new CitizenAccounts("FOUND", citizenId, accounts, unpaidTotal);
    }
}
