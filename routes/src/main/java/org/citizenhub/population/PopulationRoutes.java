package org.citizenhub.population;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.citizenhub.operations.HubErrorHandling;
import org.springframework.stereotype.Component;

/**
 * National population database → vault → {@code citizen.changed}.
 *
 * <ul>
 *   <li>{@code population-initial-load}: pages through the bulk extract once (resumes at the last
 *       stored page after a failure or restart);</li>
 *   <li>{@code population-change-feed}: polls change notifications and queues each on
 *       {@code hub.population.changes} (broker duplicate detection by change key);</li>
 *   <li>{@code population-change-apply}: looks the person up in the registry and applies the change
 *       once (the vault records the change key in the same transaction).</li>
 * </ul>
 */
@Component
public class PopulationRoutes extends RouteBuilder {

    private static final String HTTP_OPTIONS =
            "?connectTimeout={{citizenhub.population.connect-timeout}}&responseTimeout={{citizenhub.population.response-timeout}}";

    @Override
    public void configure() {
        from("timer:population-initial-load?delay=500&period=30000").routeId("population-initial-load")
                .routeConfigurationId(HubErrorHandling.POLL_ID)
                .filter(method(PopulationIngest.class, "initialLoadPending"))
                .setProperty("page", method(PopulationIngest.class, "initialLoadNextPage"))
                .setProperty("hasMore", constant(true))
                .loopDoWhile(exchangeProperty("hasMore"))
                    .removeHeaders("*")
                    .setHeader(Exchange.HTTP_METHOD, constant("GET"))
                    .setHeader(Exchange.HTTP_QUERY,
                            simple("page=${exchangeProperty.page}&size={{citizenhub.population.page-size}}"))
                    .to("{{citizenhub.population.base-url}}/population/citizens" + HTTP_OPTIONS)
                    // reads and maps the page, then hands it over: stored and its events published
                    // (direct:publish-citizen-changes) in page order while the next page is fetched
                    .bean(PopulationIngest.class, "loadExtractPage")
                    .setProperty("hasMore", simple("${body.hasMore}"))
                    .setProperty("page", simple("${body.nextPage}"))
                .end()
                .bean(PopulationIngest.class, "finishInitialLoad");

        from("timer:population-change-feed?delay=1000&period={{citizenhub.population.poll-interval}}")
                .routeId("population-change-feed")
                .routeConfigurationId(HubErrorHandling.POLL_ID)
                .filter(method(PopulationIngest.class, "changeFeedReady"))
                .setHeader(Exchange.HTTP_METHOD, constant("GET"))
                .setHeader(Exchange.HTTP_QUERY, simple("after=${bean:populationIngest.feedPosition}&limit=500"))
                .to("{{citizenhub.population.base-url}}/population/changes" + HTTP_OPTIONS)
                .bean(PopulationIngest.class, "readChangeFeed")
                .setProperty("notices", body())
                .split(body()).stopOnException()
                    .setHeader("_AMQ_DUPL_ID", simple("${body.changeKey}"))
                    .bean(PopulationIngest.class, "noticeJson")
                    .to("jms:queue:hub.population.changes")
                .end()
                .setBody(exchangeProperty("notices"))
                .bean(PopulationIngest.class, "saveFeedPosition");

        from("jms:queue:hub.population.changes").routeId("population-change-apply")
                .routeConfigurationId(HubErrorHandling.ID)
                .convertBodyTo(String.class)
                .bean(PopulationIngest.class, "readNotice")
                .setProperty("notice", body())
                .filter(method(PopulationIngest.class, "notYetApplied"))
                    .removeHeaders("*")
                    .setBody(method(PopulationIngest.class, "lookupRequest"))
                    .setHeader(Exchange.HTTP_METHOD, constant("POST"))
                    .setHeader(Exchange.CONTENT_TYPE, constant("application/xml"))
                    .to("{{citizenhub.population.base-url}}/population/lookup" + HTTP_OPTIONS)
                    .bean(PopulationIngest.class, "applyChange(${exchangeProperty.notice}, ${body})")
                    .to("direct:publish-citizen-changes")
                .end();
    }
}
