package org.citizenhub.connectors.health;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.citizenhub.mappings.health.FhirInputException;
import org.citizenhub.mappings.health.FhirR4;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;

/**
 * A small FHIR R4 REST client: plain HTTP (JDK {@link HttpClient}) with HAPI's model and the hub's
 * one parser ({@link FhirR4}). Plain HTTP rather than HAPI's generic client because the hub needs
 * exact control of the headers (If-Match, If-None-Exist, Cache-Control) and of what an error message
 * may say. Thread-safe; one instance per server.
 *
 * <p>Every search sends {@code Cache-Control: no-cache}: servers (HAPI JPA for 60 s) otherwise answer
 * a repeated identical search from cache and a sync would miss changes.
 *
 * <p>Errors are {@link FhirServerException}s whose messages never contain personal data (no query
 * strings, no bodies).
 */
public final class FhirRestClient {

    private static final String FHIR_JSON = "application/fhir+json";

    private final FhirClientSettings settings;
    private final HttpClient http;

    public FhirRestClient(FhirClientSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public FhirClientSettings settings() {
        return settings;
    }

    /** The current version of a resource; empty when the server has none (404/410). */
    public <T extends Resource> Optional<Versioned<T>> read(Class<T> type, String id) {
        String what = "GET " + type.getSimpleName() + "/" + id;
        URI uri = uri(type.getSimpleName() + "/" + encodePath(id));
        Answer answer;
        try {
            answer = exchange(what, request(uri).GET());
        } catch (FhirServerException e) {
            if (e.kind() == FhirServerException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
        T resource = answer.parse(what, type);
        return Optional.of(new Versioned<>(resource, answer.versionId(resource)));
    }

    /**
     * A search; the parameters are encoded here ({@code identifier=system|value} may be passed as is).
     * {@code _count} is added from the settings unless given.
     */
    public Bundle search(String resourceType, List<Map.Entry<String, String>> parameters) {
        List<Map.Entry<String, String>> params = new ArrayList<>(parameters);
        if (params.stream().noneMatch(p -> p.getKey().equals("_count"))) {
            params.add(Map.entry("_count", String.valueOf(settings.pageSize())));
        }
        String query = params.stream()
                .map(p -> URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return searchPage(uri(resourceType + "?" + query), "GET " + resourceType + " search");
    }

    /** The page a Bundle's {@code next} link points to, if any. */
    public Optional<Bundle> nextPage(Bundle page) {
        return nextLink(page).map(next -> searchPage(next, "GET next page"));
    }

    /** Every resource of every page of a search (for small result sets: identifier lookups). */
    public <T extends Resource> List<T> searchAll(Class<T> type, List<Map.Entry<String, String>> parameters) {
        List<T> result = new ArrayList<>();
        Optional<Bundle> page = Optional.of(search(type.getSimpleName(), parameters));
        while (page.isPresent()) {
            for (Bundle.BundleEntryComponent entry : page.get().getEntry()) {
                if (type.isInstance(entry.getResource()) && isMatch(entry)) {
                    result.add(type.cast(entry.getResource()));
                }
            }
            page = nextPage(page.get());
        }
        return result;
    }

    /**
     * Creates the resource; with {@code ifNoneExist} (a search query such as
     * {@code identifier=system|value}) the server creates it only when nothing matches, atomically,
     * so two racing creates give one resource.
     *
     * <p>Servers differ in what the losers of such a race get: some wait and answer 200 with the
     * winner, a HAPI FHIR JPA server answers 409 (HAPI-2745, "conditional constraint failure": its
     * unique index on the match URL refused the second insert). A conditional create that gets a 409
     * is therefore sent again (up to {@link FhirClientSettings#maxUpdateAttempts()} times): by then the
     * winner is committed, and the server answers 200 with it. (A 412 means the condition matches
     * several resources: sending it again cannot help.)
     */
    public CreateOutcome create(Resource resource, Optional<String> ifNoneExist) {
        if (ifNoneExist.isEmpty()) {
            return createOnce(resource, ifNoneExist);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return createOnce(resource, ifNoneExist);
            } catch (FhirServerException e) {
                if (e.status() != 409 || attempt >= settings.maxUpdateAttempts()) {
                    throw e;
                }
            }
        }
    }

    private CreateOutcome createOnce(Resource resource, Optional<String> ifNoneExist) {
        String type = resource.fhirType();
        String what = "POST " + type + (ifNoneExist.isPresent() ? " (conditional)" : "");
        HttpRequest.Builder request = request(uri(type))
                .header("Content-Type", FHIR_JSON + "; charset=UTF-8")
                .header("Prefer", "return=representation")
                .POST(HttpRequest.BodyPublishers.ofString(FhirR4.encode(resource), StandardCharsets.UTF_8));
        ifNoneExist.ifPresent(query -> request.header("If-None-Exist", query));
        Answer answer = exchange(what, request);
        IdType location = answer.location()
                .or(() -> answer.hasBody() ? Optional.of(answer.parse(what, Resource.class).getIdElement()) : Optional.empty())
                .orElseThrow(() -> new FhirServerException(FhirServerException.Kind.INVALID_RESPONSE, answer.status,
                        what + ": answer names no resource id"));
        String version = location.hasVersionIdPart() ? location.getVersionIdPart() : answer.etagVersion().orElse("");
        return new CreateOutcome(type, location.getIdPart(), version, answer.status == 201);
    }

    /**
     * Stores a new version of the resource (its id says which). With {@code ifMatchVersion}, the server
     * stores it only when that is still the current version, else this throws a
     * {@link FhirServerException.Kind#CONFLICT}.
     */
    public <T extends Resource> Versioned<T> update(T resource, Optional<String> ifMatchVersion) {
        String type = resource.fhirType();
        String id = resource.getIdElement().getIdPart();
        if (id == null) {
            throw new IllegalArgumentException("update needs a resource with an id");
        }
        String what = "PUT " + type + "/" + id;
        HttpRequest.Builder request = request(uri(type + "/" + encodePath(id)))
                .header("Content-Type", FHIR_JSON + "; charset=UTF-8")
                .header("Prefer", "return=representation")
                .PUT(HttpRequest.BodyPublishers.ofString(FhirR4.encode(resource), StandardCharsets.UTF_8));
        ifMatchVersion.ifPresent(v -> request.header("If-Match", "W/\"" + v + "\""));
        Answer answer = exchange(what, request);
        if (answer.hasBody()) {
            @SuppressWarnings("unchecked")
            T stored = (T) answer.parse(what, resource.getClass());
            return new Versioned<>(stored, answer.versionId(stored));
        }
        String version = answer.etagVersion().or(() -> answer.location().map(IdType::getVersionIdPart))
                .orElseThrow(() -> new FhirServerException(FhirServerException.Kind.INVALID_RESPONSE, answer.status,
                        what + ": answer names no version"));
        return new Versioned<>(resource, version);
    }

    /** Sends a transaction bundle; answers the transaction-response bundle. */
    public Bundle transaction(Bundle bundle) {
        String what = "POST transaction of " + bundle.getEntry().size() + " entries";
        Answer answer = exchange(what, request(settings.baseUrl())
                .header("Content-Type", FHIR_JSON + "; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(FhirR4.encode(bundle), StandardCharsets.UTF_8)));
        return answer.parse(what, Bundle.class);
    }

    /** The raw body of a search page (for callers that parse entry by entry). */
    String searchPageBody(URI uri, String what) {
        return exchange(what, request(uri).header("Cache-Control", "no-cache").GET()).body;
    }

    URI uri(String relative) {
        return URI.create(settings.baseUrl() + "/" + relative);
    }

    static Optional<URI> nextLink(Bundle page) {
        Bundle.BundleLinkComponent next = page.getLink(Bundle.LINK_NEXT);
        return next == null || !next.hasUrl() ? Optional.empty() : Optional.of(URI.create(next.getUrl()));
    }

    static boolean isMatch(Bundle.BundleEntryComponent entry) {
        return !entry.hasSearch() || entry.getSearch().getMode() == null
                || entry.getSearch().getMode() == Bundle.SearchEntryMode.MATCH;
    }

    private Bundle searchPage(URI uri, String what) {
        Answer answer = exchange(what, request(uri).header("Cache-Control", "no-cache").GET());
        return answer.parse(what, Bundle.class);
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("Accept", FHIR_JSON + ", application/json;q=0.9");
        settings.extraHeaders().forEach(builder::header);
        return builder;
    }

    private Answer exchange(String what, HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw new FhirServerException(FhirServerException.Kind.UNREACHABLE, what + ": connect timed out", e);
        } catch (HttpTimeoutException e) {
            throw new FhirServerException(FhirServerException.Kind.TIMEOUT,
                    what + ": no answer within " + settings.requestTimeout().toMillis() + " ms", e);
        } catch (ConnectException e) {
            throw new FhirServerException(FhirServerException.Kind.UNREACHABLE, what + ": connection refused", e);
        } catch (IOException e) {
            throw new FhirServerException(FhirServerException.Kind.UNREACHABLE, what + ": " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FhirServerException(FhirServerException.Kind.UNREACHABLE, what + ": interrupted", e);
        }
        Answer answer = new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.headers().firstValue("ETag").orElse(null),
                response.headers().firstValue("Location").or(() -> response.headers().firstValue("Content-Location")).orElse(null),
                response.body() == null ? "" : response.body());
        answer.failUnlessSuccessful(what);
        return answer;
    }

    private static String encodePath(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    /** One HTTP answer, checked. */
    private record Answer(int status, String contentType, String etag, String locationHeader, String body) {

        boolean hasBody() {
            return !body.isBlank();
        }

        boolean isFhirContent() {
            String type = contentType.toLowerCase(Locale.ROOT);
            return type.isEmpty() || type.contains("json");
        }

        void failUnlessSuccessful(String what) {
            if (status / 100 == 2) {
                if (hasBody() && !isFhirContent()) {
                    throw new FhirServerException(FhirServerException.Kind.NOT_FHIR, status,
                            what + ": answer is " + mediaType() + ", not FHIR JSON");
                }
                return;
            }
            String issues = isFhirContent() ? issueCodes() : "";
            String detail = what + ": server answered " + status + (issues.isEmpty() ? "" : " (" + issues + ")");
            if (!isFhirContent() && hasBody()) {
                detail += " with " + mediaType();
            }
            FhirServerException.Kind kind = switch (status) {
                case 404, 410 -> FhirServerException.Kind.NOT_FOUND;
                case 409, 412 -> FhirServerException.Kind.CONFLICT;
                case 429 -> FhirServerException.Kind.SERVER_ERROR;
                default -> status >= 500 ? FhirServerException.Kind.SERVER_ERROR : FhirServerException.Kind.REJECTED;
            };
            throw new FhirServerException(kind, status, detail);
        }

        <T extends IBaseResource> T parse(String what, Class<T> type) {
            if (!isFhirContent()) {
                throw new FhirServerException(FhirServerException.Kind.NOT_FHIR, status, what + ": answer is " + mediaType() + ", not FHIR JSON");
            }
            try {
                return FhirR4.parse(body, type);
            } catch (FhirInputException e) {
                throw new FhirServerException(FhirServerException.Kind.INVALID_RESPONSE, status, what + ": " + e.getMessage());
            }
        }

        String versionId(Resource resource) {
            return etagVersion().orElseGet(() -> resource.getMeta().hasVersionId() ? resource.getMeta().getVersionId()
                    : resource.getIdElement().hasVersionIdPart() ? resource.getIdElement().getVersionIdPart() : "");
        }

        Optional<String> etagVersion() {
            if (etag == null || etag.isBlank()) {
                return Optional.empty();
            }
            return Optional.of(etag.replace("W/", "").replace("\"", "").strip());
        }

        Optional<IdType> location() {
            if (locationHeader == null || locationHeader.isBlank()) {
                return Optional.empty();
            }
            return Optional.of(new IdType(locationHeader));
        }

        private String mediaType() {
            String type = contentType.isBlank() ? "no content type" : contentType.split(";")[0].strip();
            return type.length() > 60 ? type.substring(0, 60) : type;
        }

        private String issueCodes() {
            if (!hasBody() || !body.strip().startsWith("{")) {
                return "";
            }
            try {
                IBaseResource parsed = FhirR4.parseAny(body);
                if (parsed instanceof OperationOutcome outcome) {
                    return outcome.getIssue().stream()
                            .map(i -> (i.getSeverity() == null ? "?" : i.getSeverity().toCode()) + "/"
                                    + (i.getCode() == null ? "?" : i.getCode().toCode()))
                            .distinct().collect(Collectors.joining(", "));
                }
            } catch (FhirInputException e) {
                return "unreadable OperationOutcome";
            }
            return "";
        }
    }
}
