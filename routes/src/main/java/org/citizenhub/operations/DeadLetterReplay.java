package org.citizenhub.operations;

import java.util.Enumeration;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * Moves parked messages back to the queue they came from ({@code hubReplayTo}), once the cause is
 * fixed. The hub applies every change at most once, so replaying is safe. Messages without a replay
 * destination stay parked.
 */
@Component
public class DeadLetterReplay {

    private final JmsTemplate jms;
    private final ErrorHandlingProperties properties;

    public DeadLetterReplay(JmsTemplate jmsTemplate, ErrorHandlingProperties properties) {
        this.jms = new JmsTemplate(jmsTemplate.getConnectionFactory());
        this.jms.setReceiveTimeout(200);
        this.jms.setSessionTransacted(true);
        this.properties = properties;
    }

    /** Replays every replayable parked message; returns how many were moved. */
    public int replayAll() {
        int moved = 0;
        while (jms.execute(session -> {
            var consumer = session.createConsumer(session.createQueue(properties.deadLetterQueue()),
                    HubErrorHandling.REPLAY_TO + " IS NOT NULL");
            try {
                Message parked = consumer.receive(200);
                if (parked == null) {
                    return false;
                }
                var producer = session.createProducer(session.createQueue(parked.getStringProperty(HubErrorHandling.REPLAY_TO)));
                Message copy = copyWithoutFailureHeaders(session, parked);
                producer.send(copy);
                producer.close();
                session.commit();
                return true;
            } finally {
                consumer.close();
            }
        }, true)) {
            moved++;
        }
        return moved;
    }

    private static Message copyWithoutFailureHeaders(jakarta.jms.Session session, Message parked) throws JMSException {
        Message copy = session.createTextMessage(parked.getBody(String.class));
        for (Enumeration<?> names = parked.getPropertyNames(); names.hasMoreElements(); ) {
            String name = (String) names.nextElement();
            if (!name.startsWith("hub") && !name.startsWith("JMS") && !name.startsWith("_AMQ")) {
                copy.setObjectProperty(name, parked.getObjectProperty(name));
            }
        }
        return copy;
    }
}
