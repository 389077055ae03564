package org.citizenhub.connectors.health;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * A rest-hook subscription the hub wants on the FHIR server.
 *
 * @param criteria    e.g. {@code Patient?} or {@code DiagnosticReport?}
 * @param callbackUrl the hub's callback endpoint, reachable from the FHIR server
 * @param payload     whether notifications carry the resource or are empty ("come and look")
 * @param headers     channel headers the server sends back with each notification, e.g. a shared
 *                    secret {@code X-Hub-Token: …} the callback checks (comes from the environment)
 */
public record SubscriptionRequest(String criteria, URI callbackUrl, Payload payload, List<String> headers, String reason) {

    public SubscriptionRequest {
        Objects.requireNonNull(criteria, "criteria");
        Objects.requireNonNull(callbackUrl, "callbackUrl");
        Objects.requireNonNull(payload, "payload");
        headers = headers == null ? List.of() : List.copyOf(headers);
        reason = reason == null || reason.isBlank() ? "Citizen Hub keeps the citizen vault up to date" : reason;
    }

    public enum Payload {
        /** Empty POST to the callback; the hub then runs an incremental sync. */
        EMPTY,
        /** PUT of the resource as FHIR JSON to {@code <callback>/<Type>/<id>}. */
        FULL_RESOURCE
    }
}
