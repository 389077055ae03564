package org.citizenhub.connectors.health;

import java.util.Objects;

import org.hl7.fhir.r4.model.Resource;

/** A resource as read from the server with the version its ETag named: what an If-Match must say. */
public record Versioned<T extends Resource>(T resource, String versionId) {
    public Versioned {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(versionId, "versionId");
    }

    public String id() {
        return resource.getIdElement().getIdPart();
    }
}
