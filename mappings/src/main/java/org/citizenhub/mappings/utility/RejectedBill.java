package org.citizenhub.mappings.utility;

import java.util.Objects;

/** A bill the hub does not keep, and why (the reason names the rule, never the value). */
public record RejectedBill(String billKey, String reason) {
    public RejectedBill {
        Objects.requireNonNull(billKey, "billKey");
        Objects.requireNonNull(reason, "reason");
    }
}
