package org.citizenhub.agency;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Agency-facing interfaces ({@code citizenhub.agency.*}). */
@ConfigurationProperties("citizenhub.agency")
public record AgencyProperties(
        /* Largest lookup request accepted over JMS or REST, in bytes. */
        int maxRequestBytes,
        /* Parallel consumers of the lookup request queue. */
        int concurrentConsumers) {
}
