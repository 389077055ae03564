package org.citizenhub.connectors.utility;

import java.io.InputStream;
import java.util.Optional;
import java.util.Set;

import org.citizenhub.mappings.citizen.SourceSystem;

/**
 * One utility provider's REST/JSON interface: its paths, its paging, its JSON shapes. Every provider
 * has its own; the routes drive them all the same way:
 *
 * <pre>{@code
 * Optional<String> at = Optional.empty();            // or the stored watermark
 * do {
 *     GET  baseUrl + accountsPath() + "?" + accountsQuery(at, pageSize)
 *     AccountPage page = readAccounts(body);        // map page.accounts(), report page.rejected()
 *     at = page.next();                             // store as watermark
 * } while (at.isPresent());
 * GET  baseUrl + billsPath(code)                    → readBills(code, body)
 * PUT  baseUrl + contactPath(code), header requestIdHeader(): update.requestId(), body contactBody(...)
 * }</pre>
 *
 * Paths are relative to the provider's base URL (configuration). Readers throw
 * {@code MalformedPayloadException} for a message that cannot be read as a whole (not JSON, too
 * large, wrong shape, bills of another account) and report unreadable items one by one.
 */
public interface UtilityCodec {

    SourceSystem provider();

    String accountsPath();

    /** The query string of the accounts page starting at {@code position} (empty: the first page). */
    String accountsQuery(Optional<String> position, int pageSize);

    AccountPage readAccounts(InputStream body);

    String billsPath(String customerCode);

    /** Reads an account's bills; refuses the whole answer when it is about another account. */
    BillList readBills(String customerCode, InputStream body);

    String contactPath(String customerCode);

    /** The header carrying {@link AccountContactUpdate#requestId()}, which the provider deduplicates by. */
    String requestIdHeader();

    /** The contact fields this provider's interface has at all. */
    Set<ContactField> supportedContactFields();

    /**
     * The body of a contact update with only the fields the policy allows, the interface has and the
     * update carries; empty when that leaves nothing to send.
     */
    Optional<byte[]> contactBody(AccountContactUpdate update, ContactPolicy policy);

    /**
     * Fails at start-up, not at the first change, when the configuration allows a field the
     * provider's interface does not have or is for another provider.
     */
    default void requireCompatible(ContactPolicy policy) {
        if (policy.provider() != provider()) {
            throw new IllegalArgumentException("contact policy for " + policy.provider() + " given to the " + provider() + " codec");
        }
        for (ContactField field : policy.allowed()) {
            if (!supportedContactFields().contains(field)) {
                throw new IllegalArgumentException(provider() + " cannot receive contact field " + field);
            }
        }
    }

    /** The codec of a provider: ELECTRICITY, WATER, or SANITATION (which runs the water company's software). */
    static UtilityCodec forProvider(SourceSystem provider, int maxMessageBytes) {
        return switch (provider) {
            case ELECTRICITY -> new ElectricityCodec(maxMessageBytes);
            case WATER, SANITATION -> new WaterCodec(provider, maxMessageBytes);
            default -> throw new IllegalArgumentException("not a utility provider: " + provider);
        };
    }
}
