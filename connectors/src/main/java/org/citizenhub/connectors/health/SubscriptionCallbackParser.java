package org.citizenhub.connectors.health;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.citizenhub.mappings.health.FhirInputException;
import org.citizenhub.mappings.health.FhirR4;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;

/**
 * Reads what the FHIR server sent to the hub's rest-hook callback. Copes with both styles servers use:
 * <ul>
 *   <li>an empty POST (no payload configured): {@link SubscriptionNotification.ResyncRequested};</li>
 *   <li>a PUT (or POST) of the resource, HAPI's style {@code PUT <callback>/Patient/123}, or of a Bundle
 *       of resources (history or notification bundles):
 *       {@link SubscriptionNotification.ResourcesReceived}.</li>
 * </ul>
 * A body that is not FHIR, or a resource whose type or id disagrees with the path, is an
 * {@link FhirInputException} (the callback answers 400 and parks it).
 */
public final class SubscriptionCallbackParser {

    private static final Pattern TYPE_AND_ID = Pattern.compile("/([A-Z][A-Za-z]+)(?:/([A-Za-z0-9\\-.]{1,64}))?/?$");

    private SubscriptionCallbackParser() {
    }

    /**
     * @param path        the request path (the part after the callback base names type and id, if any)
     * @param contentType the Content-Type header, may be null
     * @param body        the request body, may be null or empty
     */
    public static SubscriptionNotification parse(String path, String contentType, byte[] body) {
        Optional<String[]> typeAndId = typeAndId(path);
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return new SubscriptionNotification.ResyncRequested(typeAndId.map(t -> t[0]));
        }
        if (contentType != null && !contentType.isBlank() && !contentType.toLowerCase(Locale.ROOT).contains("json")) {
            throw new FhirInputException(FhirInputException.Reason.INVALID_JSON,
                    "notification body is " + contentType.split(";")[0].strip() + ", expected FHIR JSON");
        }
        IBaseResource parsed = FhirR4.parseAny(text);
        List<Resource> resources = new ArrayList<>();
        if (parsed instanceof Bundle bundle) {
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                Resource resource = entry.getResource();
                if (resource != null && !(resource instanceof Parameters) && !"SubscriptionStatus".equals(resource.fhirType())) {
                    resources.add(resource);
                }
            }
            if (resources.isEmpty()) {
                return new SubscriptionNotification.ResyncRequested(typeAndId.map(t -> t[0]));
            }
        } else {
            Resource resource = (Resource) parsed;
            typeAndId.ifPresent(t -> checkMatchesPath(resource, t));
            resources.add(resource);
        }
        return new SubscriptionNotification.ResourcesReceived(resources);
    }

    private static void checkMatchesPath(Resource resource, String[] typeAndId) {
        if (!resource.fhirType().equals(typeAndId[0])) {
            throw new FhirInputException(FhirInputException.Reason.WRONG_RESOURCE_TYPE,
                    "notification path names a " + typeAndId[0] + " but the body holds a " + resource.fhirType());
        }
        String bodyId = resource.getIdElement().getIdPart();
        if (typeAndId[1] != null && bodyId != null && !typeAndId[1].equals(bodyId)) {
            throw new FhirInputException(FhirInputException.Reason.INVALID_RESOURCE,
                    "notification path names " + typeAndId[0] + "/" + typeAndId[1] + " but the body holds id " + bodyId);
        }
        if (bodyId == null && typeAndId[1] != null) {
            resource.setId(typeAndId[0] + "/" + typeAndId[1]);
        }
    }

    private static Optional<String[]> typeAndId(String path) {
        if (path == null) {
            return Optional.empty();
        }
        Matcher m = TYPE_AND_ID.matcher(path);
        return m.find() ? Optional.of(new String[] {m.group(1), m.group(2)}) : Optional.empty();
    }
}
