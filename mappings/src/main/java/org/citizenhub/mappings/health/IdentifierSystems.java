package org.citizenhub.mappings.health;

import java.util.Objects;

/**
 * The identifier system URIs under which a health-record system files the personal ID number
 * (CCCD, 12 digits) and the legacy CMND number (9 digits). They are configuration: every FHIR
 * server names them its own way.
 */
public record IdentifierSystems(String personalId, String legacyId) {

    /** What the hub's simulator uses and the hub writes unless configured otherwise. */
    public static final IdentifierSystems DEFAULT = new IdentifierSystems(
            HubFhirUris.HUB_BASE + "/sid/cccd", HubFhirUris.HUB_BASE + "/sid/cmnd");

    public IdentifierSystems {
        Objects.requireNonNull(personalId, "personalId");
        Objects.requireNonNull(legacyId, "legacyId");
    }

    /** The FHIR token for a search or an If-None-Exist on the personal ID: {@code system|value}. */
    public String personalIdToken(String personalIdNumber) {
        return personalId + "|" + personalIdNumber;
    }
}
