package org.citizenhub.documents;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.citizenhub.connectors.vault.DocumentStore;
import org.citizenhub.connectors.vault.DocumentStore.StoredDocument;
import org.citizenhub.mappings.citizen.PersonName;

/** The certificate of a stored document: what the vault holds about it, and where it came from. */
final class DocumentCertificate {

    private DocumentCertificate() {
    }

    static Sheet of(StoredDocument document, Optional<PersonName> holder, String issuer, ZoneId zone) {
        String source = "Nguồn / Source: " + document.issuer() + ", qua / via Cổng dịch vụ công / Public-service portal, "
                + SheetWording.day(document.storedAt(), zone);
        List<Sheet.Row> rows = new ArrayList<>();
        holder.ifPresent(name -> rows.add(new Sheet.Row("Người được cấp / Holder", name.full(), "")));
        rows.add(new Sheet.Row("Loại giấy tờ / Document type", SheetWording.documentType(document.documentType()), ""));
        rows.add(new Sheet.Row("Số / Number", document.documentNumber(), source));
        rows.add(new Sheet.Row("Cơ quan cấp / Issued by", document.issuer(), ""));
        rows.add(new Sheet.Row("Thủ tục / Procedure", document.procedure(), ""));
        rows.add(new Sheet.Row("Ngày cấp / Issued on", SheetWording.day(document.issuedOn()), ""));
        rows.add(new Sheet.Row("Có giá trị đến / Valid until", document.validUntil() == null
                ? "Không thời hạn / No end date" : SheetWording.day(document.validUntil()), ""));
        rows.add(new Sheet.Row("Trạng thái / Status", DocumentStore.ACTIVE.equals(document.status())
                ? "Còn hiệu lực / Valid" : document.status(), ""));
        flatten("", document.data(), rows);
        rows.add(new Sheet.Row("Bản PDF của cơ quan cấp / Issuer's PDF", document.hasPdf()
                ? "Có, lưu trong kho dữ liệu / Yes, kept in the vault" : "Không / None", ""));
        return new Sheet(issuer, "Chứng nhận giấy tờ / Document certificate", rows);
    }

    /** One row per leaf of the structured data, named by its path ({@code holder.family}); lists on one line. */
    private static void flatten(String prefix, Map<String, Object> data, List<Sheet.Row> rows) {
        data.forEach((key, value) -> {
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            if (value instanceof Map<?, ?> nested) {
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) nested;
                flatten(path, map, rows);
            } else if (value instanceof Collection<?> list) {
                rows.add(new Sheet.Row(path, list.stream().map(String::valueOf).collect(Collectors.joining(", ")), ""));
            } else {
                rows.add(new Sheet.Row(path, value == null ? "" : String.valueOf(value), ""));
            }
        });
    }
}
