package org.citizenhub.connectors.health;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.citizenhub.mappings.health.FhirInputException;
import org.citizenhub.mappings.health.FhirR4;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls what changed on the FHIR server since the last run: searches
 * {@code Type?_lastUpdated=gt<watermark − overlap>&_sort=_lastUpdated&_count=<page size>}, follows the
 * Bundle {@code next} links, and hands every resource to the caller's handler.
 *
 * <p>The watermark (largest {@code meta.lastUpdated} handed over) is saved after each page while the
 * server really returns them in ascending order, else once at the end; so a crash or an outage in the
 * middle loses nothing, and at worst a page is handed over again: the handler must be idempotent per
 * {@code id + meta.versionId} (it is anyway, because of the overlap).
 *
 * <p>A page that holds a resource failing parsing is re-read entry by entry: good resources are
 * delivered, the bad one goes to the {@code rejected} consumer (to be parked), and the sync goes on.
 * A page that is no FHIR at all (HTML, 500, timeout) stops the sync with a {@link FhirServerException};
 * the next run starts from the saved watermark.
 */
public final class IncrementalSync {

    private static final Logger LOG = LoggerFactory.getLogger(IncrementalSync.class);
    private static final DateTimeFormatter FHIR_INSTANT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FhirRestClient client;
    private final WatermarkStore watermarks;
    private final String streamPrefix;

    /** @param streamPrefix prefix of the watermark keys, e.g. {@code fhir} gives {@code fhir:Patient} */
    public IncrementalSync(FhirRestClient client, WatermarkStore watermarks, String streamPrefix) {
        this.client = client;
        this.watermarks = watermarks;
        this.streamPrefix = streamPrefix;
    }

    /** What one run did. */
    public record Report(String stream, Optional<Instant> startedFrom, Optional<Instant> watermark,
                         int pages, int delivered, int rejected) {
    }

    public String streamOf(Class<? extends Resource> type) {
        return streamPrefix + ":" + type.getSimpleName();
    }

    /**
     * Runs one sync of a resource type.
     *
     * @param handler  gets every resource of the type changed since the watermark, oldest first
     * @param rejected gets entries that fail parsing
     * @throws FhirServerException when the server is unreachable or answers no FHIR; the watermark stays
     *                             at the last completed page
     */
    public <T extends Resource> Report sync(Class<T> type, Consumer<T> handler, Consumer<RejectedEntry> rejected) {
        String stream = streamOf(type);
        Optional<Instant> from = watermarks.load(stream);
        List<Map.Entry<String, String>> params = new ArrayList<>();
        from.ifPresent(w -> params.add(Map.entry("_lastUpdated",
                "gt" + FHIR_INSTANT.format(w.minus(client.settings().syncOverlap()).truncatedTo(ChronoUnit.MILLIS)))));
        params.add(Map.entry("_sort", "_lastUpdated"));
        params.add(Map.entry("_count", String.valueOf(client.settings().pageSize())));
        String query = params.stream()
                .map(p -> p.getKey() + "=" + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8))
                .reduce((a, b) -> a + "&" + b).orElse("");

