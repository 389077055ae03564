package org.citizenhub.school;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.citizenhub.connectors.vault.VaultJson;
import org.citizenhub.operations.HubErrorHandling;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * School record system → vault → {@code citizen.changed}.
 *
 * <ul>
 *   <li>{@code school-term-file-ingest}: takes the term files the school system drops into the inbox,
 *       oldest first, once the population register is loaded, and stores them on
 *       {@code citizenhub.school.workers} threads (in delivery order where files name the same
 *       students); a file is ingested once per content
 *       (moved to {@code .done/}), refused whole when it is not a UTF-8 CSV term file (moved to
 *       {@code .failed/} with the reason in its delivery report and the log);</li>
 *   <li>REST for operations: {@code GET /api/citizens/{citizenId}/school-records},
 *       {@code GET /api/school/term-files}.</li>
 * </ul>
 * Guardian contacts go back to the school system through {@code contact-propagation}.
 */
@Component
@ConditionalOnProperty(name = "citizenhub.school.enabled", havingValue = "true", matchIfMissing = true)
public class SchoolRoutes extends RouteBuilder {

    private final int workers;

    public SchoolRoutes(SchoolProperties properties) {
        this.workers = properties.workers();
    }

    @Override
    public void configure() {
        // initialDelay=0: until its first poll Camel reports the file consumer, and so the hub's health, DOWN
        from("file:{{citizenhub.school.inbox}}?filter=#schoolInboxFilter&sortBy=file:modified&initialDelay=0"
                + "&readLock={{citizenhub.school.read-lock}}"
                + "&move=.done/${date:now:yyyyMMdd-HHmmssSSS}-${file:name}"
                + "&moveFailed=.failed/${date:now:yyyyMMdd-HHmmssSSS}-${file:name}")
                .routeId("school-term-file-ingest")
                .routeConfigurationId(HubErrorHandling.FILE_ID)
                .bean(SchoolIngest.class, "take(${header.CamelFileName}, ${header.CamelFileAbsolutePath}, "
                        + "${exchangeProperty.CamelBatchComplete}, ${exchange})")
                // a full queue makes the consumer store the file itself: the inbox is read no faster than it is stored
                .threads(workers, workers).maxQueueSize(workers).threadName("school-term-file-store")
                .bean(SchoolIngest.class, "store")
                .setBody(simple("${body.changes}"))
                .to("direct:publish-citizen-changes");

        rest("/api/citizens").id("school-citizen-rest")
                .get("/{citizenId}/school-records").id("school-citizen-rest-records").produces("application/json")
                .to("direct:rest-citizen-school-records");
        rest("/api/school").id("school-operations-rest")
                .get("/term-files").id("school-operations-rest-term-files").produces("application/json")
                .to("direct:rest-school-term-files");

        from("direct:rest-citizen-school-records").routeId("rest-citizen-school-records")
                .routeConfigurationId(HubErrorHandling.REQUEST_REPLY_ID)
                .setBody(method(SchoolRecords.class, "ofCitizen(${header.citizenId})"))
                .removeHeaders("*")
                .setHeader(Exchange.HTTP_RESPONSE_CODE, simple("${body.httpStatus}"))
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                .bean(VaultJson.class, "write");

        from("direct:rest-school-term-files").routeId("rest-school-term-files")
                .routeConfigurationId(HubErrorHandling.REQUEST_REPLY_ID)
                .setBody(method(SchoolRecords.class, "latestTermFiles"))
                .removeHeaders("*")
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                .bean(VaultJson.class, "write");
    }
}
