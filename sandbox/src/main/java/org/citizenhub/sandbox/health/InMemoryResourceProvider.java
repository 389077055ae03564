package org.citizenhub.sandbox.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import ca.uhn.fhir.rest.annotation.ConditionalUrlParam;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.UriParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Resource;

/**
 * Read, vread, search, create (also conditional) and update (with If-Match) of one resource type,
 * backed by the {@link ResourceRepository}. Searches are cached per URL for a while, like HAPI's
 * JPA server does, unless the request says {@code Cache-Control: no-cache}: a client that forgets the
 * header sees stale pages, here as there.
 */
public class InMemoryResourceProvider<T extends Resource> implements IResourceProvider {

    private final Class<T> type;
    private final ResourceRepository repository;
    private final Clock clock;
    private final Duration searchCacheTtl;
    private final Map<String, CachedSearch> searchCache = new ConcurrentHashMap<>();

    public InMemoryResourceProvider(Class<T> type, ResourceRepository repository, Clock clock, Duration searchCacheTtl) {
        this.type = type;
        this.repository = repository;
        this.clock = clock;
        this.searchCacheTtl = searchCacheTtl;
    }

    @Override
    public Class<? extends IBaseResource> getResourceType() {
        return type;
    }

    private String typeName() {
        return type.getSimpleName();
    }

    @Read(version = true)
    public T read(@IdParam IdType id) {
        Optional<Resource> found = id.hasVersionIdPart()
                ? repository.vread(typeName(), id.getIdPart(), id.getVersionIdPart())
                : repository.read(typeName(), id.getIdPart());
        return type.cast(found.orElseThrow(() -> new ResourceNotFoundException(id)));
    }

    @Search
    public IBundleProvider search(
            @OptionalParam(name = "identifier") TokenParam identifier,
            @OptionalParam(name = "_lastUpdated") DateRangeParam lastUpdated,
            @OptionalParam(name = "patient") ReferenceParam patient,
            @OptionalParam(name = "subject") ReferenceParam subject,
            @OptionalParam(name = "url") UriParam url,
            @Sort SortSpec sort,
            RequestDetails request) {
        String cacheKey = request.getCompleteUrl();
        Instant now = clock.instant();
        boolean noCache = Optional.ofNullable(request.getHeader("Cache-Control")).orElse("").contains("no-cache");
        CachedSearch cached = searchCache.get(cacheKey);
        if (!noCache && cached != null && cached.until().isAfter(now)) {
            return new SnapshotBundleProvider(cached.results());
        }
        Predicate<Resource> filter = r -> true;
        if (identifier != null) {
            filter = filter.and(r -> SearchCriteria.hasIdentifier(r, identifier.getSystem(), identifier.getValue()));
        }
        if (lastUpdated != null) {
            filter = filter.and(r -> inRange(r.getMeta().getLastUpdated(), lastUpdated));
        }
        if (patient != null) {
            filter = filter.and(r -> refersTo(patientOf(r), patient));
        }
        if (subject != null) {
            filter = filter.and(r -> refersTo(patientOf(r), subject));
        }
        if (url != null) {
            filter = filter.and(r -> r instanceof org.hl7.fhir.r4.model.Subscription s
                    && url.getValue().equals(s.getChannel().getEndpoint()));
        }
        List<IBaseResource> results = new ArrayList<>(repository.search(typeName(), filter));
        if (sort != null && "_lastUpdated".equals(sort.getParamName()) && sort.getOrder() == SortOrderEnum.DESC) {
            Collections.reverse(results);
        }
        List<IBaseResource> snapshot = List.copyOf(results);
        searchCache.put(cacheKey, new CachedSearch(snapshot, now.plus(searchCacheTtl)));
        return new SnapshotBundleProvider(snapshot);
    }

