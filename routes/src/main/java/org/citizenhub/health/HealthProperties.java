package org.citizenhub.health;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Connection to the health-record system, an HL7 FHIR R4 server ({@code citizenhub.health.*}). */
@ConfigurationProperties("citizenhub.health")
public record HealthProperties(
        /* Base URL of the FHIR R4 server, e.g. http://hapi.internal:8080/fhir. */
        URI baseUrl,
        /* Identifier system URI under which the server files the 12-digit personal ID number (CCCD). */
        String personalIdSystem,
        /* Identifier system URI of the legacy 9-digit CMND number. */
        String legacyIdSystem,
        /* Value of the Authorization header sent with every request (from the environment); blank for none. */
        String authorization,
        /* Milliseconds between incremental syncs (notifications trigger one at once in between). */
        long pollInterval,
        /* Resources per search page (_count). */
        int pageSize,
        long connectTimeout,
        /* Milliseconds for one whole request and answer. */
        long requestTimeout,
        /* Milliseconds each sync re-reads before the watermark, for writes committed late on the server. */
        long syncOverlap,
        /* Read-merge-write rounds of a write-back before it gives up on conflicts (412/409). */
        int maxUpdateAttempts,
        /* Vault watermark that must exist before the first sync (the population initial load), blank for none. */
        String startAfterWatermark,
        Subscriptions subscriptions,
        WriteBack writeBack,
        Inbox inbox) {

    /** Rest-hook subscriptions on the FHIR server and the hub's callback for them. */
    public record Subscriptions(
            boolean enabled,
            /* How the FHIR server reaches the hub; blank: http://localhost:<the hub's port>. */
            String callbackBaseUrl,
            /* Shared secret the server sends back in X-Hub-Token (from the environment); blank: a random one per run. */
            String callbackSecret,
            /* EMPTY (the hub syncs when notified) or FULL_RESOURCE (the server sends the resource). */
            String payload,
            /* Milliseconds between checks that the subscriptions are still there and active. */
            long checkInterval) {
    }

    /** Golden-record changes written back to the linked Patients. */
    public record WriteBack(boolean enabled, int consumers) {
    }

    /** Folder where FHIR transaction bundles (Synthea exports, clinics' uploads) are dropped. */
    public record Inbox(boolean enabled, String folder, long maxBundleBytes, int maxBundleEntries) {
    }
}
