package org.citizenhub.bench;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.citizenhub.CitizenHubApplication;
import org.citizenhub.operations.JobProgress;
import org.citizenhub.operations.Jobs;
import org.citizenhub.population.PopulationIngest;
import org.citizenhub.sandbox.synthetic.Population;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * The hub's own figures, in one run on this machine:
 * <ol>
 *   <li>initial load: citizens per second through the whole route (registry simulator over HTTP → XML
 *       → mapping → vault → events), target ≥ 2,000/s for 100,000 citizens;</li>
 *   <li>JMS lookup: throughput and p50/p99 latency of {@code hub.agency.citizen-lookup}, beside a plain
 *       Artemis request/reply on the same broker with no hub logic (an echo of a same-sized answer);
 *       target ratio ≥ 0.5.</li>
 * </ol>
 */
final class HubBenchmark {

    private HubBenchmark() {
    }

    static void run(BenchOptions options) throws Exception {
        int citizens = options.integer("citizens", 100_000);
        int requests = options.integer("requests", 20_000);
        int clients = options.integer("clients", 8);
        Path dataDir = Files.createTempDirectory("citizen-hub-bench");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        System.out.printf("Citizen Hub benchmark: %d citizens, %d lookups from %d clients, %d cores%n",
                citizens, requests, clients, Runtime.getRuntime().availableProcessors());

        // command-line arguments, so that they win over application.yaml
        ConfigurableApplicationContext hub = new SpringApplicationBuilder(CitizenHubApplication.class).run(
                "--citizenhub.data-dir=" + dataDir,
                "--citizenhub.sandbox.size=" + citizens,
                "--citizenhub.sandbox.population-port=" + port,
                // the school and utility slices would compete for the cores measured here (they have benchmarks of their own)
                "--citizenhub.school.enabled=false",
                "--citizenhub.utility.enabled=false",
                "--server.port=0",
                "--logging.level.root=WARN",
                "--logging.level.org.citizenhub.operations.JobProgress=INFO");
        try {
            PopulationIngest ingest = hub.getBean(PopulationIngest.class);
            JobProgress load = hub.getBean(Jobs.class).job("population-initial-load", "citizens");
            while (!ingest.changeFeedReady()) {
                Thread.sleep(100);
            }
            double loadRate = load.done() / load.elapsedSeconds();
            System.out.printf("%ninitial load: %d citizens in %.1f s = %.0f citizens/s (target >= 2000/s)%n",
                    load.done(), load.elapsedSeconds(), loadRate);

            // a plain JMS client of the embedded broker (in-VM), the same for both services measured
            ConnectionFactory factory = new ActiveMQConnectionFactory("vm://0");
            List<String> ids = hub.getBean(Population.class).people().stream().map(p -> p.personalId()).toList();
            String sampleAnswer;
            try (LookupClient first = new LookupClient(factory, "hub.agency.citizen-lookup")) {
                sampleAnswer = first.ask(request(ids.get(0)));
            }

            try (EchoService echo = new EchoService(factory, "bench.echo", sampleAnswer, 4)) {
                measure(factory, "bench.echo", ids, Math.min(2_000, requests), clients); // warm-up
                measure(factory, "hub.agency.citizen-lookup", ids, Math.min(2_000, requests), clients);
                Result plain = measure(factory, "bench.echo", ids, requests, clients);
                Result lookup = measure(factory, "hub.agency.citizen-lookup", ids, requests, clients);
                System.out.printf("%n%-32s %12s %10s %10s%n", "request/reply over Artemis", "requests/s", "p50 ms", "p99 ms");
                print("plain broker (echo, no logic)", plain);
                print("hub citizen lookup", lookup);
                System.out.printf("ratio hub/plain throughput: %.2f (target >= 0.5)%n", lookup.perSecond() / plain.perSecond());
                if (lookup.failures() > 0) {
                    System.out.printf("lookups without a FOUND answer: %d%n", lookup.failures());
                }
            }
        } finally {
            hub.close();
            FileSystemUtils.deleteRecursively(dataDir);
        }
    }

    private static String request(String personalId) {
        return "{\"personalId\":\"" + personalId + "\"}";
    }

    private record Result(double perSecond, double p50Millis, double p99Millis, int failures) {
    }

    private static void print(String name, Result r) {
        System.out.printf("%-32s %12.0f %10.2f %10.2f%n", name, r.perSecond(), r.p50Millis(), r.p99Millis());
    }

    /** {@code requests} request/replies on {@code queue}, spread over {@code clients} threads. */
    private static Result measure(ConnectionFactory factory, String queue, List<String> ids, int requests, int clients)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        long[] latencies = new long[requests];
        long started = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            done.add(pool.submit(() -> {
                try (LookupClient client = new LookupClient(factory, queue)) {
                    int i;
                    while ((i = next.getAndIncrement()) < requests) {
                        long t0 = System.nanoTime();
                        String answer = client.ask(request(ids.get((int) ((i * 7919L) % ids.size()))));
                        latencies[i] = System.nanoTime() - t0;
                        if (!answer.contains("\"FOUND\"")) {
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

    /** One client: its own session, producer and temporary reply queue. */
    private static final class LookupClient implements AutoCloseable {
        private final Connection connection;
        private final Session session;
        private final MessageProducer producer;
        private final Queue replies;
        private final MessageConsumer consumer;

        LookupClient(ConnectionFactory factory, String queue) throws Exception {
            connection = factory.createConnection();
            connection.start();
            session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            producer = session.createProducer(session.createQueue(queue));
            replies = session.createTemporaryQueue();
            consumer = session.createConsumer(replies);
        }

        String ask(String body) throws Exception {
            TextMessage message = session.createTextMessage(body);
            message.setJMSReplyTo(replies);
            producer.send(message);
            Message reply = consumer.receive(30_000);
            if (reply == null) {
                throw new IllegalStateException("no reply within 30 s");
            }
            return ((TextMessage) reply).getText();
        }

        @Override
        public void close() throws Exception {
            connection.close();
        }
    }

    /** The plain broker's request/reply: consumers that answer every request with a fixed text. */
    private static final class EchoService implements AutoCloseable {
        private final List<Session> sessions = new ArrayList<>();
        private final Connection connection;

        EchoService(ConnectionFactory factory, String queue, String answer, int consumers) throws Exception {
            connection = factory.createConnection();
            for (int i = 0; i < consumers; i++) {
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer replier = session.createProducer(null);
                session.createConsumer(session.createQueue(queue)).setMessageListener(request -> {
                    try {
                        replier.send(request.getJMSReplyTo(), session.createTextMessage(answer));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                sessions.add(session);
            }
            connection.start();
        }

        @Override
        public void close() throws Exception {
            connection.close();
        }
    }
}
