package org.citizenhub.events;

import java.util.List;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.MessageProducer;
import jakarta.jms.TextMessage;
import org.citizenhub.connectors.vault.VaultChange;
import org.citizenhub.operations.CachingDestinationResolver;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes the {@code citizen.changed} events of one vault batch in a single JMS transaction: one
 * broker round trip per batch instead of one blocking durable send per event, and a batch is
 * published whole or not at all.
 */
@Component
public class CitizenEventPublisher {

    public static final String TOPIC = "citizen.changed";
    /** Message property with the event's type, for the broker to filter on (see ContactPropagationBroker). */
    public static final String TYPE_PROPERTY = "eventType";

    private final JmsTemplate jms;
    private final CitizenEvents events;

    public CitizenEventPublisher(ConnectionFactory connectionFactory, CachingDestinationResolver destinations,
                                 CitizenEvents events) {
        this.jms = new JmsTemplate(connectionFactory);
        this.jms.setPubSubDomain(true);
        this.jms.setSessionTransacted(true);
        this.jms.setDestinationResolver(destinations);
        this.events = events;
    }

    /** Publishes one event per changed golden record; returns how many were published. */
    public int publish(List<VaultChange> changes) {
        if (changes.isEmpty()) {
            return 0;
        }
        jms.execute(session -> {
            MessageProducer producer = session.createProducer(
                    jms.getDestinationResolver().resolveDestinationName(session, TOPIC, true));
            try {
                for (VaultChange change : changes) {
                    TextMessage message = session.createTextMessage(events.changedEventJson(change));
                    message.setStringProperty("citizenId", change.golden().citizenId());
                    message.setStringProperty(TYPE_PROPERTY, CitizenEvents.type(change));
                    producer.send(message);
                }
                session.commit();
            } finally {
                producer.close();
            }
            return null;
        }, true);
        return changes.size();
    }
}
