package org.citizenhub.sandbox.health;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import org.citizenhub.mappings.health.FhirInputException;
import org.citizenhub.mappings.health.ResolvedBundle;
import org.citizenhub.mappings.health.TransactionBundleResolver;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * Transaction bundles: all entries or none. POST (also with If-None-Exist) and PUT (by id, with
 * If-Match, or conditional by identifier) are supported; {@code urn:uuid} and conditional references
 * are resolved with the hub's own {@link TransactionBundleResolver}, the same rules a FHIR server
 * follows. Every precondition is checked before the first write, under the repository's lock.
 */
final class TransactionProvider {

    private final ResourceRepository repository;
    private final int maxEntries;

    TransactionProvider(ResourceRepository repository, int maxEntries) {
        this.repository = repository;
        this.maxEntries = maxEntries;
    }

    @Transaction
    public Bundle transaction(@TransactionParam Bundle bundle) {
        if (bundle.getType() != Bundle.BundleType.TRANSACTION) {
            throw new InvalidRequestException("only transaction bundles are supported");
        }
        if (bundle.getEntry().size() > maxEntries) {
            throw new PayloadTooLargeException("transaction has " + bundle.getEntry().size() + " entries, at most " + maxEntries);
        }
        return repository.inTransaction(tx -> {
            Map<Bundle.BundleEntryComponent, Plan> plans = new IdentityHashMap<>();
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                plans.put(entry, plan(tx, entry));
            }
            ResolvedBundle resolved;
            try {
                resolved = new TransactionBundleResolver(maxEntries).resolve(bundle, entry -> plans.get(entry).id(),
                        ref -> lookup(tx, ref));
            } catch (FhirInputException e) {
                throw new InvalidRequestException(e.getMessage());
            }
            Bundle response = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
            for (ResolvedBundle.Entry entry : resolved.entries()) {
                Plan plan = plans.get(entry.original());
                Resource resource = entry.resource();
                ResourceRepository.Written written;
                if (plan.existing().isPresent()) {
                    written = new ResourceRepository.Written(plan.existing().get(), false);
                } else if (plan.create()) {
                    written = tx.create(resource, plan.id());
                } else {
                    written = tx.update(resource.fhirType(), plan.id(), resource, plan.ifMatch());
                }
                Resource stored = written.resource();
                response.addEntry().setFullUrl(stored.getIdElement().toVersionless().getValue())
                        .setResource(stored)
                        .getResponse()
                        .setStatus(written.created() ? "201 Created" : "200 OK")
                        .setLocation(stored.getIdElement().getValue())
                        .setEtag("W/\"" + written.versionId() + "\"")
                        .setLastModified(stored.getMeta().getLastUpdated());
            }
            return response;
        });
    }

    /** What an entry will do: its id, and whether it creates, updates or finds an existing resource. */
    private record Plan(String id, boolean create, Optional<String> ifMatch, Optional<Resource> existing) {
    }

    private Plan plan(ResourceRepository.Transaction tx, Bundle.BundleEntryComponent entry) {
        Resource resource = entry.getResource();
        if (resource == null) {
            throw new InvalidRequestException("transaction entry without a resource");
        }
        String type = resource.fhirType();
        Bundle.BundleEntryRequestComponent request = entry.getRequest();
        Bundle.HTTPVerb method = request.getMethod();
        if (method == Bundle.HTTPVerb.POST) {
            if (request.hasIfNoneExist()) {
                SearchCriteria criteria = SearchCriteria.parse(request.getIfNoneExist(), type);
                List<Resource> matches = tx.search(type, criteria::matches);
                if (matches.size() > 1) {
                    throw new PreconditionFailedException("If-None-Exist matches more than one " + type);
                }
                if (matches.size() == 1) {
                    return new Plan(matches.get(0).getIdElement().getIdPart(), false, Optional.empty(), Optional.of(matches.get(0)));
                }
            }
            return new Plan(tx.reserveId(type), true, Optional.empty(), Optional.empty());
        }
        if (method == Bundle.HTTPVerb.PUT) {
            String url = request.getUrl() == null ? "" : request.getUrl();
            Optional<String> ifMatch = Optional.ofNullable(request.getIfMatch())
                    .map(v -> v.replace("W/", "").replace("\"", "").strip());
            if (url.contains("?")) {
                List<Resource> matches = tx.search(type, SearchCriteria.parse(url, type)::matches);
                if (matches.size() > 1) {
                    throw new PreconditionFailedException("conditional update matches more than one " + type);
                }
                return matches.isEmpty() ? new Plan(tx.reserveId(type), true, Optional.empty(), Optional.empty())
                        : new Plan(matches.get(0).getIdElement().getIdPart(), false, ifMatch, Optional.empty());
            }
            String[] parts = url.split("/");
            if (parts.length != 2 || !parts[0].equals(type)) {
                throw new InvalidRequestException("PUT entry needs url Type/id of its resource");
            }
            Optional<Resource> current = tx.read(type, parts[1]);
            if (ifMatch.isPresent() && (current.isEmpty() || !current.get().getMeta().getVersionId().equals(ifMatch.get()))) {
                throw new PreconditionFailedException("version conflict in transaction entry " + type + "/" + parts[1]);
            }
            return new Plan(parts[1], current.isEmpty(), ifMatch, Optional.empty());
        }
        throw new InvalidRequestException("the simulator supports POST and PUT entries in transactions");
    }

    private static Optional<String> lookup(ResourceRepository.Transaction tx, String conditionalReference) {
        SearchCriteria criteria = SearchCriteria.parse(conditionalReference, null);
        List<Resource> matches = tx.search(criteria.resourceType(), criteria::matches);
        return matches.size() == 1 ? Optional.of(criteria.resourceType() + "/" + matches.get(0).getIdElement().getIdPart())
                : Optional.empty();
    }
}
