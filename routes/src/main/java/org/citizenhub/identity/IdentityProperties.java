package org.citizenhub.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Incremental identity resolution in the hub ({@code citizenhub.identity.*}). */
@ConfigurationProperties("citizenhub.identity")
public record IdentityProperties(
        /* Matching configuration: a file, or the built-in "citizen". */
        String config,
        /* Fellegi-Sunter parameters written by a batch run (model.properties), as a Spring resource location. */
        String modelLocation,
        /* Survivorship rules of the golden record (YAML), as a Spring resource location; read at start and by each re-run. */
        String survivorship) {

    public IdentityProperties {
        if (survivorship == null || survivorship.isBlank()) {
            survivorship = "classpath:" + org.citizenhub.mappings.citizen.SurvivorshipRules.DEFAULT_RESOURCE;
        }
    }
}
