package org.citizenhub.mappings.health;

import java.util.List;
import java.util.Objects;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * A transaction (or batch, or collection) bundle whose entries have their logical ids and whose
 * {@code urn:uuid} and conditional references point at {@code Type/id}.
 *
 * @param unresolvedConditionalReferences conditional references ({@code Organization?identifier=…})
 *                                        that neither the bundle nor the lookup could resolve; they are
 *                                        left as written (Synthea points at practitioners and
 *                                        organisations exported in separate files)
 */
public record ResolvedBundle(List<Entry> entries, List<String> unresolvedConditionalReferences) {

    public ResolvedBundle {
        entries = List.copyOf(entries);
        unresolvedConditionalReferences = List.copyOf(unresolvedConditionalReferences);
    }

    /** The resources of one type, in bundle order. */
    public <T extends Resource> List<T> resourcesOf(Class<T> type) {
        return entries.stream().map(Entry::resource).filter(type::isInstance).map(type::cast).toList();
    }

    /**
     * One entry: the original entry (request method, If-None-Exist, If-Match, …) and its resource
     * with id and references resolved.
     */
    public record Entry(Bundle.BundleEntryComponent original, Resource resource) {
        public Entry {
            Objects.requireNonNull(original, "original");
            Objects.requireNonNull(resource, "resource");
        }
    }
}
