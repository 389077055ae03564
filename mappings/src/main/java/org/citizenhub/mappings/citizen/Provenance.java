package org.citizenhub.mappings.citizen;

import java.time.Instant;
import java.util.Objects;

/** Where a value came from: the source system, the record there, and when the hub read it. */
public record Provenance(SourceSystem sourceSystem, String sourceRecordId, Instant retrievedAt) {
    public Provenance {
        Objects.requireNonNull(sourceSystem, "sourceSystem");
        Objects.requireNonNull(sourceRecordId, "sourceRecordId");
        Objects.requireNonNull(retrievedAt, "retrievedAt");
    }

    public SourceRef sourceRef() {
        return new SourceRef(sourceSystem, sourceRecordId);
    }
}
