package org.citizenhub.connectors.portal;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.regex.Pattern;

import org.citizenhub.mappings.disclosure.CatalogueReader;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import org.citizenhub.connectors.portal.RejectedResultException.Code;
import org.citizenhub.connectors.vault.VaultJson;
import org.citizenhub.mappings.id.PersonalIdNumber;

/**
 * Reads a procedure result the portal published (JSON, contract {@code contracts/portal-result.schema.json}) and
 * checks everything that can be checked without the vault. Every problem is a {@link RejectedResultException}
 * with its code; nothing is quoted from the message.
 */
public class PortalResultReader {

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,59}");
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final byte[] PDF_HEADER = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PDF_END = "%%EOF".getBytes(StandardCharsets.US_ASCII);

    private final int maxMessageBytes;
    private final int maxPdfBytes;

    /**
     * @param maxMessageBytes the largest message accepted (UTF-8 bytes, the base64 PDF included)
     * @param maxPdfBytes     the largest PDF accepted (decoded bytes)
     */
    public PortalResultReader(int maxMessageBytes, int maxPdfBytes) {
        this.maxMessageBytes = maxMessageBytes;
        this.maxPdfBytes = maxPdfBytes;
    }

    public PortalResult read(String message) {
        if (message == null || message.isBlank()) {
            throw new RejectedResultException(Code.MALFORMED_RESULT, "the message is empty");
        }
        // a UTF-8 byte is at most one char: only a long message needs counting
        if (message.length() > maxMessageBytes || message.length() * 3L > maxMessageBytes
                && message.getBytes(StandardCharsets.UTF_8).length > maxMessageBytes) {
            throw new RejectedResultException(Code.MESSAGE_TOO_LARGE, "the message exceeds " + maxMessageBytes + " bytes");
        }
        JsonNode json;
        try {
            json = VaultJson.mapper().readTree(message);
        } catch (JsonProcessingException e) {
            throw new RejectedResultException(Code.MALFORMED_RESULT, "the message is not valid JSON");
        }
        if (json == null || !json.isObject()) {
            throw new RejectedResultException(Code.MALFORMED_RESULT, "the message is not a JSON object");
        }
        String personalId = PersonalIdNumber.clean(text(json, "personalId", 40));
        if (!PersonalIdNumber.isCccdShape(personalId) || PersonalIdNumber.birthYearOf(personalId).isEmpty()) {
            throw new RejectedResultException(Code.INVALID_ID, "personalId is not a 12-digit personal ID number");
        }
        String procedure = text(json, "procedure", 64);
        if (!CatalogueReader.CODE.matcher(procedure).matches()) {
            throw new RejectedResultException(Code.MALFORMED_RESULT,
                    "procedure is not a code of the procedure catalogue (e.g. driving-licence-renewal)");
        }
        String documentType = code(json, "documentType");
        String documentNumber = text(json, "documentNumber", 100);
        String issuer = text(json, "issuer", 200);
        LocalDate issuedOn = date(json, "issuedOn");
        LocalDate validUntil = json.hasNonNull("validUntil") ? date(json, "validUntil") : null;
        if (validUntil != null && validUntil.isBefore(issuedOn)) {
            throw new RejectedResultException(Code.MALFORMED_RESULT, "validUntil is before issuedOn");
        }
        boolean revoked = switch (json.hasNonNull("status") ? json.get("status").asText("") : "ISSUED") {
            case "ISSUED" -> false;
            case "REVOKED" -> true;
            default -> throw new RejectedResultException(Code.MALFORMED_RESULT, "status is neither ISSUED nor REVOKED");
        };
        JsonNode data = json.get("data");
        if (data == null || !data.isObject()) {
            throw new RejectedResultException(Code.MALFORMED_RESULT, "data is missing or not a JSON object");
        }
        return new PortalResult(personalId, procedure, documentType, documentNumber, issuer, issuedOn, validUntil, revoked,
                VaultJson.mapper().convertValue(data, OBJECT), pdf(json));
    }

    private byte[] pdf(JsonNode json) {
        JsonNode node = json.get("pdfBase64");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new RejectedResultException(Code.NOT_A_PDF, "pdfBase64 is not a text");
        }
        String text = node.asText();
        if (text.length() / 4L * 3 > maxPdfBytes + 3L) {
            throw new RejectedResultException(Code.MESSAGE_TOO_LARGE, "the PDF exceeds " + maxPdfBytes + " bytes");
        }
        byte[] pdf;
        try {
            pdf = Base64.getMimeDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new RejectedResultException(Code.NOT_A_PDF, "pdfBase64 is not base64");
        }
        if (pdf.length > maxPdfBytes) {
            throw new RejectedResultException(Code.MESSAGE_TOO_LARGE, "the PDF exceeds " + maxPdfBytes + " bytes");
        }
        if (!isPdf(pdf)) {
            throw new RejectedResultException(Code.NOT_A_PDF, "pdfBase64 does not hold a PDF (no %PDF- header or %%EOF trailer)");
        }
        return pdf;
    }

    /** A PDF starts with {@code %PDF-} and ends with {@code %%EOF} (give or take trailing whitespace). */
    static boolean isPdf(byte[] bytes) {
        if (bytes.length < PDF_HEADER.length + PDF_END.length) {
            return false;
        }
        for (int i = 0; i < PDF_HEADER.length; i++) {
            if (bytes[i] != PDF_HEADER[i]) {
                return false;
            }
        }
        int from = Math.max(PDF_HEADER.length, bytes.length - 1024);
        outer:
        for (int i = bytes.length - PDF_END.length; i >= from; i--) {
            for (int j = 0; j < PDF_END.length; j++) {
                if (bytes[i + j] != PDF_END[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static String text(JsonNode json, String field, int maxLength) {
        JsonNode node = json.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new RejectedResultException(Code.MALFORMED_RESULT, field + " is missing or not a text");
        }
        String value = node.asText().strip();
        if (value.length() > maxLength) {
            throw new RejectedResultException(Code.MALFORMED_RESULT, field + " is longer than " + maxLength + " characters");
        }
        return value;
    }

    private static String code(JsonNode json, String field) {
        String value = text(json, field, 60);
        if (!CODE.matcher(value).matches()) {
            throw new RejectedResultException(Code.MALFORMED_RESULT, field + " is not a code in capitals (e.g. DRIVING_LICENCE)");
        }
        return value;
    }

    private static LocalDate date(JsonNode json, String field) {
        String value = text(json, field, 10);
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new RejectedResultException(Code.MALFORMED_RESULT, field + " is not a date (yyyy-MM-dd)");
        }
    }
}
