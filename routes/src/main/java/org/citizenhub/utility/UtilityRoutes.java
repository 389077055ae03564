package org.citizenhub.utility;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.citizenhub.connectors.vault.VaultJson;
import org.citizenhub.operations.HubErrorHandling;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Utility providers (electricity, water, sanitation) → vault → {@code citizen.changed}.
 *
 * <ul>
 *   <li>{@code utility-account-sync}: when a provider's sync is due, pages through its accounts from
 *       the stored position (holders linked in the vault, accounts kept), then reads every account's
 *       bills (valid ones kept by bill key, refused ones recorded with their reason);</li>
 *   <li>{@code utility-get}: one GET to a provider, its answer judged (retried by the calling route);</li>
 *   <li>REST for operations and the vault: {@code GET /api/citizens/{citizenId}/accounts}.</li>
 * </ul>
 * Account contacts go back to the providers through {@code contact-propagation}.
 */
@Component
@ConditionalOnProperty(name = "citizenhub.utility.enabled", havingValue = "true", matchIfMissing = true)
public class UtilityRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("timer:utility-account-sync?delay=1000&period={{citizenhub.utility.poll-interval}}")
                .routeId("utility-account-sync")
                .routeConfigurationId(HubErrorHandling.POLL_ID)
                .setBody(method(UtilitySync.class, "providersDue"))
                .filter(simple("${body.isEmpty()} == false"))
                    .setProperty("run", method(UtilitySync.class, "startSync(${body})"))
                    // 1. accounts, page by page, each provider from its stored position
                    .split(simple("${exchangeProperty.run.providers}"))
                        .setProperty("provider", body())
                        .setProperty("position", method(UtilitySync.class, "accountsPosition(${body})"))
                        .setProperty("hasMore", constant(true))
                        .loopDoWhile(exchangeProperty("hasMore"))
                            .setProperty("request", method(UtilitySync.class,
                                    "accountsRequest(${exchangeProperty.provider}, ${exchangeProperty.position})"))
                            .to("direct:utility-get")
                            .bean(UtilitySync.class, "storeAccountPage(${exchangeProperty.run}, ${exchangeProperty.provider}, ${body})")
                            .setProperty("hasMore", simple("${body.hasMore}"))
                            .setProperty("position", simple("${body.next}"))
                            .setBody(simple("${body.changes}"))
                            .to("direct:publish-citizen-changes")
                        .end()
                    .end()
                    .bean(UtilitySync.class, "accountsDone(${exchangeProperty.run})")
                    // 2. then every account's bills
                    .split(simple("${exchangeProperty.run.providers}"))
                        .setProperty("provider", body())
                        .split(method(UtilitySync.class, "billAccounts(${exchangeProperty.run}, ${exchangeProperty.provider})"))
                            .setProperty("customerCode", body())
                            .filter(method(UtilitySync.class, "readNextBills(${exchangeProperty.run}, ${exchangeProperty.provider})"))
                                .setProperty("request", method(UtilitySync.class,
                                        "billsRequest(${exchangeProperty.provider}, ${exchangeProperty.customerCode})"))
                                .to("direct:utility-get")
                                .bean(UtilitySync.class, "storeBills(${exchangeProperty.run}, ${exchangeProperty.provider}, "
                                        + "${exchangeProperty.customerCode}, ${body})")
                            .end()
                        .end()
                    .end()
                    .bean(UtilitySync.class, "syncDone(${exchangeProperty.run})")
                .end();

        // One GET; a failure belongs to the calling route, which retries this whole step.
        from("direct:utility-get").routeId("utility-get")
                .errorHandler(noErrorHandler())
                // nothing of the incoming message goes out as an HTTP header; the redelivery count stays
                .removeHeaders("*", "CamelRedeliver*")
                .setHeader(Exchange.HTTP_METHOD, constant("GET"))
                .setHeader(Exchange.HTTP_PATH, simple("${exchangeProperty.request.path}"))
                .setHeader(Exchange.HTTP_QUERY, simple("${exchangeProperty.request.query}"))
                .toD("${exchangeProperty.request.endpoint}")
                .bean(UtilitySync.class, "checkAnswer(${exchangeProperty.request}, ${header.CamelHttpResponseCode})");

        rest("/api/citizens").id("utility-citizen-rest")
                .get("/{citizenId}/accounts").id("utility-citizen-rest-accounts").produces("application/json")
                .to("direct:rest-citizen-accounts");

        from("direct:rest-citizen-accounts").routeId("rest-citizen-accounts")
                .routeConfigurationId(HubErrorHandling.REQUEST_REPLY_ID)
                .setBody(method(UtilityAccounts.class, "ofCitizen(${header.citizenId})"))
                .removeHeaders("*")
                .setHeader(Exchange.HTTP_RESPONSE_CODE, simple("${body.httpStatus}"))
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                .bean(VaultJson.class, "write");
    }
}
