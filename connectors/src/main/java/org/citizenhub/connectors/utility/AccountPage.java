package org.citizenhub.connectors.utility;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.citizenhub.mappings.utility.UtilityAccount;

/**
 * One page of a provider's account list.
 *
 * @param next where the next page starts (an opaque position for {@link UtilityCodec#accountsQuery});
 *             empty on the last page. Store it as the sync watermark to resume after a failure.
 */
public record AccountPage(List<UtilityAccount> accounts, List<RejectedItem> rejected, Optional<String> next) {
    public AccountPage {
        accounts = List.copyOf(accounts);
        rejected = List.copyOf(rejected);
        Objects.requireNonNull(next, "next");
    }
}
