package org.citizenhub.sandbox.synthetic;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.citizenhub.mappings.citizen.SourceSystem;

/**
 * One record as an external system holds it. {@code fields} are the system's own field names (see
 * {@link ViewFields}) in its column order, every value a string ("" when the system has none).
 * {@code personKey} is the ground truth — the {@link Person} the record describes — and is not part
 * of what the system knows.
 */
public record ViewRecord(SourceSystem system, String recordId, String personKey, Map<String, String> fields) {

    public ViewRecord {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(personKey, "personKey");
        // Views hand over frozen FieldValues (compact, read-only); anything else is copied.
        if (!(fields instanceof FieldValues values && values.isFrozen())) {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }

    /** The value of a field, "" when absent. */
    public String field(String name) {
        return fields.getOrDefault(name, "");
    }
}
