package org.citizenhub.sandbox.health;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

/**
 * The simulator's database: every version of every resource, in memory, behind one lock. Versions
 * count from 1; {@code meta.lastUpdated} strictly increases across the whole repository (millisecond
 * steps), so a {@code _lastUpdated} watermark never sees two writes at the same instant. Readers get
 * copies, so nobody can change a stored version. Listeners hear about every committed write after
 * the lock is released (the subscription notifier is one).
 */
public final class ResourceRepository {

    private final Object lock = new Object();
    private final Map<String, Map<String, List<Resource>>> versionsByTypeAndId = new HashMap<>();
    private final Map<String, Long> nextIdByType = new HashMap<>();
    private final List<Consumer<List<Resource>>> listeners = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private Instant lastStamp = Instant.EPOCH;

    public ResourceRepository(Clock clock) {
        this.clock = clock;
    }

    /** Called with the stored resources of each committed write or transaction. */
    public void addListener(Consumer<List<Resource>> listener) {
        listeners.add(listener);
    }

    /** The current version. */
    public Optional<Resource> read(String type, String id) {
        synchronized (lock) {
            List<Resource> versions = versions(type).get(id);
            return versions == null ? Optional.empty() : Optional.of(versions.get(versions.size() - 1).copy());
        }
    }

    public Optional<Resource> vread(String type, String id, String version) {
        synchronized (lock) {
            List<Resource> versions = versions(type).get(id);
            if (versions == null) {
                return Optional.empty();
            }
            return versions.stream().filter(r -> r.getMeta().getVersionId().equals(version)).findFirst().map(Resource::copy);
        }
    }

    /** Current versions of the type that match, in order of last update (then id). */
    public List<Resource> search(String type, Predicate<Resource> filter) {
        synchronized (lock) {
            List<Resource> result = new ArrayList<>();
            for (List<Resource> versions : versions(type).values()) {
                Resource current = versions.get(versions.size() - 1);
                if (filter.test(current)) {
                    result.add(current.copy());
                }
            }
            result.sort(Comparator.comparing((Resource r) -> r.getMeta().getLastUpdated())
                    .thenComparing(r -> r.getIdElement().getIdPart()));
            return result;
        }
    }

    public int count(String type) {
        synchronized (lock) {
            return versions(type).size();
        }
    }

    /**
     * Creates the resource with a new id, or, when {@code ifNoneExist} matches exactly one resource,
     * creates nothing and answers that one. Check and insert happen under one lock, so two racing
     * conditional creates give one resource.
     */
    public Written create(Resource resource, Optional<SearchCriteria> ifNoneExist) {
        Written written;
        synchronized (lock) {
            written = createLocked(resource, ifNoneExist);
        }
        if (written.created()) {
            notifyListeners(List.of(written.resource()));
        }
        return written;
    }

    /**
     * Stores a new version. With {@code expectedVersion} (If-Match) the write happens only when the
     * current version is that one: otherwise 412, as HAPI's JPA server does. Without it, a missing
     * resource is created with the given id (update as create).
     */
    public Written update(String type, String id, Resource resource, Optional<String> expectedVersion) {
        Written written;
        synchronized (lock) {
            written = updateLocked(type, id, resource, expectedVersion);
        }
        notifyListeners(List.of(written.resource()));
        return written;
    }

    /** Runs a unit of work under the lock; its writes are announced together when it returns. */
    public <T> T inTransaction(Function<Transaction, T> work) {
        Transaction tx = new Transaction();
        T result;
        synchronized (lock) {
            result = work.apply(tx);
        }
        notifyListeners(tx.written);
        return result;
    }

    /** Writes inside {@link #inTransaction}; the caller validates everything before the first write. */
    public final class Transaction {
        private final List<Resource> written = new ArrayList<>();

        public Optional<Resource> read(String type, String id) {
            return ResourceRepository.this.read(type, id);
        }

        public List<Resource> search(String type, Predicate<Resource> filter) {
            return ResourceRepository.this.search(type, filter);
        }

        public String reserveId(String type) {
            return nextId(type);
        }

        public Written create(Resource resource, String id) {
            Written w = store(resource.fhirType(), id, resource, true);
            written.add(w.resource());
            return w;
        }

        public Written update(String type, String id, Resource resource, Optional<String> expectedVersion) {
            Written w = updateLocked(type, id, resource, expectedVersion);
            written.add(w.resource());
            return w;
        }
    }

    /** The stored version (a copy) and whether it was newly created. */
    public record Written(Resource resource, boolean created) {
        public String versionId() {
            return resource.getMeta().getVersionId();
        }
    }

    private Written createLocked(Resource resource, Optional<SearchCriteria> ifNoneExist) {
        if (ifNoneExist.isPresent()) {
            List<Resource> matches = search(resource.fhirType(), ifNoneExist.get()::matches);
            if (matches.size() > 1) {
                throw new PreconditionFailedException("If-None-Exist matches more than one resource");
            }
            if (matches.size() == 1) {
                return new Written(matches.get(0), false);
            }
        }
        return store(resource.fhirType(), nextId(resource.fhirType()), resource, true);
    }

    private Written updateLocked(String type, String id, Resource resource, Optional<String> expectedVersion) {
        List<Resource> versions = versions(type).get(id);
        if (versions == null) {
            if (expectedVersion.isPresent()) {
                throw new ResourceNotFoundException(new IdType(type, id));
            }
            return store(type, id, resource, true);
        }
        String current = versions.get(versions.size() - 1).getMeta().getVersionId();
        if (expectedVersion.isPresent() && !expectedVersion.get().equals(current)) {
            throw new PreconditionFailedException("version conflict: If-Match is not the current version of " + type + "/" + id);
        }
        return store(type, id, resource, false);
    }

    private Written store(String type, String id, Resource resource, boolean created) {
        Map<String, List<Resource>> byId = versions(type);
        List<Resource> versions = byId.computeIfAbsent(id, k -> new ArrayList<>());
        String version = String.valueOf(versions.size() + 1);
        Resource stored = resource.copy();
        stored.setIdElement(new IdType(type, id, version));
        stored.getMeta().setVersionId(version).setLastUpdated(Date.from(nextStamp()));
        versions.add(stored);
        return new Written(stored.copy(), created);
    }

    private String nextId(String type) {
        long next = nextIdByType.merge(type, 1L, Long::sum);
        String id = String.valueOf(next);
        while (versions(type).containsKey(id)) {
            next = nextIdByType.merge(type, 1L, Long::sum);
            id = String.valueOf(next);
        }
        return id;
    }

    private Instant nextStamp() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        lastStamp = now.isAfter(lastStamp) ? now : lastStamp.plusMillis(1);
        return lastStamp;
    }

    private Map<String, List<Resource>> versions(String type) {
        return versionsByTypeAndId.computeIfAbsent(type, k -> new LinkedHashMap<>());
    }

    private void notifyListeners(List<Resource> written) {
        if (written.isEmpty()) {
            return;
        }
        List<Resource> copies = written.stream().map(Resource::copy).toList();
        for (Consumer<List<Resource>> listener : listeners) {
            listener.accept(copies);
        }
    }
}
