package org.citizenhub.sandbox.agency;

import java.util.Map;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * An agency's side of the citizen lookup, as an example and a smoke test: sends
 * {@code {"personalId": "..."}} to {@code hub.agency.citizen-lookup} with a temporary reply queue and
 * prints the hub's JSON answer. Contracts: {@code contracts/citizen-lookup-*.schema.json}.
 */
public final class AgencyLookupClient {

    private AgencyLookupClient() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        String personalId = options.get("--personal-id");
        if (personalId == null) {
            System.err.println("usage: agency-lookup --personal-id ID [--broker tcp://127.0.0.1:61616] [--user U --password P]");
            System.exit(2);
        }
        String broker = options.getOrDefault("--broker", "tcp://127.0.0.1:61616");
        System.out.println(lookup(broker, options.get("--user"), options.get("--password"), personalId));
    }

    /** Sends one lookup and returns the JSON answer. */
    public static String lookup(String brokerUrl, String user, String password, String personalId) throws Exception {
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(brokerUrl);
             Connection connection = user == null ? factory.createConnection() : factory.createConnection(user, password)) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = session.createTemporaryQueue();
            MessageProducer producer = session.createProducer(session.createQueue("hub.agency.citizen-lookup"));
            TextMessage request = session.createTextMessage("{\"personalId\": \"" + personalId.replaceAll("[^0-9 ]", "") + "\"}");
            request.setJMSReplyTo(replies);
            producer.send(request);
            Message reply = session.createConsumer(replies).receive(10_000);
            if (reply == null) {
                throw new IllegalStateException("no answer from the hub within 10 s");
            }
            return ((TextMessage) reply).getText();
        }
    }
}
