package org.citizenhub.contact;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.citizenhub.connectors.vault.VaultJson;
import org.citizenhub.operations.HubErrorHandling;
import org.springframework.stereotype.Component;

/**
 * Declare once: a golden record's new address or contact reaches the systems that keep a copy.
 *
 * <ul>
 *   <li>{@code contact-propagation}: consumes {@code citizen.changed} through its own queue (a broker
 *       divert copies every event there) and queues one update per target record on {@code hub.contact-updates}
 *       (broker duplicate detection by request id, so a redelivered event queues nothing twice);</li>
 *   <li>{@code contact-update-send}: sends each update with its stable request id, once: refusals
 *       (404, 409, 422) are parked at once with the reason, server errors and timeouts retried, then
 *       parked; parked updates are replayed with the dead-letter replay.</li>
 * </ul>
 */
@Component
public class ContactPropagationRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("jms:queue:" + ContactPropagationBroker.PROPAGATION_QUEUE).routeId("contact-propagation")
                .routeConfigurationId(HubErrorHandling.ID)
                .convertBodyTo(String.class)
                .bean(ContactPropagation.class, "plan")
                .split(body())
                    .setHeader("_AMQ_DUPL_ID", simple("${body.requestId}"))
                    .bean(VaultJson.class, "write")
                    .to("jms:queue:" + ContactPropagationBroker.UPDATES_QUEUE)
                .end();

        from("jms:queue:" + ContactPropagationBroker.UPDATES_QUEUE).routeId("contact-update-send")
                .routeConfigurationId(HubErrorHandling.ID)
                .convertBodyTo(String.class)
                .bean(ContactUpdateSender.class, "read")
                .setProperty("order", body())
                .filter(method(ContactUpdateSender.class, "notYetSent"))
                    .to("direct:contact-update-put")
                    .bean(ContactUpdateSender.class, "confirm(${exchangeProperty.order}, ${header.CamelHttpResponseCode})")
                .end();

        // One attempt at the target; a failure belongs to contact-update-send, which retries this whole step.
        from("direct:contact-update-put").routeId("contact-update-put")
                .errorHandler(noErrorHandler())
                // nothing of the incoming message goes out as an HTTP header; the redelivery count stays
                .removeHeaders("*", "CamelRedeliver*")
                .setProperty("request", method(ContactUpdateSender.class, "request(${exchangeProperty.order})"))
                .setBody(simple("${exchangeProperty.request.body}"))
                .setHeader(Exchange.HTTP_METHOD, constant("PUT"))
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                .setHeader(Exchange.HTTP_PATH, simple("${exchangeProperty.request.path}"))
                .bean(ContactUpdateSender.class, "addRequestId(${exchangeProperty.request}, ${headers})")
                .toD("${exchangeProperty.request.endpoint}")
                .bean(ContactUpdateSender.class, "checkAnswer(${exchangeProperty.order}, ${header.CamelHttpResponseCode})");
    }
}
