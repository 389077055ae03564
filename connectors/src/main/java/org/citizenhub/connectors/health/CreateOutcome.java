package org.citizenhub.connectors.health;

import java.util.Objects;

/**
 * The result of a (conditional) create.
 *
 * @param id        the logical id of the resource now on the server
 * @param versionId its version, empty when the server did not say
 * @param created   false when If-None-Exist found the resource already there (HTTP 200 instead of 201)
 */
public record CreateOutcome(String resourceType, String id, String versionId, boolean created) {
    public CreateOutcome {
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(id, "id");
        versionId = versionId == null ? "" : versionId;
    }

    /** {@code Type/id}. */
    public String reference() {
        return resourceType + "/" + id;
    }
}
