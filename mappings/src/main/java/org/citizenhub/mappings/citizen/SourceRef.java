package org.citizenhub.mappings.citizen;

import java.util.Objects;

/** A record in an external system: the system and the record's own id there. */
public record SourceRef(SourceSystem system, String recordId) {
    public SourceRef {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(recordId, "recordId");
    }

    /** The stable text form used as a key, e.g. {@code POPULATION:048090001234}. */
    public String key() {
        return system.name() + ":" + recordId;
    }
}
