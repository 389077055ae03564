package org.citizenhub.connectors.utility;

import java.util.Objects;

/** An item of a provider's list that could not be read: its position in the list and why (never its content). */
public record RejectedItem(int index, String reason) {
    public RejectedItem {
        Objects.requireNonNull(reason, "reason");
    }
}
