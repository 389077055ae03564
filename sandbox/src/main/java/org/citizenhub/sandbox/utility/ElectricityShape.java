package org.citizenhub.sandbox.utility;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;

import org.citizenhub.sandbox.synthetic.ViewFields.Utility;
import org.citizenhub.sandbox.synthetic.ViewRecord;

/** The electricity provider: Vietnamese keys, {@code page}/{@code size} paging, dates dd/MM/yyyy, periods MM/yyyy. */
final class ElectricityShape implements ProviderShape {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter PERIOD = DateTimeFormatter.ofPattern("MM/yyyy");
    static final int MAX_PAGE_SIZE = 1_000;

    @Override
    public String pathPrefix() {
        return "/electricity/api";
    }

    @Override
    public String collection() {
        return "customers";
    }

    @Override
    public String billsName() {
        return "bills";
    }

    @Override
    public String requestIdHeader() {
        return "X-Request-Id";
    }

    @Override
    public Set<String> contactKeys() {
        return Set.of("soDienThoai", "email", "diaChiLienHe");
    }

    @Override
    public byte[] accountsPage(ProviderBook book, Map<String, String> query) {
        int page = HttpReplies.intParam(query, "page", 0, 0, Integer.MAX_VALUE);
        int size = HttpReplies.intParam(query, "size", 100, 1, MAX_PAGE_SIZE);
        int pages = (book.size() + size - 1) / size;
        long from = (long) page * size;
        return HttpReplies.json(g -> {
            g.writeStartObject();
            g.writeNumberField("trang", page);
            g.writeNumberField("kichThuoc", size);
            g.writeNumberField("tongSoTrang", pages);
            g.writeNumberField("tongSoBanGhi", book.size());
            g.writeArrayFieldStart("duLieu");
            if (from < book.size()) {
                for (ViewRecord r : book.slice((int) from, (int) from + size)) {
                    Map<String, String> contact = book.contactOf(r.recordId());
                    g.writeStartObject();
                    g.writeStringField("maKhachHang", r.recordId());
                    g.writeStringField("tenKhachHang", r.field(Utility.HOLDER_NAME));
                    g.writeStringField("diaChiSuDungDien", r.field(Utility.SERVICE_ADDRESS));
                    g.writeStringField("soDienThoai", contact.getOrDefault("soDienThoai", r.field(Utility.PHONE)));
                    g.writeStringField("soGiayTo", r.field(Utility.ID_NUMBER));
                    if (contact.containsKey("email")) {
                        g.writeStringField("email", contact.get("email"));
                    }
                    if (contact.containsKey("diaChiLienHe")) {
                        g.writeStringField("diaChiLienHe", contact.get("diaChiLienHe"));
                    }
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    @Override
    public byte[] bills(ProviderBook book, String code) {
        return HttpReplies.json(g -> {
            g.writeStartObject();
            g.writeStringField("maKhachHang", code);
            g.writeArrayFieldStart("hoaDon");
            for (SimulatedBill b : book.bills(code)) {
                g.writeStartObject();
                g.writeStringField("kyHoaDon", PERIOD.format(b.period()));
                g.writeNumberField("dienNangTieuThu", b.consumption());
                g.writeNumberField("tongTien", b.amountVnd());
                g.writeStringField("hanThanhToan", DATE.format(b.dueDate()));
                g.writeStringField("trangThai", b.paid() ? "DA_THANH_TOAN" : "CHUA_THANH_TOAN");
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    @Override
    public byte[] garbage() {
        return "<html><body><h1>Hệ thống đang bảo trì</h1></body></html>".getBytes(StandardCharsets.UTF_8);
    }
}
