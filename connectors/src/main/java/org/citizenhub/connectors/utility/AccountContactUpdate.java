package org.citizenhub.connectors.utility;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * An account holder's contact as the golden record now has it, to be sent to one account. A null
 * value is not sent (the provider's value stays).
 *
 * @param requestId the idempotency key the provider deduplicates by; derive it with
 *                  {@link #requestIdFor} so a retry or a redelivered event sends the same one
 * @param address   the contact address on one line
 */
public record AccountContactUpdate(String requestId, String customerCode, String phone, String email, String address) {

    public AccountContactUpdate {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(customerCode, "customerCode");
    }

    /**
     * A stable request id for one change of one account: the same (account, change) always gives the same id.
     *
     * @param targetKey the account ({@code WATER:DNW00001234})
     * @param changeKey what caused it (the golden record's id and version, or the change event's key)
     */
    public static String requestIdFor(String targetKey, String changeKey) {
        return UUID.nameUUIDFromBytes((targetKey + "|" + changeKey).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
