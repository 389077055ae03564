package org.citizenhub.contact;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.DivertConfiguration;
import org.apache.activemq.artemis.core.server.ComponentConfigurationRoutingType;
import org.citizenhub.events.CitizenEventPublisher;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The queues of contact propagation on the embedded broker ({@code config/broker/broker.xml} declares the
 * same on an external one):
 * <ul>
 *   <li>{@value #PROPAGATION_QUEUE}: a copy of every {@code citizen.changed} event but creations, made by a broker
 *       divert — declared with the broker, so no event is missed while the hub is down or starting, and
 *       a plain queue, so a parked event is replayed to contact propagation alone;</li>
 *   <li>{@value #UPDATES_QUEUE}: one message per contact update to send (duplicate detection by request id).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class ContactPropagationBroker {

    public static final String PROPAGATION_QUEUE = "hub.contact-propagation";
    public static final String UPDATES_QUEUE = "hub.contact-updates";
    /**
     * What the divert copies: every event except a golden record's creation, which contact propagation
     * ignores anyway (it propagates changes only). Skipping them at the broker spares a message per new
     * citizen (100,000 during an initial load); an event without the property is still copied.
     */
    public static final String DIVERT_FILTER = CitizenEventPublisher.TYPE_PROPERTY + " IS NULL OR "
            + CitizenEventPublisher.TYPE_PROPERTY + " <> 'CITIZEN_CREATED'";

    @Bean
    ArtemisConfigurationCustomizer contactPropagationQueues() {
        return configuration -> {
            for (String queue : new String[] {PROPAGATION_QUEUE, UPDATES_QUEUE}) {
                configuration.addAddressConfiguration(new CoreAddressConfiguration().setName(queue)
                        .addRoutingType(RoutingType.ANYCAST)
                        .addQueueConfiguration(QueueConfiguration.of(queue).setAddress(queue)
                                .setRoutingType(RoutingType.ANYCAST).setDurable(true)));
            }
            configuration.addDivertConfiguration(new DivertConfiguration()
                    .setName("citizen-changed-to-contact-propagation")
                    .setAddress(CitizenEventPublisher.TOPIC)
                    .setForwardingAddress(PROPAGATION_QUEUE)
                    .setFilterString(DIVERT_FILTER)
                    .setExclusive(false)
                    .setRoutingType(ComponentConfigurationRoutingType.ANYCAST));
        };
    }
}
