package org.citizenhub.operations;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of a long job (an initial load, a bulk ingest): log lines with counts and rate at most
 * every few seconds, and metrics ({@code citizenhub_job_items_total}, {@code citizenhub_job_running}).
 * Logs carry counts only, never the data.
 */
public final class JobProgress {

    private static final Logger LOG = LoggerFactory.getLogger(JobProgress.class);
    private static final long LOG_EVERY_NANOS = Duration.ofSeconds(5).toNanos();

    private final String name;
    private final String unit;
    private final Counter items;
    private final AtomicLong running;
    private final Runnable onFinish;
    private long startedAt;
    private long lastLogAt;
    private long done;
    private long finishedAt;

    JobProgress(String name, String unit, Counter items, AtomicLong running, Runnable onFinish) {
        this.name = name;
        this.unit = unit;
        this.items = items;
        this.running = running;
        this.onFinish = onFinish;
    }

    public synchronized void start(String note) {
        startedAt = System.nanoTime();
        finishedAt = 0;
        lastLogAt = startedAt;
        done = 0;
        running.set(1);
        LOG.info("{}: {}", name, note);
    }

    public synchronized void advance(long count) {
        done += count;
        items.increment(count);
        long now = System.nanoTime();
        if (now - lastLogAt >= LOG_EVERY_NANOS) {
            lastLogAt = now;
            LOG.info("{}: {} {} so far ({}/s)", name, done, unit, rate(now));
        }
    }

    public void finish(String note) {
        synchronized (this) {
            long now = System.nanoTime();
            finishedAt = now;
            running.set(0);
            LOG.info("{}: done, {} {} in {} s ({}/s); {}", name, done, unit,
                    String.format("%.1f", (now - startedAt) / 1e9), rate(now), note);
        }
        onFinish.run();
    }

    public synchronized long done() {
        return done;
    }

    /** Seconds from start to now, or to the finish when finished. */
    public synchronized double elapsedSeconds() {
        return ((finishedAt > 0 ? finishedAt : System.nanoTime()) - startedAt) / 1e9;
    }

    private long rate(long now) {
        double seconds = Math.max(1e-9, (now - startedAt) / 1e9);
        return Math.round(done / seconds);
    }
}
