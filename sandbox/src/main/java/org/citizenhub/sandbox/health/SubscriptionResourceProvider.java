package org.citizenhub.sandbox.health;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.r4.model.Subscription;

/**
 * Subscriptions, checked the way HAPI's JPA server checks them: rest-hook channel, an http(s)
 * endpoint, criteria the simulator can evaluate. A requested subscription becomes active at once.
 */
final class SubscriptionResourceProvider extends InMemoryResourceProvider<Subscription> {

    SubscriptionResourceProvider(ResourceRepository repository, Clock clock) {
        super(Subscription.class, repository, clock, Duration.ZERO);
    }

    @Override
    protected void beforeStore(Subscription subscription) {
        Subscription.SubscriptionChannelComponent channel = subscription.getChannel();
        if (channel.getType() != Subscription.SubscriptionChannelType.RESTHOOK) {
            throw new UnprocessableEntityException("only rest-hook subscriptions are supported");
        }
        String endpoint = channel.getEndpoint();
        if (endpoint == null || !(endpoint.startsWith("http://") || endpoint.startsWith("https://"))) {
            throw new UnprocessableEntityException("rest-hook subscription needs an http(s) endpoint");
        }
        URI.create(endpoint);
        if (!subscription.hasCriteria()) {
            throw new UnprocessableEntityException("subscription needs criteria");
        }
        SearchCriteria.parse(subscription.getCriteria(), null);
        if (subscription.getStatus() == null || subscription.getStatus() == Subscription.SubscriptionStatus.REQUESTED) {
            subscription.setStatus(Subscription.SubscriptionStatus.ACTIVE);
        }
    }
}
