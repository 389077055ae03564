package org.citizenhub.connectors.health;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How to talk to one FHIR R4 server. The routes build this from the connector's configuration
 * properties (base URL, timeouts, page size; an {@code Authorization} header from the environment).
 *
 * @param baseUrl            the server's base, e.g. {@code http://localhost:8092/fhir} (no trailing slash needed)
 * @param connectTimeout     time to open a connection
 * @param requestTimeout     time for one whole request/response
 * @param pageSize           {@code _count} asked for in searches
 * @param syncOverlap        how far before the watermark each incremental sync starts again: a write
 *                           committed late with an earlier {@code lastUpdated} (a long transaction on a
 *                           JPA server) is then still seen; the handler must be idempotent per version
 * @param maxUpdateAttempts  tries of a read-merge-write before an update gives up on conflicts, and of a
 *                           conditional create answered 409 (a lost race on a HAPI JPA server)
 * @param extraHeaders       sent with every request (e.g. {@code Authorization}); never logged
 */
public record FhirClientSettings(URI baseUrl, Duration connectTimeout, Duration requestTimeout, int pageSize,
                                 Duration syncOverlap, int maxUpdateAttempts, Map<String, String> extraHeaders) {

    public FhirClientSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(syncOverlap, "syncOverlap");
        if (pageSize < 1 || maxUpdateAttempts < 1) {
            throw new IllegalArgumentException("pageSize and maxUpdateAttempts must be positive");
        }
        String base = baseUrl.toString();
        if (base.endsWith("/")) {
            baseUrl = URI.create(base.substring(0, base.length() - 1));
        }
        extraHeaders = Map.copyOf(extraHeaders == null ? Map.of() : extraHeaders);
    }

    /** Defaults: 5 s to connect, 30 s per request, pages of 200, 2 s overlap, 5 update attempts. */
    public static FhirClientSettings defaults(URI baseUrl) {
        return new FhirClientSettings(baseUrl, Duration.ofSeconds(5), Duration.ofSeconds(30), 200,
                Duration.ofSeconds(2), 5, Map.of());
    }

    public FhirClientSettings withRequestTimeout(Duration timeout) {
        return new FhirClientSettings(baseUrl, connectTimeout, timeout, pageSize, syncOverlap, maxUpdateAttempts, extraHeaders);
    }

    public FhirClientSettings withPageSize(int size) {
        return new FhirClientSettings(baseUrl, connectTimeout, requestTimeout, size, syncOverlap, maxUpdateAttempts, extraHeaders);
    }

    public FhirClientSettings withSyncOverlap(Duration overlap) {
        return new FhirClientSettings(baseUrl, connectTimeout, requestTimeout, pageSize, overlap, maxUpdateAttempts, extraHeaders);
    }

    public FhirClientSettings withMaxUpdateAttempts(int attempts) {
        return new FhirClientSettings(baseUrl, connectTimeout, requestTimeout, pageSize, syncOverlap, attempts, extraHeaders);
    }

    public FhirClientSettings withHeader(String name, String value) {
        Map<String, String> headers = new java.util.HashMap<>(extraHeaders);
        headers.put(name, value);
        return new FhirClientSettings(baseUrl, connectTimeout, requestTimeout, pageSize, syncOverlap, maxUpdateAttempts, headers);
    }
}
