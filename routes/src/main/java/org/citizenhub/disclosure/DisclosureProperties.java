package org.citizenhub.disclosure;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/** Pre-fill and agency disclosures ({@code citizenhub.disclosure.*}). */
@ConfigurationProperties("citizenhub.disclosure")
public record DisclosureProperties(
        /* The procedure catalogue (config/procedures.yaml). */
        Resource procedures,
        /* The agencies and what each may invoke (config/agencies.yaml). */
        Resource agencies,
        /* Each agency's password (broker and REST), by agency id; from the environment in production. */
        Map<String, String> accounts,
        /* Largest request accepted over JMS or REST, in bytes. */
        int maxRequestBytes,
        /* Parallel consumers of each agency's request queue. */
        int concurrentConsumers) {

    @Override
    public String toString() {
        return "DisclosureProperties[procedures=" + procedures + ", agencies=" + agencies + ", accounts="
                + (accounts == null ? "[]" : accounts.keySet()) + "]";
    }
}
