package org.citizenhub.sandbox.utility;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.citizenhub.sandbox.synthetic.ViewFields.Utility;
import org.citizenhub.sandbox.synthetic.ViewRecord;
import org.citizenhub.sandbox.utility.HttpReplies.Refusal;

/**
 * The water company (and the sanitation company on the same software): English keys, keyset paging
 * with an opaque cursor (the last account code served, base64url), ISO dates, money objects.
 */
final class WaterShape implements ProviderShape {

    static final int MAX_LIMIT = 500;

    private final String pathPrefix;
    private final Set<String> contactKeys;

    WaterShape(String pathPrefix, Set<String> contactKeys) {
        this.pathPrefix = pathPrefix;
        this.contactKeys = Set.copyOf(contactKeys);
    }

    @Override
    public String pathPrefix() {
        return pathPrefix;
    }

    @Override
    public String collection() {
        return "accounts";
    }

    @Override
    public String billsName() {
        return "invoices";
    }

    @Override
    public String requestIdHeader() {
        return "Idempotency-Key";
    }

    @Override
    public Set<String> contactKeys() {
        return contactKeys;
    }

    @Override
    public byte[] accountsPage(ProviderBook book, Map<String, String> query) {
        int limit = HttpReplies.intParam(query, "limit", 100, 1, MAX_LIMIT);
        String cursor = query.get("cursor");
        int from = cursor == null ? 0 : book.indexAfter(decode(cursor));
        List<ViewRecord> page = book.slice(from, from + limit);
        boolean more = from + page.size() < book.size();
        return HttpReplies.json(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("items");
            for (ViewRecord r : page) {
                Map<String, String> contact = book.contactOf(r.recordId());
                g.writeStartObject();
                g.writeStringField("accountNo", r.recordId());
                g.writeStringField("customerName", r.field(Utility.HOLDER_NAME));
                g.writeStringField("serviceAddress", r.field(Utility.SERVICE_ADDRESS));
                g.writeStringField("phone", contact.getOrDefault("phone", r.field(Utility.PHONE)));
                g.writeStringField("nationalId", r.field(Utility.ID_NUMBER));
                if (contact.containsKey("mailingAddress")) {
                    g.writeStringField("mailingAddress", contact.get("mailingAddress"));
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            if (more) {
                g.writeStringField("nextCursor", encode(page.get(page.size() - 1).recordId()));
            } else {
                g.writeNullField("nextCursor");
            }
            g.writeEndObject();
        });
    }

    @Override
    public byte[] bills(ProviderBook book, String code) {
        return HttpReplies.json(g -> {
            g.writeStartObject();
            g.writeStringField("accountNo", code);
            g.writeArrayFieldStart("invoices");
            for (SimulatedBill b : book.bills(code)) {
                g.writeStartObject();
                g.writeStringField("billingPeriod", b.period().toString());
                g.writeNumberField("usageM3", b.consumption());
                g.writeObjectFieldStart("amountDue");
                g.writeNumberField("value", b.amountVnd());
                g.writeStringField("currency", "VND");
                g.writeEndObject();
                g.writeStringField("dueDate", b.dueDate().toString());
                g.writeStringField("status", b.paid() ? "PAID" : "UNPAID");
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** A gateway that cut the answer short. */
    @Override
    public byte[] garbage() {
        return "{\"items\":[{\"accountNo\":\"DNW000".getBytes(StandardCharsets.UTF_8);
    }

    static String encode(String code) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(code.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new Refusal(400, "invalid cursor");
        }
    }
}
