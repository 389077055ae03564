package org.citizenhub.agency;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.citizenhub.connectors.vault.VaultJson;
import org.citizenhub.connectors.vault.VaultStore;
import org.citizenhub.mappings.id.PersonalIdNumber;
import org.springframework.stereotype.Component;

/**
 * Looks a citizen up in the vault by personal ID number for an agency. Every kind of bad request
 * gets its own error code; nothing here throws for bad input.
 * Request contract: {@code contracts/citizen-lookup-request.schema.json}.
 */
@Component
public class CitizenLookup {

    private final VaultStore vault;
    private final AgencyProperties properties;

    public CitizenLookup(VaultStore vault, AgencyProperties properties) {
        this.vault = vault;
        this.properties = properties;
    }

    /** Answers a JSON request {@code {"personalId": "048..."}} (the JMS interface). */
    public LookupAnswer answerRequest(String request) {
        if (request == null || request.isBlank()) {
            return LookupAnswer.error("MALFORMED_REQUEST", "the request is empty; expected {\"personalId\": \"...\"}");
        }
        if (request.getBytes(StandardCharsets.UTF_8).length > properties.maxRequestBytes()) {
            return LookupAnswer.error("MESSAGE_TOO_LARGE",
                    "the request exceeds " + properties.maxRequestBytes() + " bytes");
        }
        JsonNode json;
        try {
            json = VaultJson.mapper().readTree(request);
        } catch (JsonProcessingException e) {
            return LookupAnswer.error("MALFORMED_REQUEST", "the request is not valid JSON");
        }
        JsonNode id = json == null ? null : json.get("personalId");
        if (id == null || !id.isTextual()) {
            return LookupAnswer.error("MALFORMED_REQUEST", "the request lacks a text field personalId");
        }
        return byPersonalId(id.asText());
    }

    /** Answers a lookup by personal ID number (the REST interface). */
    public LookupAnswer byPersonalId(String personalId) {
        return PersonalIdNumber.requested(personalId)
                .map(id -> vault.findByPersonalId(id).map(LookupAnswer::found).orElseGet(LookupAnswer::notFound))
                .orElseGet(() -> LookupAnswer.error("INVALID_ID", "a personal ID number has 12 digits and a valid century digit"));
    }
}
