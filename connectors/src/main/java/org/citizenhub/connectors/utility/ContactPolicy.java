package org.citizenhub.connectors.utility;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import org.citizenhub.mappings.citizen.SourceSystem;

/**
 * Which contact fields the hub may send to one provider: configuration, owned by operations, bound
 * from the hub's settings. Least privilege: a provider gets what it needs to reach its customer and
 * nothing more, even when its interface would take more.
 */
public record ContactPolicy(SourceSystem provider, Set<ContactField> allowed) {

    public ContactPolicy {
        Objects.requireNonNull(provider, "provider");
        allowed = allowed.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(allowed));
    }

    /** Electricity: phone, e-mail and address; water: phone and address; sanitation: phone. */
    public static ContactPolicy defaultFor(SourceSystem provider) {
        return switch (provider) {
            case ELECTRICITY -> new ContactPolicy(provider, EnumSet.allOf(ContactField.class));
            case WATER -> new ContactPolicy(provider, EnumSet.of(ContactField.PHONE, ContactField.ADDRESS));
            case SANITATION -> new ContactPolicy(provider, EnumSet.of(ContactField.PHONE));
            default -> throw new IllegalArgumentException("not a utility provider: " + provider);
        };
    }
}
