package org.citizenhub.connectors.health;

import java.util.List;
import java.util.Optional;

import org.hl7.fhir.r4.model.Resource;

/** What a rest-hook notification from the FHIR server asks the hub to do. */
public sealed interface SubscriptionNotification {

    /**
     * An empty notification: something matching a subscription changed; run the incremental sync.
     *
     * @param resourceType the type, when the callback path names it
     */
    record ResyncRequested(Optional<String> resourceType) implements SubscriptionNotification {
    }

    /** The notification carried the changed resources: handle them as if the sync had found them. */
    record ResourcesReceived(List<Resource> resources) implements SubscriptionNotification {
        public ResourcesReceived {
            resources = List.copyOf(resources);
        }
    }
}
