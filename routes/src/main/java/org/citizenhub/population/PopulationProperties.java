package org.citizenhub.population;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Connection to the national population database ({@code citizenhub.population.*}). */
@ConfigurationProperties("citizenhub.population")
public record PopulationProperties(
        /* Base URL of the population database's web service, without a trailing slash. */
        String baseUrl,
        /* Citizens per page of the initial bulk extract. */
        int pageSize,
        /* Milliseconds between polls of the change feed. */
        long pollInterval,
        long connectTimeout,
        long responseTimeout,
        /* Largest XML message accepted from the population database, in bytes. */
        long maxMessageBytes) {
}
