package org.citizenhub.sandbox.health;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Failures to inject on purpose, for tests and demos of "the health-record server misbehaves".
 * A fault applies to every request until {@link #clear()}, or to the next {@code n} requests. Being
 * down altogether is {@link FhirSimulator#stop()}.
 */
public final class SimulatorFaults {

    public enum Fault {
        /** 500 with an OperationOutcome. */
        SERVER_ERROR,
        /** 503 with Retry-After, as a server in maintenance answers. */
        UNAVAILABLE,
        /** 200 with an HTML page, as a misconfigured proxy or login page answers. */
        HTML_PAGE,
        /** 200 with a FHIR content type and a body cut in the middle. */
        INVALID_JSON,
        /** The request is held for {@link #slowDelay()} (or until cleared) before it is served. */
        SLOW
    }

    private volatile Fault fault;
    private final AtomicInteger remaining = new AtomicInteger();
    private volatile Duration slowDelay = Duration.ofSeconds(30);
    private volatile CountDownLatch release = new CountDownLatch(1);

    /** Every request fails until {@link #clear()}. */
    public void failAll(Fault fault) {
        remaining.set(-1);
        this.fault = fault;
    }

    /** The next {@code requests} requests fail, then the server is healthy again. */
    public void failNext(Fault fault, int requests) {
        remaining.set(requests);
        this.fault = fault;
    }

    /** Every request is held for {@code delay} before it is served, until {@link #clear()}. */
    public void slow(Duration delay) {
        slowDelay = delay;
        failAll(Fault.SLOW);
    }

    /** Back to normal; requests held by {@link Fault#SLOW} go on at once. */
    public void clear() {
        fault = null;
        CountDownLatch held = release;
        release = new CountDownLatch(1);
        held.countDown();
    }

    Duration slowDelay() {
        return slowDelay;
    }

    CountDownLatch release() {
        return release;
    }

    /** The fault for the request now arriving, if any. */
    Optional<Fault> next() {
        Fault current = fault;
        if (current == null) {
            return Optional.empty();
        }
        int left = remaining.get();
        if (left == -1) {
            return Optional.of(current);
        }
        while (left > 0) {
            if (remaining.compareAndSet(left, left - 1)) {
                if (left == 1) {
                    fault = null;
                }
                return Optional.of(current);
            }
            left = remaining.get();
        }
        return Optional.empty();
    }
}
