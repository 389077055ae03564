package org.citizenhub.connectors.vault;

import java.time.Instant;

/**
 * A source record waiting for a data steward: stored under {@code provisionalCitizenId}, possibly the
 * same person as {@code candidateCitizenId}. {@code evidence} is the engine's explanation (JSON).
 */
public record ReviewItem(long id, String sourceKey, String provisionalCitizenId, String candidateCitizenId,
                         double probability, String evidence, String status, Instant createdAt) {
}
