package org.citizenhub.utility;

import java.util.Map;
import java.util.Set;

import org.citizenhub.connectors.utility.ContactField;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The utility providers: electricity, water, sanitation ({@code citizenhub.utility.*}). */
@ConfigurationProperties("citizenhub.utility")
public record UtilityProperties(
        /* Sync accounts and bills and send account contacts (off: the utility routes are not started). */
        boolean enabled,
        /* Milliseconds between checks whether a sync is due (or one left unfinished should resume). */
        long pollInterval,
        /* Milliseconds from the end of a provider's complete sync to the start of its next one. */
        long syncInterval,
        /* Accounts asked for per page. */
        int pageSize,
        long connectTimeout,
        long responseTimeout,
        /* Largest JSON message accepted from a provider, in bytes. */
        int maxMessageBytes,
        /* Each provider's interface and the account contact fields the hub may send it (PHONE, EMAIL, ADDRESS). */
        Map<SourceSystem, Provider> providers) {

    public UtilityProperties {
        providers = providers == null ? Map.of() : Map.copyOf(providers);
    }

    /** One provider: the base URL of its interface (no trailing slash) and its contact policy. */
    public record Provider(String baseUrl, Set<ContactField> contactFields) {
        public Provider {
            contactFields = contactFields == null ? Set.of() : Set.copyOf(contactFields);
        }
    }

    /** The Camel HTTP endpoint of a provider: its base URL with the client options (status codes judged by the route). */
    public String endpoint(SourceSystem provider) {
        Provider p = providers.get(provider);
        if (p == null) {
            throw new IllegalArgumentException("no citizenhub.utility.providers entry for " + provider);
        }
        return p.baseUrl() + "?throwExceptionOnFailure=false&connectTimeout=" + connectTimeout + "&responseTimeout=" + responseTimeout;
    }
}
