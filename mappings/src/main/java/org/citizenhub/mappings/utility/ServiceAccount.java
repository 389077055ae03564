package org.citizenhub.mappings.utility;

import java.util.Objects;

import org.citizenhub.mappings.citizen.SourceRef;
import org.citizenhub.mappings.citizen.SourceSystem;

/**
 * The account itself, apart from its holder: what the vault lists under a citizen ("electricity,
 * PC0500001234, at …") and what bills hang off. {@code serviceAddress} is where the meter is, which
 * does not move when the holder does.
 */
public record ServiceAccount(SourceSystem provider, String customerCode, String serviceAddress) {

    public ServiceAccount {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(customerCode, "customerCode");
        Objects.requireNonNull(serviceAddress, "serviceAddress");
    }

    /** The same reference as the holder's source record: {@code ELECTRICITY:PC0500001234}. */
    public SourceRef sourceRef() {
        return new SourceRef(provider, customerCode);
    }
}
