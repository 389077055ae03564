package org.citizenhub.connectors.health;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;

/**
 * Registers the hub's rest-hook subscriptions. Idempotent, so the route can call it at every start:
 * an existing subscription to the same callback with the same criteria is reused (and switched back on
 * when the server turned it off after failed deliveries); otherwise a new one is created.
 */
public final class SubscriptionRegistrar {

    static final String FHIR_JSON = "application/fhir+json";

    private final FhirRestClient client;

    public SubscriptionRegistrar(FhirRestClient client) {
        this.client = client;
    }

    /** Answers the Subscription's logical id. */
    public String register(SubscriptionRequest request) {
        List<Subscription> existing = client.searchAll(Subscription.class,
                List.of(Map.entry("url", request.callbackUrl().toString())));
        for (Subscription subscription : existing) {
            if (request.criteria().equals(subscription.getCriteria()) && samePayload(subscription, request)) {
                if (subscription.getStatus() == Subscription.SubscriptionStatus.ACTIVE
                        || subscription.getStatus() == Subscription.SubscriptionStatus.REQUESTED) {
                    return subscription.getIdElement().getIdPart();
                }
                subscription.setStatus(Subscription.SubscriptionStatus.REQUESTED).setError(null);
                return client.update(subscription, Optional.empty()).id();
            }
        }
        return client.create(toSubscription(request), Optional.empty()).id();
    }

    static Subscription toSubscription(SubscriptionRequest request) {
        Subscription subscription = new Subscription()
                .setStatus(Subscription.SubscriptionStatus.REQUESTED)
                .setReason(request.reason())
                .setCriteria(request.criteria());
        Subscription.SubscriptionChannelComponent channel = subscription.getChannel()
                .setType(Subscription.SubscriptionChannelType.RESTHOOK)
                .setEndpoint(request.callbackUrl().toString());
        if (request.payload() == SubscriptionRequest.Payload.FULL_RESOURCE) {
            channel.setPayload(FHIR_JSON);
        }
        for (String header : request.headers()) {
            channel.addHeader(header);
        }
        return subscription;
    }

    private static boolean samePayload(Subscription subscription, SubscriptionRequest request) {
        boolean full = subscription.getChannel().hasPayload();
        return full == (request.payload() == SubscriptionRequest.Payload.FULL_RESOURCE)
                && subscription.getChannel().getHeader().stream().map(StringType::getValue).toList().equals(request.headers());
    }
}
