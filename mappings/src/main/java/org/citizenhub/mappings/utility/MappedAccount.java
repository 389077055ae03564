package org.citizenhub.mappings.utility;

import java.util.Objects;

import org.citizenhub.mappings.citizen.Mapped;

/** A utility account mapped: the holder as a canonical source record (with findings) and the account. */
public record MappedAccount(Mapped holder, ServiceAccount account) {
    public MappedAccount {
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(account, "account");
    }
}
