package org.citizenhub.sandbox.agency;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * An agency's side of the hub, as an example and a smoke test. The agency connects with its own account,
 * sends a JSON request (contract: {@code contracts/agency-request.schema.json}) to
 * {@code hub.agency.<agency>.requests} with a JMSCorrelationID of its choosing, and reads the answer
 * with that correlation ID from {@code hub.agency.<agency>.replies} — the only queues it may use.
 */
public final class AgencyClient implements AutoCloseable {

    private final ActiveMQConnectionFactory factory;
    private final Connection connection;
    private final Session session;
    private final String agency;

    private AgencyClient(ActiveMQConnectionFactory factory, Connection connection, String agency) throws JMSException {
        this.factory = factory;
        this.connection = connection;
        this.agency = agency;
        this.session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        connection.start();
    }

    /** Connects as {@code agency} with its password. */
    public static AgencyClient connect(String brokerUrl, String agency, String password) throws JMSException {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(brokerUrl);
        try {
            return new AgencyClient(factory, factory.createConnection(agency, password), agency);
        } catch (JMSException | RuntimeException e) {
            factory.close();
            throw e;
        }
    }

    /** Sends one request and returns the hub's JSON answer, or throws if none comes within the timeout. */
    public String request(String json, long timeoutMillis) throws JMSException {
        String correlationId = UUID.randomUUID().toString();
        TextMessage request = session.createTextMessage(json);
        request.setJMSCorrelationID(correlationId);
        session.createProducer(session.createQueue("hub.agency." + agency + ".requests")).send(request);
        try (MessageConsumer replies = session.createConsumer(session.createQueue("hub.agency." + agency + ".replies"),
                "JMSCorrelationID = '" + correlationId + "'")) {
            Message reply = replies.receive(timeoutMillis);
            if (reply == null) {
                throw new IllegalStateException("no answer from the hub within " + timeoutMillis + " ms");
            }
            return ((TextMessage) reply).getText();
        }
    }

    /** Reads the next change event of this agency, or null if none comes within the timeout. */
    public String nextEvent(long timeoutMillis) throws JMSException {
        try (MessageConsumer events = session.createConsumer(session.createQueue("hub.agency." + agency + ".events"))) {
            Message event = events.receive(timeoutMillis);
            return event == null ? null : ((TextMessage) event).getText();
        }
    }

    public Session session() {
        return session;
    }

    @Override
    public void close() throws JMSException {
        try {
            connection.close();
        } finally {
            factory.close();
        }
    }

    /** {@code agency-request --agency ID --password P --request JSON [--broker tcp://127.0.0.1:61616]} */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        if (!options.containsKey("--agency") || !options.containsKey("--password") || !options.containsKey("--request")) {
            System.err.println("usage: agency-request --agency ID --password P --request JSON [--broker tcp://127.0.0.1:61616]");
            System.exit(2);
        }
        try (AgencyClient client = connect(options.getOrDefault("--broker", "tcp://127.0.0.1:61616"),
                options.get("--agency"), options.get("--password"))) {
            System.out.println(client.request(options.get("--request"), 10_000));
        }
    }
}
