package org.citizenhub.disclosure;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.citizenhub.connectors.vault.VaultJson;
import org.citizenhub.mappings.disclosure.DataCategory;

/**
 * What an agency asks: {@code prefill} (the values and evidence a procedure needs) or {@code lookup}
 * (categories of a citizen's record for a purpose). Contract: {@code contracts/agency-request.schema.json}.
 * The caller is never part of the request: it is the account the broker or the HTTP layer authenticated.
 */
public record DisclosureRequest(Operation operation, String procedure, String purpose, String personalId,
                                Set<DataCategory> categories, String requestId) {

    public enum Operation { PREFILL, LOOKUP }

    /** Either a request or why the message is not one. */
    public record Parsed(DisclosureRequest request, String errorCode, String errorMessage) {
        static Parsed error(String code, String message) {
            return new Parsed(null, code, message);
        }
    }

    /** Parses a request; never throws for bad input. */
    public static Parsed parse(String json, int maxBytes) {
        if (json == null || json.isBlank()) {
            return Parsed.error("MALFORMED_REQUEST", "the request is empty");
        }
        if (json.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            return Parsed.error("MESSAGE_TOO_LARGE", "the request exceeds " + maxBytes + " bytes");
        }
        JsonNode node;
        try {
            node = VaultJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            return Parsed.error("MALFORMED_REQUEST", "the request is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            return Parsed.error("MALFORMED_REQUEST", "the request is not a JSON object");
        }
        String operation = text(node, "operation");
        String personalId = text(node, "personalId");
        String requestId = text(node, "requestId");
        if (personalId == null) {
            return Parsed.error("MALFORMED_REQUEST", "the request lacks a text field personalId");
        }
        if (requestId != null && requestId.length() > 100) {
            return Parsed.error("MALFORMED_REQUEST", "requestId is longer than 100 characters");
        }
        if ("prefill".equals(operation)) {
            String procedure = text(node, "procedure");
            if (procedure == null) {
                return Parsed.error("MALFORMED_REQUEST", "a prefill request names its procedure");
            }
            return new Parsed(new DisclosureRequest(Operation.PREFILL, procedure, null, personalId, Set.of(), requestId), null, null);
        }
        if ("lookup".equals(operation)) {
            String purpose = text(node, "purpose");
            if (purpose == null) {
                return Parsed.error("MALFORMED_REQUEST", "a lookup request states its purpose");
            }
            JsonNode wanted = node.get("categories");
            if (wanted == null || !wanted.isArray() || wanted.isEmpty()) {
                return Parsed.error("MALFORMED_REQUEST", "a lookup request lists the categories it needs");
            }
            Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
            for (JsonNode category : wanted) {
                try {
                    categories.add(DataCategory.valueOf(category.asText()));
                } catch (IllegalArgumentException e) {
                    return Parsed.error("MALFORMED_REQUEST", "unknown category; one of " + java.util.Arrays.toString(DataCategory.values()));
                }
            }
            return new Parsed(new DisclosureRequest(Operation.LOOKUP, null, purpose, personalId, categories, requestId), null, null);
        }
        return Parsed.error("MALFORMED_REQUEST", "operation must be \"prefill\" or \"lookup\"");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText().strip() : null;
    }
}
