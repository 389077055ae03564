package org.citizenhub.events;

import java.time.Instant;
import java.util.List;

/**
 * Published on the topic {@code citizen.changed} whenever a golden record is created or a surviving
 * value changes. It names the fields that changed, not their values: subscribers ask for the data they
 * are allowed to see. Contract: {@code contracts/citizen-changed-event.schema.json}.
 */
public record CitizenChangedEvent(
        String eventId,
        String type,
        String citizenId,
        long version,
        List<String> changedFields,
        String causeSystem,
        Instant occurredAt) {
}
