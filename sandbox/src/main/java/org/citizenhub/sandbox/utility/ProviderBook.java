package org.citizenhub.sandbox.utility;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.sandbox.synthetic.ViewRecord;
import org.citizenhub.sandbox.utility.HttpReplies.Refusal;

/**
 * What one simulated provider holds: its accounts (the synthetic view, in customer-code order), the
 * contact data customers or the hub updated since, the bills, and every contact update it received.
 * Contact updates are idempotent by request id, as the hub relies on: the same id with the same
 * content is answered again without being applied again; the same id with other content is a conflict.
 */
final class ProviderBook {

    /** Months of bills each account has. */
    static final int BILLED_MONTHS = 12;

    private final SourceSystem provider;
    private final List<ViewRecord> accounts;
    private final List<String> codes;
    private final Map<String, ViewRecord> byCode = new HashMap<>();
    private final YearMonth lastPeriod;
    private final Map<String, Map<String, String>> contacts = new HashMap<>();
    private final Map<String, List<SimulatedBill>> addedBills = new HashMap<>();
    private final Map<String, ReceivedContactUpdate> byRequestId = new HashMap<>();
    private final List<ReceivedContactUpdate> received = new ArrayList<>();
    private final List<String> refusals = new ArrayList<>();
    private int duplicates;

    ProviderBook(SourceSystem provider, List<ViewRecord> view, YearMonth lastPeriod) {
        this.provider = provider;
        List<ViewRecord> sorted = new ArrayList<>(view);
        sorted.sort(Comparator.comparing(ViewRecord::recordId));
        this.accounts = List.copyOf(sorted);
        this.codes = sorted.stream().map(ViewRecord::recordId).toList();
        for (ViewRecord r : sorted) {
            byCode.put(r.recordId(), r);
        }
        this.lastPeriod = lastPeriod;
    }

    SourceSystem provider() {
        return provider;
    }

    int size() {
        return accounts.size();
    }

    /** Accounts {@code from} (inclusive) to {@code to} (exclusive) in customer-code order. */
    List<ViewRecord> slice(int from, int to) {
        return accounts.subList(Math.min(from, accounts.size()), Math.min(to, accounts.size()));
    }

    /** The position of the first account after {@code code} in customer-code order (keyset paging). */
    int indexAfter(String code) {
        int i = Collections.binarySearch(codes, code);
        return i >= 0 ? i + 1 : -i - 1;
    }

    Optional<ViewRecord> account(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    synchronized Map<String, String> contactOf(String code) {
        return Map.copyOf(contacts.getOrDefault(code, Map.of()));
    }

    synchronized List<SimulatedBill> bills(String code) {
        List<SimulatedBill> bills = new ArrayList<>(BillHistory.of(provider, code, lastPeriod, BILLED_MONTHS));
        bills.addAll(addedBills.getOrDefault(code, List.of()));
        return bills;
    }

    synchronized void addBill(String code, SimulatedBill bill) {
        if (!byCode.containsKey(code)) {
            throw new IllegalArgumentException("no account " + code + " at " + provider);
        }
        addedBills.computeIfAbsent(code, k -> new ArrayList<>()).add(bill);
    }

    /**
     * Applies a contact update once per request id.
     *
     * @return true when applied now, false when the same request was applied before
     * @throws Refusal 404 unknown account, 422 a field the provider does not accept, 409 a reused request id
     */
    synchronized boolean applyContact(String code, String requestId, Map<String, String> fields, Set<String> acceptedKeys) {
        if (!byCode.containsKey(code)) {
            throw refuse(404, "no such account");
        }
        for (String key : fields.keySet()) {
            if (!acceptedKeys.contains(key)) {
                throw refuse(422, "field not accepted: " + key);
            }
        }
        if (fields.isEmpty()) {
            throw refuse(422, "no contact field in the request");
        }
        ReceivedContactUpdate update = new ReceivedContactUpdate(provider, code, requestId, fields);
        ReceivedContactUpdate earlier = byRequestId.get(requestId);
        if (earlier != null) {
            if (!earlier.equals(update)) {
                throw refuse(409, "request id already used for another update");
            }
            duplicates++;
            return false;
        }
        byRequestId.put(requestId, update);
        received.add(update);
        contacts.computeIfAbsent(code, k -> new LinkedHashMap<>()).putAll(fields);
        return true;
    }

    private Refusal refuse(int status, String reason) {
        refusals.add(status + " " + reason);
        return new Refusal(status, reason);
    }

    synchronized List<ReceivedContactUpdate> received() {
        return List.copyOf(received);
    }

    synchronized int duplicates() {
        return duplicates;
    }

    synchronized List<String> refusals() {
        return List.copyOf(refusals);
    }
}
