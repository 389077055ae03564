package org.citizenhub.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.activemq.artemis.api.core.management.ActiveMQServerControl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.camel.CamelContext;
import org.citizenhub.CitizenHubApplication;
import org.citizenhub.operations.JobProgress;
import org.citizenhub.operations.Jobs;
import org.citizenhub.population.PopulationIngest;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * The whole hub with its simulators for the school and utility benchmarks: a fresh data directory,
 * free ports, quiet logs except job progress, and the other slice switched off so it does not compete
 * for the cores being measured. The measured route is held until the population register's load has
 * settled (its job finished and its {@code citizen.changed} events consumed), so that the figure is
 * the slice's own work, not the tail of the load before it.
 */
final class SliceBenchHub implements AutoCloseable {

    private final Path dataDir;
    final ConfigurableApplicationContext context;

    private SliceBenchHub(Path dataDir, ConfigurableApplicationContext context) {
        this.dataDir = dataDir;
        this.context = context;
    }

    static SliceBenchHub start(int citizens, String... overrides) throws IOException {
        Path dataDir = Files.createTempDirectory("citizen-hub-bench");
        List<String> args = new ArrayList<>(List.of(
                "--citizenhub.data-dir=" + dataDir,
                "--citizenhub.sandbox.size=" + citizens,
                "--citizenhub.sandbox.population-port=" + freePort(),
                "--citizenhub.sandbox.school-port=" + freePort(),
                "--citizenhub.sandbox.utility-port=" + freePort(),
                "--citizenhub.broker.tcp-acceptor=",
                "--server.port=0",
                "--logging.level.root=WARN",
                "--logging.level.org.citizenhub.operations.JobProgress=INFO"));
        args.addAll(List.of(overrides));
        // command-line arguments, so that they win over application.yaml
        ConfigurableApplicationContext hub = new SpringApplicationBuilder(CitizenHubApplication.class).run(args.toArray(String[]::new));
        return new SliceBenchHub(dataDir, hub);
    }

    /** Stops the route to be measured (before it had anything to do: it waits for the register's load). */
    void hold(String routeId) throws Exception {
        bean(CamelContext.class).getRouteController().stopRoute(routeId);
    }

    /** Waits until the broker holds no messages (every event consumed) twice in a row, then starts the held route. */
    void release(String routeId) throws Exception {
        ActiveMQServerControl broker = bean(EmbeddedActiveMQ.class).getActiveMQServer().getActiveMQServerControl();
        int quiet = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (quiet < 2 && System.nanoTime() < deadline) {
            quiet = broker.getTotalMessageCount() == 0 ? quiet + 1 : 0;
            Thread.sleep(500);
        }
        System.out.printf(quiet >= 2 ? "register's events consumed; starting %s%n"
                : "register's events still queued after 10 minutes; starting %s anyway (the figure includes them)%n", routeId);
        bean(CamelContext.class).getRouteController().startRoute(routeId);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    JobProgress job(String name, String unit) {
        return bean(Jobs.class).job(name, unit);
    }

    boolean jobRunning(String name) {
        return bean(MeterRegistry.class).get("citizenhub.job.running").tag("job", name).gauge().value() > 0;
    }

    /** Waits for the population register's initial load and prints its figure (the slices link to it). */
    void awaitPopulation() throws InterruptedException {
        await(Duration.ofMinutes(30), () -> bean(PopulationIngest.class).changeFeedReady());
        JobProgress load = job("population-initial-load", "citizens");
        System.out.printf("population register loaded first: %,d citizens in %.1f s%n", load.done(), load.elapsedSeconds());
    }

    static void await(Duration atMost, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the hub did not get there within " + atMost);
            }
            Thread.sleep(200);
        }
    }

    @Override
    public void close() {
        context.close();
        FileSystemUtils.deleteRecursively(dataDir.toFile());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