    @Create
    public MethodOutcome create(@ResourceParam T resource, @ConditionalUrlParam String ifNoneExist) {
        Optional<SearchCriteria> criteria = Optional.ofNullable(ifNoneExist).map(c -> SearchCriteria.parse(c, typeName()));
        beforeStore(resource);
        ResourceRepository.Written written = repository.create(resource, criteria);
        return outcome(written);
    }

    @Update
    public MethodOutcome update(@IdParam IdType id, @ResourceParam T resource, @ConditionalUrlParam String conditionalUrl) {
        beforeStore(resource);
        if (conditionalUrl != null && (id == null || !id.hasIdPart())) {
            SearchCriteria criteria = SearchCriteria.parse(conditionalUrl, typeName());
            List<Resource> matches = repository.search(typeName(), criteria::matches);
            if (matches.size() > 1) {
                throw new PreconditionFailedException("conditional update matches more than one resource");
            }
            if (matches.isEmpty()) {
                return outcome(repository.create(resource, Optional.empty()));
            }
            return outcome(repository.update(typeName(), matches.get(0).getIdElement().getIdPart(), resource, Optional.empty()));
        }
        if (id == null || !id.hasIdPart()) {
            throw new InvalidRequestException("update needs an id");
        }
        Optional<String> ifMatch = id.hasVersionIdPart() ? Optional.of(id.getVersionIdPart()) : Optional.empty();
        return outcome(repository.update(typeName(), id.getIdPart(), resource, ifMatch));
    }

    /** Hook for type-specific checks before a write (Subscription criteria, …). */
    protected void beforeStore(T resource) {
    }

    private static MethodOutcome outcome(ResourceRepository.Written written) {
        MethodOutcome outcome = new MethodOutcome(written.resource().getIdElement(), written.created());
        outcome.setResource(written.resource());
        return outcome;
    }

    /** FHIR date search semantics: each bound covers its precision ("gt2025-01-01" means after that whole day). */
    private static boolean inRange(Date lastUpdated, DateRangeParam range) {
        long x = lastUpdated.getTime();
        for (DateParam bound : range.getValuesAsQueryTokens()) {
            if (bound.getValue() == null) {
                continue;
            }
            long lo = bound.getValue().getTime();
            long hi = bound.getPrecision().add(bound.getValue(), 1).getTime();
            ParamPrefixEnum prefix = bound.getPrefix() == null ? ParamPrefixEnum.EQUAL : bound.getPrefix();
            boolean ok = switch (prefix) {
                case GREATERTHAN, STARTS_AFTER -> x >= hi;
                case GREATERTHAN_OR_EQUALS -> x >= lo;
                case LESSTHAN, ENDS_BEFORE -> x < lo;
                case LESSTHAN_OR_EQUALS -> x < hi;
                case NOT_EQUAL -> x < lo || x >= hi;
                default -> x >= lo && x < hi;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String patientOf(Resource r) {
        if (r instanceof DiagnosticReport d) {
            return d.getSubject().getReference();
        }
        if (r instanceof Immunization i) {
            return i.getPatient().getReference();
        }
        return null;
    }

    private static boolean refersTo(String reference, ReferenceParam wanted) {
        if (reference == null) {
            return false;
        }
        String id = wanted.getIdPart();
        return reference.equals("Patient/" + id) || reference.endsWith("/Patient/" + id);
    }

    /**
     * A search result that HAPI pages through. {@link SimpleBundleProvider} copies the whole list for
     * every page it serves (quadratic on a full sync); this one hands out the immutable snapshot.
     */
    private static final class SnapshotBundleProvider extends SimpleBundleProvider {
        private final List<IBaseResource> snapshot;

        SnapshotBundleProvider(List<IBaseResource> snapshot) {
            super(snapshot);
            this.snapshot = snapshot;
        }

        @Override
        public List<IBaseResource> getResourceListComplete() {
            return snapshot;
        }
    }

    private record CachedSearch(List<IBaseResource> results, Instant until) {
    }
}
