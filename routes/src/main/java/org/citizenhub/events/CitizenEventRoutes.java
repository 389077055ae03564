package org.citizenhub.events;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Publishes one {@code citizen.changed} event per changed golden record (body: the list of
 * VaultChange of one vault batch), the whole batch in one JMS transaction.
 */
@Component
public class CitizenEventRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("direct:publish-citizen-changes").routeId("citizen-changed-publisher")
                // a failure belongs to the calling route, which retries or parks its own message
                .errorHandler(noErrorHandler())
                .bean(CitizenEventPublisher.class, "publish");
    }
}
