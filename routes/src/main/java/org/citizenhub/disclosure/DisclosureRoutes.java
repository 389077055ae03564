package org.citizenhub.disclosure;

import jakarta.jms.JMSException;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jms.JmsMessage;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.citizenhub.connectors.vault.VaultJson;
import org.citizenhub.mappings.disclosure.Catalogue;
import org.citizenhub.mappings.disclosure.Catalogue.Agency;
import org.citizenhub.operations.HubErrorHandling;
import org.citizenhub.operations.SecurityConfiguration;
import org.springframework.stereotype.Component;

/**
 * Agencies' and the portal's requests (pre-fill, lookup for a purpose) and their change events.
 * <ul>
 *   <li>JMS: each agency sends to {@code hub.agency.<id>.requests}; the answer always goes to
 *       {@code hub.agency.<id>.replies} (whatever JMSReplyTo says) with the request's JMSCorrelationID,
 *       or its JMSMessageID when it has none. The caller is the broker-validated user (JMSXUserID).</li>
 *   <li>REST: {@code POST /api/agency/requests}, the same JSON; the caller is the authenticated account.</li>
 *   <li>Events: each {@code citizen.changed} becomes, for each agency that may receive some of the changed
 *       categories with the citizen's consent, a filtered event on {@code hub.agency.<id>.events}.</li>
 * </ul>
 */
@Component
public class DisclosureRoutes extends RouteBuilder {

    static final String CALLER = "hubCaller";

    private final Catalogue catalogue;

    public DisclosureRoutes(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public void configure() {
        for (Agency agency : catalogue.agencies().values()) {
            from("jms:queue:" + agency.requestQueue() + "?exchangePattern=InOut&replyTo=" + agency.replyQueue()
                    + "&concurrentConsumers={{citizenhub.disclosure.concurrent-consumers}}")
                    .routeId("agency-" + agency.id() + "-requests")
                    .routeConfigurationId(HubErrorHandling.REQUEST_REPLY_ID)
                    .process(DisclosureRoutes::brokerValidatedCaller)
                    .convertBodyTo(String.class)
                    .setBody(method(Disclosures.class, "answer(${exchangeProperty." + CALLER + "}, ${body}, 'JMS')"))
                    .removeHeaders("*", "JMSCorrelationID")
                    .setHeader("disclosureStatus", simple("${body.status}"))
                    .bean(VaultJson.class, "write");
        }

        rest("/api/agency").id("agency-rest")
                .post("/requests").id("agency-rest-request").consumes("application/json").produces("application/json")
                .to("direct:agency-rest-request");

        from("direct:agency-rest-request").routeId("agency-rest-request")
                .routeConfigurationId(HubErrorHandling.REQUEST_REPLY_ID)
                .process(DisclosureRoutes::authenticatedCaller)
                .convertBodyTo(String.class)
                .setBody(method(Disclosures.class, "answer(${exchangeProperty." + CALLER + "}, ${body}, 'REST')"))
                .removeHeaders("*")
                .setHeader(Exchange.HTTP_RESPONSE_CODE, simple("${body.httpStatus}"))
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                .bean(VaultJson.class, "write");

        from("jms:topic:citizen.changed?subscriptionDurable=true&subscriptionShared=true"
                + "&subscriptionName=hub.agency-events-subscription")
                .routeId("agency-events")
                .routeConfigurationId(HubErrorHandling.ID)
                .convertBodyTo(String.class)
                .split(method(AgencyEvents.class, "eventsFor"))
                    .setHeader("CamelJmsDestinationName", simple("${body.queue}"))
                    .setHeader("_AMQ_DUPL_ID", simple("${body.deduplicationId}"))
                    .setBody(simple("${body.event}"))
                    .bean(VaultJson.class, "write")
                    .to("jms:queue:hub.agency.events");
    }

    /** The caller of a JMS request: the user the broker authenticated, which it stamps on every message. */
    static void brokerValidatedCaller(Exchange exchange) throws JMSException {
        JmsMessage message = exchange.getIn(JmsMessage.class);
        String user = message == null || message.getJmsMessage() == null ? null
                : message.getJmsMessage().getStringProperty("JMSXUserID");
        exchange.setProperty(CALLER, user);
    }

    /** The caller of a REST request: the account Spring Security authenticated (see SecurityConfiguration). */
    static void authenticatedCaller(Exchange exchange) {
        PlatformHttpMessage message = exchange.getIn(PlatformHttpMessage.class);
        HttpServletRequest request = message == null ? null : message.getRequest();
        Object caller = request == null ? null : request.getAttribute(SecurityConfiguration.CALLER_ATTRIBUTE);
        exchange.setProperty(CALLER, caller instanceof String s ? s : null);
    }
}
