package org.citizenhub.identity;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.citizenhub.connectors.vault.VaultJson;
import org.citizenhub.mappings.citizen.SurvivorshipRules.InvalidSurvivorshipRulesException;
import org.citizenhub.operations.HubErrorHandling;
import org.springframework.stereotype.Component;

/**
 * Operations' REST calls for identity resolution:
 * {@code POST /api/operations/survivorship/rerun?dryRun=true|false&offset=0&limit=100} (JSON: counts
 * over the vault and one page of the field changes; dryRun defaults to true) and
 * {@code GET /api/operations/identity/summary} (per source system: linked, review, new citizen).
 */
@Component
public class IdentityOperationsRoutes extends RouteBuilder {

    @Override
    public void configure() {
        rest("/api/operations/survivorship").id("survivorship-rest")
                .post("/rerun").id("survivorship-rest-rerun").produces("application/json").to("direct:survivorship-rerun");
        rest("/api/operations/identity").id("identity-operations-rest")
                .get("/summary").id("identity-rest-summary").produces("application/json").to("direct:identity-summary");

        from("direct:survivorship-rerun").routeId("survivorship-rerun")
                .routeConfigurationId(HubErrorHandling.REQUEST_REPLY_ID)
                .doTry()
                    .setBody(method(SurvivorshipRerun.class, "request(${header.dryRun}, ${header.offset}, ${header.limit})"))
                    .to("direct:identity-json")
                .doCatch(InvalidSurvivorshipRulesException.class)
                    .setProperty("status", constant(422)).to("direct:identity-refusal")
                .doCatch(SurvivorshipRerun.AlreadyRunning.class)
                    .setProperty("status", constant(409)).to("direct:identity-refusal")
                .doCatch(IllegalArgumentException.class)
                    .setProperty("status", constant(400)).to("direct:identity-refusal")
                .end();

        from("direct:identity-summary").routeId("identity-summary")
                .routeConfigurationId(HubErrorHandling.REQUEST_REPLY_ID)
                .setBody(method(IdentitySummary.class, "summary"))
                .to("direct:identity-json");

        from("direct:identity-json").routeId("identity-json")
                .removeHeaders("*")
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                .bean(VaultJson.class, "write");

        from("direct:identity-refusal").routeId("identity-refusal")
                .removeHeaders("*")
                .setHeader(Exchange.HTTP_RESPONSE_CODE, exchangeProperty("status"))
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                .setBody(method(SurvivorshipRerun.class, "refusal(${exception.message})"))
                .bean(VaultJson.class, "write");
    }
}
