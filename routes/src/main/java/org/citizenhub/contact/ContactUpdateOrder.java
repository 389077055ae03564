package org.citizenhub.contact;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

import org.citizenhub.mappings.citizen.SourceSystem;

/**
 * One contact update for one record of one system, as queued on {@code hub.contact-updates}: only the
 * fields that system may have and that changed. The values are carried (not looked up again when sent)
 * so that a retry sends the same body under the same request id.
 *
 * @param requestId the idempotency key the target deduplicates by, stable for (target, change)
 * @param targetCode the record there: a student code (its guardian contact) or a customer code
 */
public record ContactUpdateOrder(String requestId, SourceSystem targetSystem, String targetCode, String citizenId,
                                 long citizenVersion, String phone, String email, String address) {

    public ContactUpdateOrder {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(targetSystem, "targetSystem");
        Objects.requireNonNull(targetCode, "targetCode");
        Objects.requireNonNull(citizenId, "citizenId");
    }

    /** The names of the fields carried (PHONE, EMAIL, ADDRESS), never their values. */
    public Set<String> fields() {
        Set<String> fields = new LinkedHashSet<>();
        if (phone != null) {
            fields.add("PHONE");
        }
        if (email != null) {
            fields.add("EMAIL");
        }
        if (address != null) {
            fields.add("ADDRESS");
        }
        return fields;
    }
}
