package org.citizenhub.disclosure;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.citizenhub.mappings.citizen.CitizenField;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.disclosure.DataCategory;

/**
 * The hub's answer to an agency or the portal. Contract: {@code contracts/agency-answer.schema.json}.
 *
 * @param status    OK, NOT_FOUND (no such citizen: everything is to declare), DENIED (the caller may not
 *                  use that procedure or purpose) or ERROR (a bad request)
 * @param fields    the values disclosed, each with its source, date and whether it is verified
 * @param evidence  the evidence documents the hub holds for the procedure
 * @param withheld  categories the hub holds but may not disclose, and why (e.g. NO_CONSENT)
 * @param toDeclare what the citizen still has to declare or bring, and why
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DisclosureAnswer(String status, String requestId, String agency, String purpose, String procedure,
                               List<FieldValue> fields, List<Evidence> evidence, List<Withheld> withheld,
                               List<ToDeclare> toDeclare, Error error) {

    /** A disclosed value with its provenance; {@code verified}: it comes from the authority for its category. */
    public record FieldValue(CitizenField field, DataCategory category, Object value, SourceSystem source,
                             String sourceRecordId, Instant retrievedAt, boolean verified) {
    }

    /** A piece of evidence: status VALID, EXPIRED or NOT_FIT; {@code reference} names it at its source. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Evidence(String type, DataCategory category, String status, LocalDate issued, LocalDate validUntil,
                           SourceSystem source, String reference, boolean verified, Map<String, Object> details) {
    }

    public record Withheld(DataCategory category, String reason) {
    }

    /** {@code item} is a field name or an evidence type; {@code reason}: NOT_HELD, EXPIRED, NO_CONSENT, ... */
    public record ToDeclare(String kind, String item, String reason) {
    }

    public record Error(String code, String message) {
    }

    public static DisclosureAnswer error(String requestId, String code, String message) {
        return new DisclosureAnswer("ERROR", requestId, null, null, null, null, null, null, null, new Error(code, message));
    }

    public static DisclosureAnswer denied(String requestId, String agency, String purpose, String procedure, String message) {
        return new DisclosureAnswer("DENIED", requestId, agency, purpose, procedure, null, null, null, null,
                new Error("NOT_PERMITTED", message));
    }

    /** The HTTP status of this answer on the REST interface. */
    public int httpStatus() {
        return switch (status) {
            case "OK" -> 200;
            case "NOT_FOUND" -> 404;
            case "DENIED" -> 403;
            default -> "AUDIT_UNAVAILABLE".equals(error == null ? null : error.code()) ? 503 : 400;
        };
    }
}
