package org.citizenhub.operations;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** Operations' REST calls: replay parked messages ({@code POST /api/operations/dead-letters/replay}). */
@Component
public class OperationsRoutes extends RouteBuilder {

    @Override
    public void configure() {
        rest("/api/operations").id("operations-rest")
                .post("/dead-letters/replay").id("operations-rest-replay").produces("text/plain")
                .to("direct:replay-dead-letters");

        from("direct:replay-dead-letters").routeId("dead-letter-replay")
                .routeConfigurationId(HubErrorHandling.REQUEST_REPLY_ID)
                .removeHeaders("*")
                .setBody(method(DeadLetterReplay.class, "replayAll"))
                .log("Replayed ${body} parked messages")
                .transform(simple("replayed ${body}\n"));
    }
}
