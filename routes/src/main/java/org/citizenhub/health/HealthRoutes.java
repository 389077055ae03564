package org.citizenhub.health;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;
import org.citizenhub.events.CitizenEventPublisher;
import org.citizenhub.operations.HubErrorHandling;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Health-record system (FHIR R4) ⇄ vault.
 *
 * <ul>
 *   <li>{@code health-patient-sync}: incremental sync of Patients, certificates and immunizations
 *       by {@code _lastUpdated}, every poll interval (the first as soon as the vault is ready);</li>
 *   <li>{@code health-subscription-register}: the hub's rest-hook Subscriptions, at start and now and
 *       again (idempotent);</li>
 *   <li>{@code health-subscription-callback}: the FHIR server's notifications
 *       ({@code POST|PUT /api/health/fhir-callback[/Type/id]}), checked against the shared secret
 *       (401/403) and queued on {@code hub.health.notifications}, so the server gets its answer at once;</li>
 *   <li>{@code health-notification-apply}: a queued notification syncs (empty) or stores its resource;</li>
 *   <li>{@code health-writeback-subscription}: the {@code citizen.changed} events that concern the health
 *       system, from a durable subscription onto {@code hub.health.writeback} (a queue, so a parked
 *       write-back can be replayed to the write-back alone);</li>
 *   <li>{@code health-patient-writeback}: address and phone changes written back to the linked Patients;</li>
 *   <li>{@code health-bundle-inbox}: transaction bundles dropped into the inbox folder.</li>
 * </ul>
 */
@Component
@ConditionalOnProperty(name = "citizenhub.health.enabled", havingValue = "true", matchIfMissing = true)
public class HealthRoutes extends RouteBuilder {

    private final HealthProperties properties;

    public HealthRoutes(HealthProperties properties) {
        this.properties = properties;
    }

    @Override
    public void configure() {
        // ticks every second; the sync runs when due: as soon as the vault is ready, then every poll interval
        from("timer:health-patient-sync?delay=1000&period=1000").routeId(HealthSync.ROUTE)
                .routeConfigurationId(HubErrorHandling.POLL_ID)
                .filter(method(HealthSync.class, "due"))
                .bean(HealthSync.class, "syncAll");

        if (properties.subscriptions().enabled()) {
            from("timer:health-subscription-register?delay=1000&period={{citizenhub.health.subscriptions.check-interval}}")
                    .routeId("health-subscription-register")
                    .routeConfigurationId(HubErrorHandling.POLL_ID)
                    .bean(HealthSubscriptions.class, "register");

            from("platform-http:" + HealthSubscriptions.CALLBACK_PATH + "?matchOnUriPrefix=true&httpMethodRestrict=POST,PUT")
                    .routeId("health-subscription-callback")
                    .routeConfigurationId(HubErrorHandling.REQUEST_REPLY_ID)
                    .setProperty("status", method(HealthSubscriptions.class,
                            "authorize(${header." + HealthSubscriptions.SECRET_HEADER + "})"))
                    .choice()
                        .when(simple("${exchangeProperty.status} == 200"))
                            .setHeader(HealthIngest.NOTIFICATION_PATH, header(Exchange.HTTP_URI))
                            .setHeader(HealthIngest.NOTIFICATION_CONTENT_TYPE, header(Exchange.CONTENT_TYPE))
                            .setBody(method(HealthSubscriptions.class, "queuedText"))
                            // nothing of the HTTP request (the secret above all) goes into the queue
                            .removeHeaders("*", HealthIngest.NOTIFICATION_PATH, HealthIngest.NOTIFICATION_CONTENT_TYPE)
                            .to(ExchangePattern.InOnly, "jms:queue:" + HealthIngest.NOTIFICATIONS_QUEUE)
                    .end()
                    .removeHeaders("*")
                    .setHeader(Exchange.HTTP_RESPONSE_CODE, exchangeProperty("status"))
                    .setBody(constant(""));
        }

        from("jms:queue:" + HealthIngest.NOTIFICATIONS_QUEUE).routeId("health-notification-apply")
                .routeConfigurationId(HubErrorHandling.ID)
                .convertBodyTo(String.class)
                .bean(HealthSubscriptions.class, "apply(${header." + HealthIngest.NOTIFICATION_PATH + "}, ${header."
                        + HealthIngest.NOTIFICATION_CONTENT_TYPE + "}, ${body})")
                .to("direct:publish-citizen-changes");

        if (properties.writeBack().enabled()) {
            // creations never concern the write-back (see HealthWriteBack.concerns): the broker keeps them
            // out of this subscription, which spares a message per new citizen during an initial load
            from("jms:topic:citizen.changed?subscriptionDurable=true&subscriptionShared=true"
                    + "&subscriptionName=hub.health.writeback-subscription"
                    + "&selector=RAW(" + CitizenEventPublisher.TYPE_PROPERTY + " IS NULL OR "
                    + CitizenEventPublisher.TYPE_PROPERTY + " <> 'CITIZEN_CREATED')")
                    .routeId("health-writeback-subscription")
                    .routeConfigurationId(HubErrorHandling.ID)
                    .convertBodyTo(String.class)
                    .filter(method(HealthWriteBack.class, "concerns"))
                    .to("jms:queue:hub.health.writeback");

            from("jms:queue:hub.health.writeback?concurrentConsumers={{citizenhub.health.write-back.consumers}}")
                    .routeId("health-patient-writeback")
                    .routeConfigurationId(HubErrorHandling.ID)
                    .convertBodyTo(String.class)
                    .bean(HealthWriteBack.class, "apply");
        }

        if (properties.inbox().enabled()) {
            from("file:{{citizenhub.health.inbox.folder}}?antInclude=*.json&readLock=changed&readLockCheckInterval=500"
                    + "&readLockMinAge=500&move=${exchangeProperty." + HealthBundleInbox.MOVE_TO + "}/${file:name}"
                    + "&moveFailed=" + HealthBundleInbox.FAILED_FOLDER)
                    .routeId("health-bundle-inbox")
                    .routeConfigurationId(HealthInboxErrorHandling.ID)
                    .setProperty(HealthBundleInbox.MOVE_TO, constant(HealthBundleInbox.DONE_FOLDER))
                    .bean(HealthBundleInbox.class, "ingest(${header.CamelFileAbsolutePath})")
                    .to("direct:publish-citizen-changes");
        }
    }
}
