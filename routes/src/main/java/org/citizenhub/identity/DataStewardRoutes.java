package org.citizenhub.identity;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.citizenhub.connectors.vault.VaultJson;
import org.citizenhub.operations.HubErrorHandling;
import org.springframework.stereotype.Component;

/**
 * The data stewards' REST API over the review queue:
 * {@code GET /api/review}, {@code POST /api/review/{id}/accept|reject},
 * {@code POST /api/source-records/{sourceKey}/unmerge}, {@code GET /api/source-records/{sourceKey}/links}.
 * Merges and unmerges publish {@code citizen.changed} for every golden record they change.
 */
@Component
public class DataStewardRoutes extends RouteBuilder {

    @Override
    public void configure() {
        rest("/api").id("data-steward-rest")
                .get("/review").id("data-steward-rest-review").produces("application/json").to("direct:review-list")
                .post("/review/{id}/accept").id("data-steward-rest-accept").to("direct:review-accept")
                .post("/review/{id}/reject").id("data-steward-rest-reject").to("direct:review-reject")
                .post("/source-records/{sourceKey}/unmerge").id("data-steward-rest-unmerge").to("direct:source-unmerge")
                .get("/source-records/{sourceKey}/links").id("data-steward-rest-links").to("direct:source-links");

        from("direct:review-list").routeId("review-list").routeConfigurationId(HubErrorHandling.REQUEST_REPLY_ID)
                .setBody(method(DataSteward.class, "openReviews"))
                .to("direct:steward-json");

        from("direct:review-accept").routeId("review-accept").routeConfigurationId(HubErrorHandling.REQUEST_REPLY_ID)
                .setBody(method(DataSteward.class, "accept(${header.id})"))
                .to("direct:steward-outcome");

        from("direct:review-reject").routeId("review-reject").routeConfigurationId(HubErrorHandling.REQUEST_REPLY_ID)
                .setBody(method(DataSteward.class, "reject(${header.id})"))
                .to("direct:steward-outcome");

        from("direct:source-unmerge").routeId("source-unmerge").routeConfigurationId(HubErrorHandling.REQUEST_REPLY_ID)
                .setBody(method(DataSteward.class, "unmerge(${header.sourceKey})"))
                .to("direct:steward-outcome");

        from("direct:source-links").routeId("source-links").routeConfigurationId(HubErrorHandling.REQUEST_REPLY_ID)
                .setBody(method(DataSteward.class, "history(${header.sourceKey})"))
                .to("direct:steward-json");

        from("direct:steward-outcome").routeId("steward-outcome")
                .setProperty("outcome", body())
                .setBody(simple("${body.changes}"))
                .to("direct:publish-citizen-changes")
                .setBody(exchangeProperty("outcome"))
                .setHeader(Exchange.HTTP_RESPONSE_CODE, simple("${body.httpStatus}"))
                .setBody(simple("${body.result}"))
                .setHeader(Exchange.CONTENT_TYPE, constant("text/plain"));

        from("direct:steward-json").routeId("steward-json")
                .removeHeaders("*")
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                .bean(VaultJson.class, "write");
    }
}
