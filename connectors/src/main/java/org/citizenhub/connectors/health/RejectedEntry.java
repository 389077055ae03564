package org.citizenhub.connectors.health;

import java.util.Objects;

import org.citizenhub.mappings.health.FhirInputException;

/**
 * A resource in a sync page that could not be parsed (an invalid date, an unknown code in a required
 * binding, …). The route parks it with {@link #reason()}; the sync goes on past it.
 *
 * @param reference {@code Type/id} as far as it could be read ("Patient/123", or "entry 7 of a page")
 * @param json      the resource as the server sent it, for the parked message (personal data: never log it)
 */
public record RejectedEntry(String reference, String json, FhirInputException reason) {
    public RejectedEntry {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(reason, "reason");
    }
}
