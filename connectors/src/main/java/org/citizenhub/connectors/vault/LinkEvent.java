package org.citizenhub.connectors.vault;

import java.time.Instant;

/** One change of the golden record a source record belongs to; {@code reason} NEW (the record founded a new golden citizen), LINKED, REVIEW, MERGED, UNMERGED. */
public record LinkEvent(String sourceKey, String fromCitizenId, String toCitizenId, String reason, Instant at) {
}
