package org.citizenhub.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.camel.ProducerTemplate;
import org.citizenhub.connectors.vault.VaultStore;
import org.citizenhub.connectors.vault.VaultStore.SurvivorshipChange;
import org.citizenhub.connectors.vault.VaultStore.SurvivorshipRecompute;
import org.citizenhub.mappings.citizen.SurvivorshipRules;
import org.citizenhub.operations.JobProgress;
import org.citizenhub.operations.Jobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

/**
 * Recomputes every golden record under the survivorship rules of the rules file, read again now.
 * A dry-run lists what would change (citizen id, field, old source system → new one; never a value)
 * and writes nothing; a real run installs the rules, stores the changed golden records (versions go up
 * when a value changes) and publishes {@code citizen.changed} for them, batch by batch. Progress is
 * the job {@value #JOB} (log and metrics).
 */
@Component
public class SurvivorshipRerun {

    static final String JOB = "survivorship-rerun";
    private static final Logger LOG = LoggerFactory.getLogger(SurvivorshipRerun.class);
    private static final int BATCH = 500;
    private static final int MAX_LIMIT = 5000;
    private static final int ATTEMPTS = 5;

    private final VaultStore vault;
    private final SurvivorshipPolicy policy;
    private final ObjectProvider<ProducerTemplate> producer;
    private final JobProgress progress;
    private final ReentrantLock running = new ReentrantLock();

    public SurvivorshipRerun(VaultStore vault, SurvivorshipPolicy policy, ObjectProvider<ProducerTemplate> producer,
                             Jobs jobs) {
        this.vault = vault;
        this.policy = policy;
        this.producer = producer;
        this.progress = jobs.job(JOB, "citizens");
    }

    /** How many field changes go from one source system to another, for one field. */
    public record Transition(String field, String from, String to, long count) {
    }

    /**
     * The answer: counts over the whole vault, and the page {@code [offset, offset + limit)} of the
     * field changes in citizen-id order.
     */
    public record Result(boolean dryRun, String rules, String rulesInForce, long citizensExamined,
                         long citizensChanged, long fieldChanges, long valueChanges, long eventsPublished,
                         List<Transition> transitions, int offset, int limit, boolean more,
                         List<SurvivorshipChange> changes) {
    }

    /** Thrown when a re-run is asked for while one is running. */
    public static final class AlreadyRunning extends IllegalStateException {
        AlreadyRunning() {
            super("a survivorship re-run is already running");
        }
    }

    /** A REST request: dry-run unless {@code dryRun} is "false"; bad parameters are an IllegalArgumentException. */
    public Result request(String dryRun, String offset, String limit) {
        if (dryRun != null && !dryRun.trim().equalsIgnoreCase("true") && !dryRun.trim().equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("dryRun must be true or false");
        }
        boolean dry = dryRun == null || !dryRun.trim().equalsIgnoreCase("false");
        return run(dry, number(offset, 0, "offset"), number(limit, 100, "limit"));
    }

    /** The body of a refused request. */
    public static Map<String, String> refusal(String message) {
        return Map.of("status", "REFUSED", "error", message == null ? "" : message);
    }

    private static int number(String text, int otherwise, String name) {
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException(name + " must be a whole number, at least 0");
    }

    /** With the rules file as it is now. */
    public Result run(boolean dryRun, int offset, int limit) {
        return run(policy.read(), dryRun, offset, limit);
    }

    /** With the given rules (a real run installs them first, so that every later write keeps them). */
    public Result run(SurvivorshipRules rules, boolean dryRun, int offset, int limit) {
        int from = Math.max(0, offset);
        int size = Math.max(0, Math.min(limit, MAX_LIMIT));
        if (!running.tryLock()) {
            throw new AlreadyRunning();
        }
        try {
            if (!dryRun) {
                policy.install(rules);
            }
            progress.start((dryRun ? "dry-run" : "re-run") + " of survivorship under " + rules.describe());
            long examined = 0;
            long citizensChanged = 0;
            long fieldChanges = 0;
            long valueChanges = 0;
            long published = 0;
            Map<String, long[]> transitions = new TreeMap<>();
            List<SurvivorshipChange> page = new ArrayList<>();
            String after = null;
            while (true) {
                List<String> ids = vault.citizenIdsAfter(after, BATCH);
                if (ids.isEmpty()) {
                    break;
                }
                after = ids.get(ids.size() - 1);
                SurvivorshipRecompute batch = recompute(ids, rules, !dryRun);
                examined += batch.citizens();
                citizensChanged += batch.changes().stream().map(SurvivorshipChange::citizenId).distinct().count();
                for (SurvivorshipChange c : batch.changes()) {
                    if (fieldChanges >= from && page.size() < size) {
                        page.add(c);
                    }
                    fieldChanges++;
                    if (c.valueChanged()) {
                        valueChanges++;
                    }
                    transitions.computeIfAbsent(c.field() + "|" + c.from() + "|" + c.to(), k -> new long[1])[0]++;
                }
                if (!batch.applied().isEmpty()) {
                    producer.getObject().sendBody("direct:publish-citizen-changes", batch.applied());
                    published += batch.applied().size();
                }
                progress.advance(ids.size());
            }
            List<Transition> byTransition = transitions.entrySet().stream().map(e -> {
                String[] parts = e.getKey().split("\\|");
                return new Transition(parts[0], nullable(parts[1]), nullable(parts[2]), e.getValue()[0]);
            }).toList();
            progress.finish(String.format("%s: %d citizens examined, %d %s (%d fields, %d values), %d events published; %s",
                    dryRun ? "dry-run" : "applied", examined, citizensChanged, dryRun ? "would change" : "changed",
                    fieldChanges, valueChanges, published, byTransition.stream()
                            .map(t -> t.field() + " " + t.from() + "→" + t.to() + " " + t.count()).toList()));
            return new Result(dryRun, policy.location(), policy.current().describe(), examined, citizensChanged,
                    fieldChanges, valueChanges, published, byTransition, from, size, fieldChanges > from + page.size(),
                    page);
        } finally {
            running.unlock();
        }
    }

    /** One batch; a real run retries it when a concurrent write got there first. */
    private SurvivorshipRecompute recompute(List<String> ids, SurvivorshipRules rules, boolean apply) {
        for (int attempt = 1; ; attempt++) {
            try {
                return vault.recomputeSurvivorship(ids, rules, apply);
            } catch (OptimisticLockingFailureException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                LOG.debug("survivorship re-run: batch met a concurrent write, attempt {}", attempt + 1);
            }
        }
    }

    private static String nullable(String text) {
        return "null".equals(text) ? null : text;
    }
}
