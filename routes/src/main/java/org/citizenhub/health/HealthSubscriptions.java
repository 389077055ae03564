package org.citizenhub.health;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.citizenhub.connectors.health.FhirRestClient;
import org.citizenhub.connectors.health.SubscriptionCallbackParser;
import org.citizenhub.connectors.health.SubscriptionNotification;
import org.citizenhub.connectors.health.SubscriptionRegistrar;
import org.citizenhub.connectors.health.SubscriptionRequest;
import org.citizenhub.connectors.health.Versioned;
import org.citizenhub.connectors.vault.VaultChange;
import org.citizenhub.mappings.health.FhirInputException;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Real-time updates from the health-record system: the hub's rest-hook Subscriptions on the FHIR
 * server (one per resource type it syncs), the check of the shared secret the server sends back with
 * every notification, and what a notification does.
 *
 * <p>Both notification styles work: an empty POST ("something changed") runs the incremental sync; a
 * PUT carrying the resource applies it. A notified Patient is read afresh from the server before it is
 * stored, because notifications may arrive out of order and the vault keeps no FHIR versions of
 * Patients; evidence keeps its versions, so a notified certificate or vaccination is stored as sent.
 */
@Component
public class HealthSubscriptions {

    private static final Logger LOG = LoggerFactory.getLogger(HealthSubscriptions.class);

    /** The header the FHIR server sends back with each notification (a Subscription channel header). */
    public static final String SECRET_HEADER = "X-Hub-Token";
    /** The callback's path on the hub; the server appends {@code /<Type>/<id>} for full-resource notifications. */
    public static final String CALLBACK_PATH = "/api/health/fhir-callback";
    static final List<String> CRITERIA = List.of("Patient?", "DiagnosticReport?", "Immunization?");

    private final HealthProperties.Subscriptions properties;
    private final SubscriptionRegistrar registrar;
    private final FhirRestClient client;
    private final HealthSync sync;
    private final HealthIngest ingest;
    private final Environment environment;
    private final Clock clock;
    private final byte[] secret;

    public HealthSubscriptions(HealthProperties properties, SubscriptionRegistrar registrar, FhirRestClient healthFhirClient,
                               HealthSync sync, HealthIngest ingest, Environment environment, Clock clock) {
        this.properties = properties.subscriptions();
        this.registrar = registrar;
        this.client = healthFhirClient;
        this.sync = sync;
        this.ingest = ingest;
        this.environment = environment;
        this.clock = clock;
        String configured = this.properties.callbackSecret();
        if (configured == null || configured.isBlank()) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            configured = HexFormat.of().formatHex(random);
            if (this.properties.enabled()) {
                LOG.warn("No callback secret configured (citizenhub.health.subscriptions.callback-secret): using a random one "
                        + "for this run. Set CITIZENHUB_HEALTH_CALLBACK_SECRET when the FHIR server outlives the hub.");
            }
        }
        this.secret = configured.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Registers (or finds, or switches back on) the hub's subscriptions; idempotent, so it runs at start
     * and then now and again.
     *
     * @return the Subscriptions' logical ids
     */
    public List<String> register() {
        URI callback = callbackUrl();
        SubscriptionRequest.Payload payload = SubscriptionRequest.Payload.valueOf(
                properties.payload().strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        List<String> ids = new ArrayList<>();
        for (String criteria : CRITERIA) {
            ids.add(registrar.register(new SubscriptionRequest(criteria, callback, payload,
                    List.of(SECRET_HEADER + ": " + new String(secret, StandardCharsets.UTF_8)), null)));
        }
        LOG.info("Subscriptions on the FHIR server: {} ({} notifications to {})", ids, payload, callback);
        return ids;
    }

    /** The callback URL the FHIR server is given. */
    URI callbackUrl() {
        String base = properties.callbackBaseUrl();
        if (base == null || base.isBlank()) {
            base = "http://localhost:" + environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        }
        return URI.create(base.replaceAll("/+$", "") + CALLBACK_PATH);
    }

    /**
     * The HTTP status a notification with this secret gets before anything else: 200 when it is the
     * shared secret, 401 when there is none, 403 when it is wrong (compared in constant time).
     */
    public int authorize(String token) {
        if (token == null || token.isBlank()) {
            return 401;
        }
        return MessageDigest.isEqual(secret, token.strip().getBytes(StandardCharsets.UTF_8)) ? 200 : 403;
    }

    /** The text a notification is queued as: an empty one is an empty text, so that it can be parked and replayed. */
    public String queuedText(String body) {
        return body == null ? "" : body;
    }

    /**
     * Acts on a queued notification: syncs, or stores the resources it carries.
     *
     * @return the golden records that changed (their events are the route's to publish)
     */
    public List<VaultChange> apply(String path, String contentType, String body) {
        SubscriptionNotification notification = SubscriptionCallbackParser.parse(path, contentType,
                body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
        if (notification instanceof SubscriptionNotification.ResourcesReceived received) {
            List<VaultChange> changes = new ArrayList<>();
            for (Resource resource : received.resources()) {
                String id = resource.getIdElement().getIdPart();
                if (id == null) {
                    throw new FhirInputException(FhirInputException.Reason.INVALID_RESOURCE,
                            "notified " + resource.fhirType() + " has no logical id");
                }
                Optional<? extends Resource> current = resource instanceof Patient
                        ? client.read(Patient.class, id).map(Versioned::resource)
                        : Optional.of(resource);
                current.ifPresent(r -> changes.addAll(ingest.storeResource(r, clock.instant())));
            }
            return changes;
        }
        sync.syncAll();
        return List.of();
    }

    /** For tests that play the FHIR server. */
    String secret() {
        return new String(secret, StandardCharsets.UTF_8);
    }
}
