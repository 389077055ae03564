package org.citizenhub.sandbox.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.citizenhub.mappings.health.FhirR4;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers rest-hook notifications the way HAPI's JPA server does:
 * <ul>
 *   <li>channel without payload: an empty {@code POST} to the endpoint ("something changed, come and
 *       look"), so the subscriber re-syncs;</li>
 *   <li>channel with payload {@code application/fhir+json}: a {@code PUT} of the resource to
 *       {@code <endpoint>/<Type>/<id>}.</li>
 * </ul>
 * Channel headers ("Authorization: Bearer …") are sent along. Deliveries run on one background
 * thread in commit order; a failed delivery is logged (subscription id and status only) and not
 * retried, so subscribers must also sync by {@code _lastUpdated}.
 */
final class SubscriptionNotifier implements Consumer<List<Resource>> {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionNotifier.class);

    private final ResourceRepository repository;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final ExecutorService delivery = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fhir-simulator-rest-hook");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    SubscriptionNotifier(ResourceRepository repository) {
        this.repository = repository;
    }

    @Override
    public void accept(List<Resource> written) {
        List<Resource> subscriptions = repository.search("Subscription",
                r -> ((Subscription) r).getStatus() == Subscription.SubscriptionStatus.ACTIVE);
        for (Resource resource : written) {
            if (resource instanceof Subscription) {
                continue;
            }
            for (Resource s : subscriptions) {
                Subscription subscription = (Subscription) s;
                if (SearchCriteria.parse(subscription.getCriteria(), null).matches(resource)) {
                    delivery.execute(() -> deliver(subscription, resource));
                }
            }
        }
    }

    long deliveredCount() {
        return delivered.get();
    }

    long failedCount() {
        return failed.get();
    }

    void shutdown() {
        delivery.shutdown();
        try {
            delivery.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(Subscription subscription, Resource resource) {
        Subscription.SubscriptionChannelComponent channel = subscription.getChannel();
        String endpoint = channel.getEndpoint();
        HttpRequest.Builder request;
        if (channel.hasPayload()) {
            String base = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
            request = HttpRequest.newBuilder(URI.create(base + "/" + resource.fhirType() + "/" + resource.getIdElement().getIdPart()))
                    .header("Content-Type", "application/fhir+json")
                    .PUT(HttpRequest.BodyPublishers.ofString(FhirR4.encode(resource)));
        } else {
            request = HttpRequest.newBuilder(URI.create(endpoint)).POST(HttpRequest.BodyPublishers.noBody());
        }
        for (StringType header : channel.getHeader()) {
            int colon = header.getValue() == null ? -1 : header.getValue().indexOf(':');
            if (colon > 0) {
                request.header(header.getValue().substring(0, colon).strip(), header.getValue().substring(colon + 1).strip());
            }
        }
        try {
            HttpResponse<Void> response = http.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                delivered.incrementAndGet();
            } else {
                failed.incrementAndGet();
                LOG.warn("rest-hook of Subscription/{} answered {}", subscription.getIdElement().getIdPart(), response.statusCode());
            }
        } catch (java.io.IOException e) {
            failed.incrementAndGet();
            LOG.warn("rest-hook of Subscription/{} failed: {}", subscription.getIdElement().getIdPart(), e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
