package org.citizenhub.operations;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** The long jobs of the hub, each with its progress log and metrics. */
@Component
public class Jobs {

    private final MeterRegistry meters;
    private final Map<String, JobProgress> jobs = new ConcurrentHashMap<>();
    private final Map<String, List<Runnable>> whenFinished = new ConcurrentHashMap<>();

    public Jobs(MeterRegistry meters) {
        this.meters = meters;
    }

    public JobProgress job(String name, String unit) {
        return jobs.computeIfAbsent(name, n -> {
            AtomicLong running = new AtomicLong();
            Gauge.builder("citizenhub.job.running", running, AtomicLong::get).tag("job", n).register(meters);
            Counter items = Counter.builder("citizenhub.job.items").tag("job", n).baseUnit(unit).register(meters);
            return new JobProgress(n, unit, items, running, () -> finished(n));
        });
    }

    /** Runs {@code action} each time the job finishes (after its log line); a failing action is logged, never thrown. */
    public void whenFinished(String name, Runnable action) {
        whenFinished.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>()).add(action);
    }

    private void finished(String name) {
        for (Runnable action : whenFinished.getOrDefault(name, List.of())) {
            try {
                action.run();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(Jobs.class).warn("{}: after-finish action failed: {}", name,
                        e.getClass().getName());
            }
        }
    }
}
