package org.citizenhub.audit;

import org.apache.camel.builder.RouteBuilder;
import org.citizenhub.connectors.vault.AuditLog;
import org.citizenhub.operations.HubErrorHandling;
import org.springframework.stereotype.Component;

/**
 * The access log's routes: the citizen's disclosures for the portal
 * ({@code GET /api/portal/citizens/{personalId}/disclosures}), the operations' check of the chain
 * ({@code GET /api/operations/audit/verify}) and the periodic signed checkpoint of the head
 * ({@code audit-checkpoint}).
 */
@Component
public class AuditRoutes extends RouteBuilder {

    @Override
    public void configure() {
        rest("/api/portal").id("portal-disclosure-rest")
                .get("/citizens/{personalId}/disclosures").id("portal-disclosure-rest-list").produces("application/json")
                .to("direct:portal-disclosure-list");

        rest("/api/operations/audit").id("operations-audit-rest")
                .get("/verify").id("operations-audit-rest-verify").produces("application/json")
                .to("direct:audit-verify");

        from("direct:portal-disclosure-list").routeId("portal-disclosure-list")
                .routeConfigurationId(HubErrorHandling.REQUEST_REPLY_ID)
                .setBody(method(DisclosureApi.class, "forCitizen(${header.personalId})"))
                .to("direct:portal-answer");

        from("direct:audit-verify").routeId("audit-verify")
                .routeConfigurationId(HubErrorHandling.REQUEST_REPLY_ID)
                .setBody(method(DisclosureApi.class, "verify"))
                .log("Access log verified: ${body.body.intact()}, ${body.body.checked()} entries checked")
                .to("direct:portal-answer");

        from("timer:audit-checkpoint?period={{citizenhub.audit.checkpoint-interval}}&delay={{citizenhub.audit.checkpoint-interval}}")
                .routeId("audit-checkpoint")
                .routeConfigurationId(HubErrorHandling.POLL_ID)
                .bean(AuditLog.class, "checkpoint");
    }
}
