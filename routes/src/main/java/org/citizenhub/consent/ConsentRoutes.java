package org.citizenhub.consent;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.citizenhub.connectors.vault.VaultJson;
import org.citizenhub.operations.HubErrorHandling;
import org.springframework.stereotype.Component;

/**
 * Consent for the citizen-facing portal: {@code POST /api/portal/consents} (grant),
 * {@code POST /api/portal/consents/revoke}, {@code GET /api/portal/citizens/{personalId}/consents}.
 */
@Component
public class ConsentRoutes extends RouteBuilder {

    @Override
    public void configure() {
        rest("/api/portal").id("portal-consent-rest")
                .post("/consents").id("portal-consent-rest-grant").consumes("application/json").produces("application/json")
                .to("direct:portal-consent-grant")
                .post("/consents/revoke").id("portal-consent-rest-revoke").consumes("application/json").produces("application/json")
                .to("direct:portal-consent-revoke")
                .get("/citizens/{personalId}/consents").id("portal-consent-rest-list").produces("application/json")
                .to("direct:portal-consent-list");

        from("direct:portal-consent-grant").routeId("portal-consent-grant")
                .routeConfigurationId(HubErrorHandling.REQUEST_REPLY_ID)
                .convertBodyTo(String.class)
                .setBody(method(ConsentApi.class, "grant"))
                .to("direct:portal-answer");

        from("direct:portal-consent-revoke").routeId("portal-consent-revoke")
                .routeConfigurationId(HubErrorHandling.REQUEST_REPLY_ID)
                .convertBodyTo(String.class)
                .setBody(method(ConsentApi.class, "revoke"))
                .to("direct:portal-answer");

        from("direct:portal-consent-list").routeId("portal-consent-list")
                .routeConfigurationId(HubErrorHandling.REQUEST_REPLY_ID)
                .setBody(method(ConsentApi.class, "history(${header.personalId})"))
                .to("direct:portal-answer");

        // a PortalAnswer becomes the HTTP status and the JSON body
        from("direct:portal-answer").routeId("portal-answer")
                .removeHeaders("*")
                .setHeader(Exchange.HTTP_RESPONSE_CODE, simple("${body.httpStatus}"))
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                .setBody(simple("${body.body}"))
                .bean(VaultJson.class, "write");
    }
}
