package org.citizenhub.connectors.health;

import java.util.Optional;
import java.util.function.Predicate;

import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Write-back with optimistic locking: read the current version, apply the change, PUT with
 * {@code If-Match} on the version read. When somebody else wrote in between (412, or 409 from servers
 * that answer so), read again and apply the change to the fresh version, a bounded number of times.
 * The change is a function of the resource, not a resource, so what it merges is only the fields it
 * sets (e.g. {@code p -> PatientMapper.applyPermanentAddress(p, address)}): concurrent changes of other
 * fields survive. A change that finds nothing to do writes nothing, so re-delivering the same golden-
 * record event does not create a new version.
 */
public final class ConflictRetryingUpdater {

    private static final Logger LOG = LoggerFactory.getLogger(ConflictRetryingUpdater.class);

    private final FhirRestClient client;

    public ConflictRetryingUpdater(FhirRestClient client) {
        this.client = client;
    }

    /**
     * What an update did.
     *
     * @param changed  false when the resource already had what the change sets (nothing written)
     * @param attempts how many read-change-write rounds it took
     */
    public record Outcome(String reference, String versionId, boolean changed, int attempts) {
    }

    /**
     * Applies {@code change} to the resource {@code type/id} on the server.
     *
     * @param change sets the wanted fields on the resource it is given and answers whether anything changed
     * @throws FhirServerException NOT_FOUND when the resource does not exist; CONFLICT when it still
     *                             conflicted after the configured number of attempts
     */
    public <T extends Resource> Outcome update(Class<T> type, String id, Predicate<T> change) {
        String reference = type.getSimpleName() + "/" + id;
        int maxAttempts = client.settings().maxUpdateAttempts();
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            Versioned<T> current = client.read(type, id).orElseThrow(() -> new FhirServerException(
                    FhirServerException.Kind.NOT_FOUND, 404, "GET " + reference + ": no such resource to update"));
            T working = current.resource();
            if (!change.test(working)) {
                return new Outcome(reference, current.versionId(), false, attempt);
            }
            try {
                Versioned<T> stored = client.update(working, Optional.of(current.versionId()));
                return new Outcome(reference, stored.versionId(), true, attempt);
            } catch (FhirServerException e) {
                if (e.kind() != FhirServerException.Kind.CONFLICT) {
                    throw e;
                }
                LOG.debug("{} changed meanwhile (attempt {} of {}), merging onto the fresh version", reference, attempt, maxAttempts);
            }
        }
        throw new FhirServerException(FhirServerException.Kind.CONFLICT, 412,
                "PUT " + reference + ": still conflicting after " + maxAttempts + " attempts");
    }
}