        Optional<URI> next = Optional.of(client.uri(type.getSimpleName() + "?" + query));
        Instant watermark = from.orElse(null);
        Instant saved = watermark;
        Instant previous = null;
        boolean ascending = true;
        int pages = 0;
        int delivered = 0;
        int rejectedCount = 0;
        while (next.isPresent()) {
            String body = client.searchPageBody(next.get(), pages == 0 ? "GET " + type.getSimpleName() + " sync" : "GET next sync page");
            Page page = Page.read(body);
            pages++;
            for (Resource resource : page.resources()) {
                if (!type.isInstance(resource)) {
                    continue;
                }
                Instant updated = lastUpdated(resource);
                if (updated != null) {
                    ascending &= previous == null || !updated.isBefore(previous);
                    previous = updated;
                    watermark = watermark == null || updated.isAfter(watermark) ? updated : watermark;
                }
                handler.accept(type.cast(resource));
                delivered++;
            }
            for (RejectedEntry entry : page.rejected()) {
                rejected.accept(entry);
                rejectedCount++;
            }
            for (Instant t : page.rejectedLastUpdated()) {
                watermark = watermark == null || t.isAfter(watermark) ? t : watermark;
            }
            if (ascending && watermark != null && !watermark.equals(saved)) {
                watermarks.save(stream, watermark);
                saved = watermark;
            }
            next = page.next();
        }
        if (watermark != null && !watermark.equals(saved)) {
            watermarks.save(stream, watermark);
        }
        if (!ascending) {
            LOG.warn("{}: server did not return results sorted by _lastUpdated; watermark saved only at the end", stream);
        }
        LOG.debug("{}: {} pages, {} delivered, {} rejected", stream, pages, delivered, rejectedCount);
        return new Report(stream, from, Optional.ofNullable(watermark), pages, delivered, rejectedCount);
    }

    private static Instant lastUpdated(Resource resource) {
        return resource.getMeta().getLastUpdated() == null ? null : resource.getMeta().getLastUpdated().toInstant();
    }

    /** One search page: its resources, the entries that failed parsing, and the next link. */
    private record Page(List<Resource> resources, List<RejectedEntry> rejected, List<Instant> rejectedLastUpdated,
                        Optional<URI> next) {

        static Page read(String body) {
            try {
                Bundle bundle = FhirR4.parse(body, Bundle.class);
                List<Resource> resources = new ArrayList<>();
                for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                    if (entry.getResource() != null && FhirRestClient.isMatch(entry)) {
                        resources.add(entry.getResource());
                    }
                }
                return new Page(resources, List.of(), List.of(), FhirRestClient.nextLink(bundle));
            } catch (FhirInputException e) {
                if (e.reason() != FhirInputException.Reason.INVALID_RESOURCE) {
                    throw new FhirServerException(FhirServerException.Kind.INVALID_RESPONSE, 200, "sync page: " + e.getMessage());
                }
                return readEntryByEntry(body);
            }
        }

        /** The slow path for a page with a bad resource in it: each entry parsed on its own. */
        private static Page readEntryByEntry(String body) {
            JsonNode root;
            try {
                root = JSON.readTree(body);
            } catch (IOException e) {
                throw new FhirServerException(FhirServerException.Kind.INVALID_RESPONSE, 200, "sync page is not valid JSON");
            }
            List<Resource> resources = new ArrayList<>();
            List<RejectedEntry> rejected = new ArrayList<>();
            List<Instant> rejectedUpdated = new ArrayList<>();
            int index = 0;
            for (JsonNode entry : root.path("entry")) {
                JsonNode resourceNode = entry.path("resource");
                String mode = entry.path("search").path("mode").asText("match");
                if (resourceNode.isMissingNode() || !mode.equals("match")) {
                    index++;
                    continue;
                }
                String json = resourceNode.toString();
                try {
                    resources.add(FhirR4.parse(json, Resource.class));
                } catch (FhirInputException e) {
                    String type = resourceNode.path("resourceType").asText("");
                    String id = resourceNode.path("id").asText("");
                    String reference = type.matches("[A-Z][A-Za-z]{1,40}") && id.matches("[A-Za-z0-9\\-.]{1,64}")
                            ? type + "/" + id : "entry " + index + " of a sync page";
                    rejected.add(new RejectedEntry(reference, json, e));
                    String updated = resourceNode.path("meta").path("lastUpdated").asText("");
                    try {
                        rejectedUpdated.add(OffsetDateTime.parse(updated).toInstant());
                    } catch (DateTimeParseException ignored) {
                        // no usable lastUpdated: the watermark simply does not move for this entry
                    }
                }
                index++;
            }
            Optional<URI> next = Optional.empty();
            for (JsonNode link : root.path("link")) {
                if ("next".equals(link.path("relation").asText())) {
                    next = Optional.of(URI.create(link.path("url").asText()));
                }
            }
            return new Page(resources, rejected, rejectedUpdated, next);
        }
    }
}
