package org.citizenhub.consent;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.citizenhub.connectors.vault.ConsentStore;
import org.citizenhub.connectors.vault.VaultJson;
import org.citizenhub.mappings.disclosure.Catalogue;
import org.citizenhub.mappings.disclosure.DataCategory;
import org.springframework.stereotype.Component;

/**
 * The portal's consent calls: grant, revoke, list. Request contract:
 * {@code contracts/consent-request.schema.json}; answers: {@code contracts/consent-reply.schema.json}.
 * Bad input gets a 400 with a code and a message that never quotes personal data.
 */
@Component
public class ConsentApi {

    /** Largest request body accepted. */
    public static final int MAX_REQUEST_BYTES = 16384;
    /** Agency, purpose and channel codes (the catalogue of agencies and purposes checks them further). */
    static final Pattern CODE = Pattern.compile("[a-z0-9-]{1,64}");
    private static final Pattern CATEGORY_SHAPE = Pattern.compile("[A-Za-z_]{1,32}");
    private static final String DEFAULT_CHANNEL = "portal";
    private static final String KNOWN_CATEGORIES = Arrays.stream(DataCategory.values()).map(Enum::name)
            .collect(Collectors.joining(", "));

    private final ConsentStore consents;
    private final PortalCitizens citizens;
    private final Catalogue catalogue;

    public ConsentApi(ConsentStore consents, PortalCitizens citizens, Catalogue catalogue) {
        this.consents = consents;
        this.citizens = citizens;
        this.catalogue = catalogue;
    }

    /** One grant as the portal sees it (no internal citizen id). */
    public record ConsentView(long id, String agency, String purpose, DataCategory category, Instant grantedAt,
                              Instant revokedAt, String channel, boolean active) {
        static ConsentView of(ConsentStore.Consent c) {
            return new ConsentView(c.id(), c.agency(), c.purpose(), c.category(), c.grantedAt(), c.revokedAt(), c.channel(),
                    c.isActive());
        }
    }

    public record Granted(String status, List<ConsentView> consents) {
    }

    public record Revoked(String status, int revoked, List<DataCategory> stillGranted) {
    }

    public record History(String status, List<ConsentView> consents) {
    }

    /** A request that passed validation. */
    record ConsentRequest(String citizenId, String agency, String purpose, Set<DataCategory> categories, String channel) {
    }

    private record Parsed(ConsentRequest request, PortalAnswer problem) {
    }

    /** {@code POST /api/portal/consents}. */
    public PortalAnswer grant(String body) {
        Parsed parsed = parse(body);
        if (parsed.problem() != null) {
            return parsed.problem();
        }
        ConsentRequest r = parsed.request();
        List<ConsentStore.Consent> held = consents.grant(r.citizenId(), r.agency(), r.purpose(), r.categories(), r.channel());
        return PortalAnswer.ok(new Granted("GRANTED", held.stream().map(ConsentView::of).toList()));
    }

    /** {@code POST /api/portal/consents/revoke}. */
    public PortalAnswer revoke(String body) {
        Parsed parsed = parse(body);
        if (parsed.problem() != null) {
            return parsed.problem();
        }
        ConsentRequest r = parsed.request();
        int revoked = consents.revoke(r.citizenId(), r.agency(), r.purpose(), r.categories(), r.channel());
        List<DataCategory> still = List.copyOf(consents.granted(r.citizenId(), r.agency(), r.purpose()));
        return PortalAnswer.ok(new Revoked("REVOKED", revoked, still));
    }

    /** {@code GET /api/portal/citizens/{personalId}/consents}: every grant, holding or revoked, oldest first. */
    public PortalAnswer history(String personalId) {
        PortalCitizens.Resolved citizen = citizens.resolve(personalId);
        if (citizen.problem() != null) {
            return citizen.problem();
        }
        return PortalAnswer.ok(new History("FOUND", consents.history(citizen.citizenId()).stream().map(ConsentView::of).toList()));
    }

    private Parsed parse(String body) {
        if (body == null || body.isBlank()) {
            return invalid("MALFORMED_REQUEST", "the request is empty; see contracts/consent-request.schema.json");
        }
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_REQUEST_BYTES) {
            return new Parsed(null, PortalAnswer.tooLarge(MAX_REQUEST_BYTES));
        }
        JsonNode json;
        try {
            json = VaultJson.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            return invalid("MALFORMED_REQUEST", "the request is not valid JSON");
        }
        if (json == null || !json.isObject()) {
            return invalid("MALFORMED_REQUEST", "the request must be a JSON object");
        }
        String agency = text(json, "agency");
        String purpose = text(json, "purpose");
        String channel = json.has("channel") ? text(json, "channel") : DEFAULT_CHANNEL;
        if (agency == null || !CODE.matcher(agency).matches()) {
            return invalid("INVALID_REQUEST", "agency must be a code of 1 to 64 characters a-z, 0-9 and -");
        }
        if (purpose == null || !CODE.matcher(purpose).matches()) {
            return invalid("INVALID_REQUEST", "purpose must be a code of 1 to 64 characters a-z, 0-9 and -");
        }
        if (catalogue.agency(agency).isEmpty()) {
            return invalid("UNKNOWN_AGENCY", "no agency of that code in config/agencies.yaml");
        }
        if (!catalogue.agency(agency).get().mayUse(purpose)) {
            return invalid("NOT_A_PURPOSE_OF_THE_AGENCY", "the agency may not use that purpose (config/agencies.yaml)");
        }
        if (channel == null || channel.length() > 40 || !CODE.matcher(channel).matches()) {
            return invalid("INVALID_REQUEST", "channel must be a code of 1 to 40 characters a-z, 0-9 and -");
        }
        JsonNode list = json.get("categories");
        if (list == null || !list.isArray() || list.isEmpty()) {
            return invalid("INVALID_REQUEST", "categories must be a non-empty array of: " + KNOWN_CATEGORIES);
        }
        Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
        for (JsonNode item : list) {
            String name = item.isTextual() ? item.asText() : null;
            DataCategory category = category(name);
            if (category == null) {
                String shown = name != null && CATEGORY_SHAPE.matcher(name).matches() ? "'" + name + "'" : "a value";
                return invalid("UNKNOWN_CATEGORY", "unknown data category " + shown + "; known categories: " + KNOWN_CATEGORIES);
            }
            categories.add(category);
        }
        JsonNode personalId = json.get("personalId");
        if (personalId == null || !personalId.isTextual()) {
            return invalid("MALFORMED_REQUEST", "the request lacks a text field personalId");
        }
        PortalCitizens.Resolved citizen = citizens.resolve(personalId.asText());
        if (citizen.problem() != null) {
            return new Parsed(null, citizen.problem());
        }
        return new Parsed(new ConsentRequest(citizen.citizenId(), agency, purpose, categories, channel), null);
    }

    private static DataCategory category(String name) {
        if (name == null) {
            return null;
        }
        for (DataCategory c : DataCategory.values()) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        return node != null && node.isTextual() ? node.asText() : null;
    }

    private static Parsed invalid(String code, String message) {
        return new Parsed(null, PortalAnswer.badRequest(code, message));
    }
}
