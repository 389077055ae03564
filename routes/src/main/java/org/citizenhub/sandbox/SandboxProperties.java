package org.citizenhub.sandbox;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The simulators of the external systems and their synthetic population ({@code citizenhub.sandbox.*}). */
@ConfigurationProperties("citizenhub.sandbox")
public record SandboxProperties(
        /* Start the simulators in this process (development and demo; off in production). */
        boolean enabled,
        long seed,
        /* Number of synthetic residents. */
        int size,
        int populationPort,
        /* Registry changes (moves, births, deaths) the population simulator holds ready to publish. */
        int scriptedChanges) {
}
