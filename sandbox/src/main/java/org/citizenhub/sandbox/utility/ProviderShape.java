package org.citizenhub.sandbox.utility;

import java.util.Map;
import java.util.Set;

import org.citizenhub.mappings.citizen.SourceSystem;

/**
 * How one provider's interface looks: where it lives, how it pages, how its JSON is shaped. The
 * providers differ on purpose, as real ones do: the hub must not assume one shape.
 */
interface ProviderShape {

    /** Everything of this provider is under this path ("/electricity/api"). */
    String pathPrefix();

    /** "customers" or "accounts": {@code prefix/collection}, {@code prefix/collection/{code}/…}. */
    String collection();

    /** "bills" or "invoices". */
    String billsName();

    String requestIdHeader();

    /** The contact fields (JSON keys) a contact update may carry. */
    Set<String> contactKeys();

    byte[] accountsPage(ProviderBook book, Map<String, String> query);

    byte[] bills(ProviderBook book, String code);

    /** What the provider's broken gateway answers with status 200. */
    byte[] garbage();

    static ProviderShape of(SourceSystem provider) {
        return switch (provider) {
            case ELECTRICITY -> new ElectricityShape();
            case WATER -> new WaterShape("/water/v1", Set.of("phone", "mailingAddress"));
            case SANITATION -> new WaterShape("/sanitation/v1", Set.of("phone"));
            default -> throw new IllegalArgumentException("not a utility provider: " + provider);
        };
    }
}
