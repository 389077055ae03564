package org.citizenhub.mappings.health;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.util.FhirTerser;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Resolves the references inside a transaction bundle (a Synthea export, a clinic's upload) the way a
 * FHIR server does when it processes one:
 * <ul>
 *   <li>every entry gets a logical id ({@link IdAssigner}: its own id, the UUID of its
 *       {@code urn:uuid} fullUrl, or what the caller decides, e.g. a server's next id);</li>
 *   <li>{@code urn:uuid:…} references are replaced by {@code Type/id} of the entry with that fullUrl;
 *       one that points at no entry is an {@link FhirInputException.Reason#UNKNOWN_REFERENCE};</li>
 *   <li>conditional references ({@code Patient?identifier=system|value}) are resolved against the
 *       entries' identifiers first, then through the caller's {@link ConditionalLookup} (the server,
 *       the vault); unresolved ones are reported, not fatal.</li>
 * </ul>
 * Bundles of more than {@code maxEntries} entries are refused before any work.
 */
public final class TransactionBundleResolver {

    /** Chooses the logical id of an entry's resource. */
    @FunctionalInterface
    public interface IdAssigner {
        String idFor(Bundle.BundleEntryComponent entry);

        /** Keeps the resource's own id, else the UUID of a {@code urn:uuid} fullUrl, else a new UUID. */
        static IdAssigner fromBundle() {
            return entry -> {
                Resource resource = entry.getResource();
                if (resource.hasIdElement() && resource.getIdElement().hasIdPart()
                        && !resource.getIdElement().getIdPart().startsWith("urn:")) {
                    return resource.getIdElement().getIdPart();
                }
                String fullUrl = entry.getFullUrl();
                if (fullUrl != null && fullUrl.startsWith("urn:uuid:")) {
                    return fullUrl.substring("urn:uuid:".length());
                }
                return UUID.randomUUID().toString();
            };
        }
    }

    /** Finds a resource outside the bundle by a conditional reference; answers {@code Type/id}. */
    @FunctionalInterface
    public interface ConditionalLookup {
        Optional<String> find(String conditionalReference);

        static ConditionalLookup none() {
            return ref -> Optional.empty();
        }
    }

    private final int maxEntries;

    public TransactionBundleResolver(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.maxEntries = maxEntries;
    }

    public ResolvedBundle resolve(Bundle bundle, IdAssigner assigner, ConditionalLookup lookup) {
        Bundle.BundleType type = bundle.getType();
        if (type != Bundle.BundleType.TRANSACTION && type != Bundle.BundleType.BATCH && type != Bundle.BundleType.COLLECTION) {
            throw new FhirInputException(FhirInputException.Reason.UNSUPPORTED,
                    "bundle type " + (type == null ? "missing" : type.toCode()) + ", expected transaction, batch or collection");
        }
        if (bundle.getEntry().size() > maxEntries) {
            throw new FhirInputException(FhirInputException.Reason.TOO_LARGE,
                    "bundle has " + bundle.getEntry().size() + " entries, at most " + maxEntries + " allowed");
        }

        Map<String, String> byFullUrl = new HashMap<>();
        Map<String, String> byIdentifier = new HashMap<>();
        List<String[]> assigned = new ArrayList<>();
        int index = 0;
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Resource resource = entry.getResource();
            if (resource == null) {
                throw new FhirInputException(FhirInputException.Reason.INVALID_RESOURCE, "bundle entry " + index + " has no resource");
            }
            String typeName = resource.fhirType();
            String id = assigner.idFor(entry);
            String target = typeName + "/" + id;
            assigned.add(new String[] {typeName, id});
            if (entry.hasFullUrl()) {
                byFullUrl.put(entry.getFullUrl(), target);
            }
            if (resource.hasIdElement() && resource.getIdElement().hasIdPart()) {
                byFullUrl.putIfAbsent(typeName + "/" + resource.getIdElement().getIdPart(), target);
            }
            for (Identifier identifier : identifiers(resource)) {
                if (identifier.hasSystem() && identifier.hasValue()) {
                    byIdentifier.putIfAbsent(typeName + "?identifier=" + identifier.getSystem() + "|" + identifier.getValue(), target);
                }
            }
            index++;
        }

        FhirTerser terser = FhirR4.context().newTerser();
        List<String> unresolved = new ArrayList<>();
        List<ResolvedBundle.Entry> entries = new ArrayList<>();
        index = 0;
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Resource resource = entry.getResource();
            for (Reference reference : terser.getAllPopulatedChildElementsOfType(resource, Reference.class)) {
                String ref = reference.getReference();
                if (ref == null || ref.startsWith("#")) {
                    continue;
                }
                if (ref.startsWith("urn:uuid:") || ref.startsWith("urn:oid:")) {
                    String target = byFullUrl.get(ref);
                    if (target == null) {
                        throw new FhirInputException(FhirInputException.Reason.UNKNOWN_REFERENCE, "bundle entry " + index
                                + " (" + resource.fhirType() + ") refers to a urn that is no entry of the bundle");
                    }
                    reference.setReference(target);
                } else if (ref.indexOf('?') > 0) {
                    Optional<String> target = Optional.ofNullable(byIdentifier.get(normalizeConditional(ref))).or(() -> lookup.find(ref));
                    if (target.isPresent()) {
                        reference.setReference(target.get());
                    } else if (!unresolved.contains(ref)) {
                        unresolved.add(ref);
                    }
                } else if (byFullUrl.containsKey(ref)) {
                    reference.setReference(byFullUrl.get(ref));
                }
            }
            String[] typeAndId = assigned.get(index);
            resource.setId(typeAndId[0] + "/" + typeAndId[1]);
            entries.add(new ResolvedBundle.Entry(entry, resource));
            index++;
        }
        return new ResolvedBundle(entries, unresolved);
    }

    /** {@code Patient?identifier=a|b} with URL escapes undone, so it compares with the entries' identifiers. */
    private static String normalizeConditional(String ref) {
        return URLDecoder.decode(ref, StandardCharsets.UTF_8);
    }

    private static List<Identifier> identifiers(Resource resource) {
        BaseRuntimeChildDefinition child = FhirR4.context().getResourceDefinition(resource).getChildByName("identifier");
        if (child == null) {
            return List.of();
        }
        return child.getAccessor().getValues(resource).stream()
                .filter(Identifier.class::isInstance).map(Identifier.class::cast).toList();
    }
}
