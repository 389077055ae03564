package org.citizenhub.mappings.utility;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.citizenhub.mappings.id.DataQualityFinding;
import org.citizenhub.mappings.id.DataQualityFinding.Code;

/**
 * Decides which of an account's bills the hub keeps. A bill that cannot be true — a negative amount
 * or consumption, a period before 2000 or after the current month, a due date before its period —
 * is refused with a reason rather than shown to a citizen as owed. Two bills for the same account and
 * period are one bill sent twice when they are equal (kept once, with a finding) and a conflict the
 * provider must resolve when they differ (both refused: the hub cannot know which amount is owed).
 */
public final class BillValidator {

    /** Vietnam's utilities billed on paper before this; an older period is a data error. */
    static final YearMonth EARLIEST_PERIOD = YearMonth.of(2000, 1);

    /**
     * @param latestPeriod the latest period a bill may be for: the current month, from the hub's clock
     */
    public CheckedBills check(List<Bill> bills, YearMonth latestPeriod) {
        Map<String, List<Bill>> byKey = new LinkedHashMap<>();
        for (Bill bill : bills) {
            byKey.computeIfAbsent(bill.key(), k -> new ArrayList<>(1)).add(bill);
        }
        List<Bill> accepted = new ArrayList<>(byKey.size());
        List<RejectedBill> rejected = new ArrayList<>();
        List<DataQualityFinding> findings = new ArrayList<>();
        byKey.forEach((key, sameKey) -> {
            Bill bill = sameKey.get(0);
            if (sameKey.stream().anyMatch(other -> !other.equals(bill))) {
                sameKey.forEach(b -> rejected.add(new RejectedBill(key, "conflicting bills for the same account and period")));
                return;
            }
            if (sameKey.size() > 1) {
                findings.add(new DataQualityFinding(Code.VALUE_INVALID, "period",
                        "the same bill was sent " + sameKey.size() + " times; kept once"));
            }
            Optional<String> refusal = refusal(bill, latestPeriod);
            if (refusal.isPresent()) {
                rejected.add(new RejectedBill(key, refusal.get()));
                return;
            }
            if (bill.dueDate().isAfter(bill.period().atEndOfMonth().plusYears(1))) {
                findings.add(new DataQualityFinding(Code.VALUE_INVALID, "dueDate",
                        "dueDate is more than a year after the billing period"));
            }
            accepted.add(bill);
        });
        return new CheckedBills(accepted, rejected, findings);
    }

    private static Optional<String> refusal(Bill bill, YearMonth latestPeriod) {
        if (bill.amountVnd() < 0) {
            return Optional.of("amountVnd is negative");
        }
        if (bill.consumption().compareTo(BigDecimal.ZERO) < 0) {
            return Optional.of("consumption is negative");
        }
        if (bill.period().isBefore(EARLIEST_PERIOD)) {
            return Optional.of("period is before " + EARLIEST_PERIOD);
        }
        if (bill.period().isAfter(latestPeriod)) {
            return Optional.of("period is after the current month");
        }
        if (bill.dueDate().isBefore(bill.period().atDay(1))) {
            return Optional.of("dueDate is before the billing period begins");
        }
        return Optional.empty();
    }
}
