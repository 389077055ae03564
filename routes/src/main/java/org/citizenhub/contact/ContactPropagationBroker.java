package org.citizenhub.contact;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.citizenhub.events.CitizenEventPublisher;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The queues of contact propagation on the embedded broker ({@code config/broker/broker.xml} declares the
 * same on an external one):
 * <ul>
 *   <li>{@value #PROPAGATION_QUEUE}: a durable subscription queue on the {@code citizen.changed} address,
 *       declared with the broker, so that no event is missed while the hub is down or starting;</li>
 *   <li>{@value #UPDATES_QUEUE}: one message per contact update to send (duplicate detection by request id).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class ContactPropagationBroker {

    public static final String PROPAGATION_QUEUE = "hub.contact-propagation";
    public static final String UPDATES_QUEUE = "hub.contact-updates";
    /** The subscription queue by its fully qualified name (address::queue), as JMS consumers and the replay use it. */
    public static final String PROPAGATION_FQQN = CitizenEventPublisher.TOPIC + "::" + PROPAGATION_QUEUE;

    @Bean
    ArtemisConfigurationCustomizer contactPropagationQueues() {
        return configuration -> {
            CoreAddressConfiguration events = configuration.getAddressConfigurations().stream()
                    .filter(a -> a.getName().equals(CitizenEventPublisher.TOPIC)).findFirst()
                    .orElseGet(() -> {
                        CoreAddressConfiguration created = new CoreAddressConfiguration()
                                .setName(CitizenEventPublisher.TOPIC).addRoutingType(RoutingType.MULTICAST);
                        configuration.addAddressConfiguration(created);
                        return created;
                    });
            events.addQueueConfiguration(QueueConfiguration.of(PROPAGATION_QUEUE).setAddress(CitizenEventPublisher.TOPIC)
                    .setRoutingType(RoutingType.MULTICAST).setDurable(true));
            configuration.addAddressConfiguration(new CoreAddressConfiguration().setName(UPDATES_QUEUE)
                    .addRoutingType(RoutingType.ANYCAST)
                    .addQueueConfiguration(QueueConfiguration.of(UPDATES_QUEUE).setAddress(UPDATES_QUEUE)
                            .setRoutingType(RoutingType.ANYCAST).setDurable(true)));
        };
    }
}
