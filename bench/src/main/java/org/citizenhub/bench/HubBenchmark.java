package org.citizenhub.bench;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Predicate;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
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

    private static final String HUB = "hub";

    private HubBenchmark() {
    }

    static void run(BenchOptions options) throws Exception {
        int citizens = options.integer("citizens", 100_000);
        int requests = options.integer("requests", 20_000);
        int clients = options.integer("clients", 8);
        Path dataDir = Files.createTempDirectory("citizen-hub-bench");
        String password = java.util.UUID.randomUUID().toString();
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
                // free ports and no TCP acceptor: other hubs may run on this machine at the same time
                "--citizenhub.sandbox.fhir-port=" + SliceBenchHub.freePort(),
                "--citizenhub.broker.tcp-acceptor=",
                "--citizenhub.broker.hub-password=" + password,
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

            // the health slice's first sync starts after the load; it would compete with the lookups measured next
            org.citizenhub.health.HealthSync health = hub.getBeanProvider(org.citizenhub.health.HealthSync.class).getIfAvailable();
            if (health != null) {
                SliceBenchHub.await(java.time.Duration.ofMinutes(30), health::firstSyncDone);
            }

            // a plain JMS client of the embedded broker (in-VM) with the hub's account, the same for both services measured
            ConnectionFactory factory = new ActiveMQConnectionFactory("vm://0");
            List<String> ids = hub.getBean(Population.class).people().stream().map(p -> p.personalId()).toList();
            IntFunction<String> lookupOf = i -> request(ids.get((int) ((i * 7919L) % ids.size())));
            RequestReplyLoad.ClientFactory hubLookup = RequestReplyLoad.temporaryReplies(factory, HUB, password, "hub.agency.citizen-lookup");
            RequestReplyLoad.ClientFactory plainEcho = RequestReplyLoad.temporaryReplies(factory, HUB, password, "bench.echo");
            String sampleAnswer;
            try (RequestReplyLoad.Client first = hubLookup.open()) {
                sampleAnswer = first.ask(request(ids.get(0)));
            }
            Predicate<String> found = answer -> answer.contains("\"FOUND\"");

            try (EchoService echo = new EchoService(factory, password, "bench.echo", sampleAnswer, 4)) {
                RequestReplyLoad.measure(plainEcho, lookupOf, found, Math.min(2_000, requests), clients); // warm-up
                RequestReplyLoad.measure(hubLookup, lookupOf, found, Math.min(2_000, requests), clients);
                RequestReplyLoad.Result plain = RequestReplyLoad.measure(plainEcho, lookupOf, found, requests, clients);
                RequestReplyLoad.Result lookup = RequestReplyLoad.measure(hubLookup, lookupOf, found, requests, clients);
                RequestReplyLoad.printHeader("request/reply over Artemis");
                RequestReplyLoad.print("plain broker (echo, no logic)", plain);
                RequestReplyLoad.print("hub citizen lookup", lookup);
                System.out.printf("ratio hub/plain throughput: %.2f (target >= 0.5)%n", lookup.perSecond() / plain.perSecond());
            }
        } finally {
            hub.close();
            FileSystemUtils.deleteRecursively(dataDir);
        }
    }

    private static String request(String personalId) {
        return "{\"personalId\":\"" + personalId + "\"}";
    }

    /** The plain broker's request/reply: consumers that answer every request with a fixed text. */
    private static final class EchoService implements AutoCloseable {
        private final List<Session> sessions = new ArrayList<>();
        private final Connection connection;

        EchoService(ConnectionFactory factory, String password, String queue, String answer, int consumers) throws Exception {
            connection = factory.createConnection(HUB, password);
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
