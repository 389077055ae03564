package org.citizenhub.population;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.citizenhub.connectors.vault.VaultChange;

/**
 * The initial load in three stages that overlap: while the route fetches and reads page N+1, one
 * thread stores page N in the vault (and advances the stored position), and another publishes the
 * events of page N-1. Each stage keeps the order of the pages, and at most one page waits in each,
 * so memory stays bounded.
 *
 * <p>Nothing changes in what is guaranteed: a page's events are published (one JMS transaction per
 * page) only after its vault transaction and its stored position committed, as before; the position
 * only moves past a page that is stored, so a crash resumes there. A failure in a stage stops the
 * pipeline: every later hand-over and {@link #finish()} throw it, until {@link #reset()} at the
 * next attempt of the load. A page already stored when an earlier page's publication failed still
 * has its own events published (as when the route resumed after that page before); only the failed
 * page's events are missing, as they were when its publication failed after its retries.
 */
final class InitialLoadPipeline implements AutoCloseable {

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final ExecutorService storing = Executors.newSingleThreadExecutor(daemon("population-load-store"));
    private final ExecutorService publishing = Executors.newSingleThreadExecutor(daemon("population-load-publish"));
    /** The last page handed over: stored, and published. */
    private CompletableFuture<Void> stored = DONE;
    private CompletableFuture<Void> published = DONE;
    /** The first failure of a page since the last reset (set from the stages' threads, so no lock). */
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    /** Throws the failure of a page handed over earlier, without waiting for the pages in flight. */
    void checkFailure() {
        Throwable first = failure.get();
        if (first != null) {
            throw rethrowable(first);
        }
    }

    /**
     * Hands the next page over once the previous page is stored and the one before it published;
     * throws the failure of an earlier page instead.
     */
    synchronized void submit(Supplier<List<VaultChange>> store, Consumer<List<VaultChange>> publish) {
        checkFailure();
        join(stored);
        checkFailure();
        CompletableFuture<Void> publishedBefore = published;
        CompletableFuture<List<VaultChange>> changes = CompletableFuture.supplyAsync(store, storing);
        changes.whenComplete((c, e) -> record(e));
        stored = changes.thenApply(c -> null);
        // after the previous page's publication (one page at a time, in order), whether it succeeded or not
        published = changes.thenCombine(publishedBefore.exceptionally(e -> null), (c, previous) -> c)
                .thenAcceptAsync(publish, publishing);
        published.whenComplete((x, e) -> record(e));
    }

    /** Waits until every page handed over is stored and published; throws the first failure. */
    synchronized void finish() {
        awaitAll();
        checkFailure();
    }

    /** Waits for what is still in flight (failed or not) and starts empty: a new attempt of the load. */
    synchronized void reset() {
        awaitAll(); // a failure of the earlier attempt was reported then; this one resumes from the stored position
        stored = DONE;
        published = DONE;
        failure.set(null);
    }

    private void awaitAll() {
        stored.handle((x, e) -> null).join();
        published.handle((x, e) -> null).join();
    }

    private void record(Throwable e) {
        if (e != null) {
            failure.compareAndSet(null, e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        storing.shutdown();
        publishing.shutdown();
        storing.awaitTermination(30, TimeUnit.SECONDS);
        publishing.awaitTermination(30, TimeUnit.SECONDS);
    }

    private static void join(CompletableFuture<?> future) {
        try {
            future.join();
        } catch (CompletionException e) {
            throw rethrowable(e.getCause() == null ? e : e.getCause());
        }
    }

    private static RuntimeException rethrowable(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException("initial load page failed", cause);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
