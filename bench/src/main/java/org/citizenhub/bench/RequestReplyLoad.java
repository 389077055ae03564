package org.citizenhub.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Predicate;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

/** Request/reply load over Artemis from several client threads: throughput and latency percentiles. */
final class RequestReplyLoad {

    private RequestReplyLoad() {
    }

    record Result(double perSecond, double p50Millis, double p99Millis, int failures) {
    }

    /** Opens one client (its own connection and session). */
    interface ClientFactory {
        Client open() throws Exception;
    }

    interface Client extends AutoCloseable {
        String ask(String body) throws Exception;
    }

    static void printHeader(String title) {
        System.out.printf("%n%-40s %12s %10s %10s%n", title, "requests/s", "p50 ms", "p99 ms");
    }

    static void print(String name, Result r) {
        System.out.printf("%-40s %12.0f %10.2f %10.2f%s%n", name, r.perSecond(), r.p50Millis(), r.p99Millis(),
                r.failures() == 0 ? "" : "   (" + r.failures() + " unexpected answers)");
    }

    /** {@code requests} request/replies spread over {@code clients} threads; {@code ok} judges each answer. */
    static Result measure(ClientFactory clientFactory, IntFunction<String> request, Predicate<String> ok, int requests,
                          int clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        long[] latencies = new long[requests];
        long started = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            done.add(pool.submit(() -> {
                try (Client client = clientFactory.open()) {
                    int i;
                    while ((i = next.getAndIncrement()) < requests) {
                        long t0 = System.nanoTime();
                        String answer = client.ask(request.apply(i));
                        latencies[i] = System.nanoTime() - t0;
                        if (!ok.test(answer)) {
                            failures.incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        Arrays.sort(latencies);
        return new Result(requests / seconds, latencies[requests / 2] / 1e6, latencies[(int) (requests * 0.99)] / 1e6,
                failures.get());
    }

    /** A client that names a temporary queue of its own as JMSReplyTo (the hub's internal lookup, the echo). */
    static ClientFactory temporaryReplies(ConnectionFactory factory, String user, String password, String queue) {
        return () -> new Client() {
            private final Connection connection = factory.createConnection(user, password);
            private final Session session;
            private final MessageProducer producer;
            private final Queue replies;
            private final MessageConsumer consumer;

            {
                connection.start();
                session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                producer = session.createProducer(session.createQueue(queue));
                replies = session.createTemporaryQueue();
                consumer = session.createConsumer(replies);
            }

            @Override
            public String ask(String body) throws Exception {
                TextMessage message = session.createTextMessage(body);
                message.setJMSReplyTo(replies);
                producer.send(message);
                return text(consumer.receive(30_000));
            }

            @Override
            public void close() throws Exception {
                connection.close();
            }
        };
    }

    /**
     * An agency's client: sends to {@code hub.agency.<agency>.requests} and reads its answers from
     * {@code hub.agency.<agency>.replies}, selected by a correlation ID unique to this client.
     */
    static ClientFactory agencyQueues(ConnectionFactory factory, String agency, String password) {
        return () -> new Client() {
            private final Connection connection = factory.createConnection(agency, password);
            private final String prefix = UUID.randomUUID() + "-";
            private final Session session;
            private final MessageProducer producer;
            private final MessageConsumer consumer;
            private long sequence;

            {
                connection.start();
                session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                producer = session.createProducer(session.createQueue("hub.agency." + agency + ".requests"));
                consumer = session.createConsumer(session.createQueue("hub.agency." + agency + ".replies"),
                        "JMSCorrelationID LIKE '" + prefix + "%'");
            }

            @Override
            public String ask(String body) throws Exception {
                TextMessage message = session.createTextMessage(body);
                message.setJMSCorrelationID(prefix + (sequence++));
                producer.send(message);
                return text(consumer.receive(30_000));
            }

            @Override
            public void close() throws Exception {
                connection.close();
            }
        };
    }

    private static String text(Message reply) throws Exception {
        if (reply == null) {
            throw new IllegalStateException("no reply within 30 s");
        }
        return ((TextMessage) reply).getText();
    }
}
