package org.citizenhub.connectors.utility;

import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import org.citizenhub.connectors.MalformedPayloadException;
import org.citizenhub.connectors.utility.ItemReader.BadItem;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.utility.Bill;
import org.citizenhub.mappings.utility.UtilityAccount;

/**
 * The water company's interface (the sanitation company runs the same software): English field
 * names, cursor paging, ISO dates, amounts as money objects. It has no e-mail field.
 *
 * <pre>{@code
 * GET /accounts?limit=100[&cursor=…]
 *   {"items":[{"accountNo":"DNW00000001","customerName":"…","serviceAddress":"…","phone":"…","nationalId":"…"}],
 *    "nextCursor":"…"|null}
 * GET /accounts/{accountNo}/invoices
 *   {"accountNo":"DNW00000001","invoices":[{"billingPeriod":"2025-09","usageM3":12.5,
 *    "amountDue":{"value":123000,"currency":"VND"},"dueDate":"2025-10-20","status":"PAID|UNPAID|OVERDUE"}]}
 * PUT /accounts/{accountNo}/contact   Idempotency-Key: …   {"phone":"…","mailingAddress":"…"}
 * }</pre>
 */
public final class WaterCodec implements UtilityCodec {

    private static final Map<ContactField, String> CONTACT_KEYS = Map.of(
            ContactField.PHONE, "phone", ContactField.ADDRESS, "mailingAddress");

    private final SourceSystem provider;
    private final BoundedJson json;

    public WaterCodec(SourceSystem provider, int maxMessageBytes) {
        if (provider != SourceSystem.WATER && provider != SourceSystem.SANITATION) {
            throw new IllegalArgumentException("the water interface serves WATER and SANITATION, not " + provider);
        }
        this.provider = provider;
        this.json = new BoundedJson(maxMessageBytes, provider.name().toLowerCase() + " message");
    }

    @Override
    public SourceSystem provider() {
        return provider;
    }

    @Override
    public String accountsPath() {
        return "/accounts";
    }

    @Override
    public String accountsQuery(Optional<String> position, int pageSize) {
        return "limit=" + pageSize + position.map(c -> "&cursor=" + URLEncoder.encode(c, StandardCharsets.UTF_8)).orElse("");
    }

    @Override
    public AccountPage readAccounts(InputStream body) {
        JsonNode root = objectRoot(body);
        JsonNode items = array(root, "items");
        JsonNode cursor = root.get("nextCursor");
        if (cursor != null && !cursor.isNull() && (!cursor.isTextual() || cursor.textValue().isBlank())) {
            throw new MalformedPayloadException(provider + " accounts page has an invalid nextCursor");
        }
        List<UtilityAccount> accounts = new ArrayList<>(items.size());
        List<RejectedItem> rejected = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            try {
                JsonNode item = ItemReader.object(items.get(i));
                accounts.add(new UtilityAccount(provider, ItemReader.text(item, "accountNo"),
                        ItemReader.text(item, "customerName"), ItemReader.text(item, "serviceAddress"),
                        ItemReader.text(item, "phone"), ItemReader.text(item, "nationalId")));
            } catch (BadItem e) {
                rejected.add(new RejectedItem(i, e.getMessage()));
            }
        }
        Optional<String> next = cursor == null || cursor.isNull() ? Optional.empty() : Optional.of(cursor.textValue());
        return new AccountPage(accounts, rejected, next);
    }

    @Override
    public String billsPath(String customerCode) {
        return "/accounts/" + pathSegment(customerCode) + "/invoices";
    }

    @Override
    public BillList readBills(String customerCode, InputStream body) {
        JsonNode root = objectRoot(body);
        JsonNode code = root.get("accountNo");
        if (code == null || !code.isTextual() || !code.textValue().equals(customerCode)) {
            throw new MalformedPayloadException(provider + " invoices answer is not about the account asked for");
        }
        JsonNode items = array(root, "invoices");
        List<Bill> bills = new ArrayList<>(items.size());
        List<RejectedItem> rejected = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            try {
                JsonNode item = ItemReader.object(items.get(i));
                bills.add(new Bill(provider, customerCode, ItemReader.period(item, "billingPeriod"),
                        ItemReader.decimal(item, "usageM3"), amountInVnd(item), ItemReader.date(item, "dueDate"),
                        paid(item)));
            } catch (BadItem e) {
                rejected.add(new RejectedItem(i, e.getMessage()));
            }
        }
        return new BillList(bills, rejected);
    }

    private static long amountInVnd(JsonNode item) throws BadItem {
        JsonNode money = item.get("amountDue");
        if (money == null || !money.isObject()) {
            throw new BadItem("amountDue is missing or not an amount");
        }
        if (!"VND".equals(ItemReader.text(money, "currency"))) {
            throw new BadItem("amountDue is not in VND");
        }
        return ItemReader.wholeNumber(money, "value");
    }

    private static boolean paid(JsonNode item) throws BadItem {
        return switch (ItemReader.requiredText(item, "status")) {
            case "PAID" -> true;
            case "UNPAID", "OVERDUE" -> false;
            default -> throw new BadItem("status is not a known payment status");
        };
    }

    @Override
    public String contactPath(String customerCode) {
        return "/accounts/" + pathSegment(customerCode) + "/contact";
    }

    @Override
    public String requestIdHeader() {
        return "Idempotency-Key";
    }

    @Override
    public Set<ContactField> supportedContactFields() {
        return EnumSet.of(ContactField.PHONE, ContactField.ADDRESS);
    }

    @Override
    public Optional<byte[]> contactBody(AccountContactUpdate update, ContactPolicy policy) {
        if (policy.provider() != provider()) {
            throw new IllegalArgumentException("contact policy for " + policy.provider() + " given to the " + provider() + " codec");
        }
        Map<String, String> body = new LinkedHashMap<>();
        put(body, policy, ContactField.PHONE, update.phone());
        put(body, policy, ContactField.ADDRESS, update.address());
        if (body.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.mapper().writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is always writable", e);
        }
    }

    private void put(Map<String, String> body, ContactPolicy policy, ContactField field, String value) {
        if (value != null && policy.allowed().contains(field) && supportedContactFields().contains(field)) {
            body.put(CONTACT_KEYS.get(field), value);
        }
    }

    private JsonNode objectRoot(InputStream body) {
        JsonNode root = json.read(body);
        if (!root.isObject()) {
            throw new MalformedPayloadException(provider + " message is not a JSON object");
        }
        return root;
    }

    private JsonNode array(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || !value.isArray()) {
            throw new MalformedPayloadException(provider + " message lacks the array " + field);
        }
        return value;
    }

    /** Percent-encodes a code for use as one path segment (URLEncoder alone would turn a space into "+"). */
    private static String pathSegment(String code) {
        return URLEncoder.encode(code, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
