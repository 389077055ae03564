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
 * The electricity provider's interface: Vietnamese field names, numbered pages, dates dd/MM/yyyy.
 *
 * <pre>{@code
 * GET /customers?page=0&size=100
 *   {"trang":0,"kichThuoc":100,"tongSoTrang":12,"tongSoBanGhi":1150,
 *    "duLieu":[{"maKhachHang":"PC0500000001","tenKhachHang":"NGUYEN VAN HUNG","diaChiSuDungDien":"…",
 *               "soDienThoai":"0905123456","soGiayTo":"201234567"}]}
 * GET /customers/{code}/bills
 *   {"maKhachHang":"PC0500000001","hoaDon":[{"kyHoaDon":"09/2025","dienNangTieuThu":152,"tongTien":412345,
 *               "hanThanhToan":"15/10/2025","trangThai":"DA_THANH_TOAN|CHUA_THANH_TOAN"}]}
 * PUT /customers/{code}/contact   X-Request-Id: …   {"soDienThoai":"…","email":"…","diaChiLienHe":"…"}
 * }</pre>
 */
public final class ElectricityCodec implements UtilityCodec {

    private static final Map<ContactField, String> CONTACT_KEYS = Map.of(
            ContactField.PHONE, "soDienThoai", ContactField.EMAIL, "email", ContactField.ADDRESS, "diaChiLienHe");

    private final BoundedJson json;

    public ElectricityCodec(int maxMessageBytes) {
        this.json = new BoundedJson(maxMessageBytes, "electricity message");
    }

    @Override
    public SourceSystem provider() {
        return SourceSystem.ELECTRICITY;
    }

    @Override
    public String accountsPath() {
        return "/customers";
    }

    @Override
    public String accountsQuery(Optional<String> position, int pageSize) {
        return "page=" + position.orElse("0") + "&size=" + pageSize;
    }

    @Override
    public AccountPage readAccounts(InputStream body) {
        JsonNode root = objectRoot(body);
        int page = nonNegativeInt(root, "trang");
        int pages = nonNegativeInt(root, "tongSoTrang");
        JsonNode items = array(root, "duLieu");
        List<UtilityAccount> accounts = new ArrayList<>(items.size());
        List<RejectedItem> rejected = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            try {
                JsonNode item = ItemReader.object(items.get(i));
                accounts.add(new UtilityAccount(SourceSystem.ELECTRICITY, ItemReader.text(item, "maKhachHang"),
                        ItemReader.text(item, "tenKhachHang"), ItemReader.text(item, "diaChiSuDungDien"),
                        ItemReader.text(item, "soDienThoai"), ItemReader.text(item, "soGiayTo")));
            } catch (BadItem e) {
                rejected.add(new RejectedItem(i, e.getMessage()));
            }
        }
        Optional<String> next = page + 1 < pages ? Optional.of(Integer.toString(page + 1)) : Optional.empty();
        return new AccountPage(accounts, rejected, next);
    }

    @Override
    public String billsPath(String customerCode) {
        return "/customers/" + pathSegment(customerCode) + "/bills";
    }

    @Override
    public BillList readBills(String customerCode, InputStream body) {
        JsonNode root = objectRoot(body);
        JsonNode code = root.get("maKhachHang");
        if (code == null || !code.isTextual() || !code.textValue().equals(customerCode)) {
            throw new MalformedPayloadException("electricity bills answer is not about the account asked for");
        }
        JsonNode items = array(root, "hoaDon");
        List<Bill> bills = new ArrayList<>(items.size());
        List<RejectedItem> rejected = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            try {
                JsonNode item = ItemReader.object(items.get(i));
                bills.add(new Bill(SourceSystem.ELECTRICITY, customerCode, ItemReader.period(item, "kyHoaDon"),
                        ItemReader.decimal(item, "dienNangTieuThu"), ItemReader.wholeNumber(item, "tongTien"),
                        ItemReader.date(item, "hanThanhToan"), paid(item)));
            } catch (BadItem e) {
                rejected.add(new RejectedItem(i, e.getMessage()));
            }
        }
        return new BillList(bills, rejected);
    }

    private static boolean paid(JsonNode item) throws BadItem {
        return switch (ItemReader.requiredText(item, "trangThai")) {
            case "DA_THANH_TOAN" -> true;
            case "CHUA_THANH_TOAN" -> false;
            default -> throw new BadItem("trangThai is not a known payment status");
        };
    }

    @Override
    public String contactPath(String customerCode) {
        return "/customers/" + pathSegment(customerCode) + "/contact";
    }

    @Override
    public String requestIdHeader() {
        return "X-Request-Id";
    }

    @Override
    public Set<ContactField> supportedContactFields() {
        return EnumSet.allOf(ContactField.class);
    }

    @Override
    public Optional<byte[]> contactBody(AccountContactUpdate update, ContactPolicy policy) {
        if (policy.provider() != provider()) {
            throw new IllegalArgumentException("contact policy for " + policy.provider() + " given to the " + provider() + " codec");
        }
        Map<String, String> body = new LinkedHashMap<>();
        put(body, policy, ContactField.PHONE, update.phone());
        put(body, policy, ContactField.EMAIL, update.email());
        put(body, policy, ContactField.ADDRESS, update.address());
        return write(body);
    }

    private void put(Map<String, String> body, ContactPolicy policy, ContactField field, String value) {
        if (value != null && policy.allowed().contains(field) && supportedContactFields().contains(field)) {
            body.put(CONTACT_KEYS.get(field), value);
        }
    }

    private Optional<byte[]> write(Map<String, String> body) {
        if (body.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.mapper().writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is always writable", e);
        }
    }

    private JsonNode objectRoot(InputStream body) {
        JsonNode root = json.read(body);
        if (!root.isObject()) {
            throw new MalformedPayloadException("electricity message is not a JSON object");
        }
        return root;
    }

    private static int nonNegativeInt(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < 0) {
            throw new MalformedPayloadException("electricity accounts page lacks a valid " + field);
        }
        return value.intValue();
    }

    private static JsonNode array(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || !value.isArray()) {
            throw new MalformedPayloadException("electricity message lacks the array " + field);
        }
        return value;
    }

    /** Percent-encodes a code for use as one path segment (URLEncoder alone would turn a space into "+"). */
    private static String pathSegment(String code) {
        return URLEncoder.encode(code, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
