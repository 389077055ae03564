package org.citizenhub.mappings.identity;

import java.util.Map;
import java.util.Objects;

/**
 * A record as the engine sees it: an id, the source it comes from (a system, or "left"/"right" when
 * linking two files) and its raw fields by name. The engine never changes the values; normalizers
 * derive comparison keys from them.
 */
public record MatchRecord(String id, String source, Map<String, String> fields) {
    public MatchRecord {
        Objects.requireNonNull(id, "id");
        source = source == null ? "" : source;
        Map<String, String> copy = new java.util.HashMap<>();
        fields.forEach((k, v) -> {
            if (k != null && v != null) {
                copy.put(k, v);
            }
        });
        fields = java.util.Collections.unmodifiableMap(copy);
    }

    public String field(String name) {
        return fields.get(name);
    }
}
