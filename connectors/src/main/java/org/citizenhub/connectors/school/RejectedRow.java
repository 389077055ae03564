package org.citizenhub.connectors.school;

import java.util.Objects;

/** A row of a term file that was not taken, by line number, and why. The reason never quotes the row. */
public record RejectedRow(int line, String reason) {
    public RejectedRow {
        Objects.requireNonNull(reason, "reason");
    }
}
