package org.citizenhub.sandbox.health;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Subscription;

/**
 * The small search language the simulator understands in If-None-Exist headers, conditional
 * references, conditional updates and Subscription criteria: {@code Type?identifier=system|value}
 * (also {@code identifier=value}), {@code Subscription?url=…}, or just {@code Type} / {@code Type?}
 * for "every resource of that type". Anything else is refused with a 400, as a real server refuses
 * criteria it cannot evaluate.
 */
public record SearchCriteria(String resourceType, List<String[]> identifiers, Optional<String> url) {

    /** Parses criteria; {@code defaultType} is used when the text has no type ("identifier=a|b"). */
    public static SearchCriteria parse(String text, String defaultType) {
        String criteria = text.strip();
        String type = defaultType;
        String query = criteria;
        int q = criteria.indexOf('?');
        if (q >= 0) {
            type = q == 0 ? defaultType : criteria.substring(0, q);
            query = criteria.substring(q + 1);
        } else if (!criteria.contains("=")) {
            type = criteria;
            query = "";
        }
        if (type == null || type.isEmpty() || !Character.isUpperCase(type.charAt(0))) {
            throw new InvalidRequestException("criteria name no resource type");
        }
        List<String[]> identifiers = new ArrayList<>();
        String url = null;
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            switch (name) {
                case "identifier" -> {
                    int bar = value.indexOf('|');
                    identifiers.add(bar < 0 ? new String[] {null, value} : new String[] {value.substring(0, bar), value.substring(bar + 1)});
                }
                case "url" -> url = value;
                default -> throw new InvalidRequestException("the simulator does not support the search parameter "
                        + name.toLowerCase(Locale.ROOT) + " in criteria");
            }
        }
        return new SearchCriteria(type, identifiers, Optional.ofNullable(url));
    }

    public boolean matches(Resource resource) {
        if (!resource.fhirType().equals(resourceType)) {
            return false;
        }
        for (String[] wanted : identifiers) {
            if (!hasIdentifier(resource, wanted[0], wanted[1])) {
                return false;
            }
        }
        if (url.isPresent()) {
            return resource instanceof Subscription s && url.get().equals(s.getChannel().getEndpoint());
        }
        return true;
    }

    static boolean hasIdentifier(Resource resource, String system, String value) {
        for (Identifier identifier : identifiersOf(resource)) {
            boolean systemMatches = system == null || system.isEmpty() && !identifier.hasSystem()
                    || system.equals(identifier.getSystem());
            boolean valueMatches = value == null || value.isEmpty() || value.equals(identifier.getValue());
            if (systemMatches && valueMatches) {
                return true;
            }
        }
        return false;
    }

    static List<Identifier> identifiersOf(Resource resource) {
        if (resource instanceof Patient p) {
            return p.getIdentifier();
        }
        if (resource instanceof org.hl7.fhir.r4.model.DiagnosticReport d) {
            return d.getIdentifier();
        }
        if (resource instanceof org.hl7.fhir.r4.model.Immunization i) {
            return i.getIdentifier();
        }
        return List.of();
    }
}
