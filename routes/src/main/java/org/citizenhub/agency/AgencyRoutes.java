package org.citizenhub.agency;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestBindingMode;
import org.citizenhub.connectors.vault.VaultJson;
import org.citizenhub.operations.HubErrorHandling;
import org.springframework.stereotype.Component;

/**
 * Citizen lookup for agencies: request/reply over JMS on {@code hub.agency.citizen-lookup}
 * (JSON request, JSON reply to JMSReplyTo) and the same lookup over REST
 * ({@code GET /api/citizens/{personalId}}).
 */
@Component
public class AgencyRoutes extends RouteBuilder {

    @Override
    public void configure() {
        restConfiguration().component("platform-http").bindingMode(RestBindingMode.off);

        from("jms:queue:hub.agency.citizen-lookup?concurrentConsumers={{citizenhub.agency.concurrent-consumers}}").routeId("agency-citizen-lookup")
                .routeConfigurationId(HubErrorHandling.REQUEST_REPLY_ID)
                .convertBodyTo(String.class)
                .bean(CitizenLookup.class, "answerRequest")
                .setHeader("lookupStatus", simple("${body.status}"))
                .bean(VaultJson.class, "write");

        rest("/api/citizens").id("agency-citizen-rest")
                .get("/{personalId}").id("agency-citizen-rest-lookup").produces("application/json")
                .to("direct:rest-citizen-lookup");

        from("direct:rest-citizen-lookup").routeId("rest-citizen-lookup")
                .routeConfigurationId(HubErrorHandling.REQUEST_REPLY_ID)
                .setBody(method(CitizenLookup.class, "byPersonalId(${header.personalId})"))
                .removeHeaders("*")
                .setHeader(Exchange.HTTP_RESPONSE_CODE, simple("${body.httpStatus}"))
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                .bean(VaultJson.class, "write");
    }
}
