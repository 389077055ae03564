package org.citizenhub.connectors.school;

import java.util.List;
import java.util.Objects;

/**
 * A term file that was accepted as a whole: its fingerprint, the rows that could be read, and the
 * rows that could not, one by one. A file that cannot be accepted as a whole is never a
 * {@code TermFile}: {@link TermFileReader} throws instead.
 *
 * @param fingerprint SHA-256 of the file's bytes, lower-case hex
 */
public record TermFile(String fingerprint, List<TermFileRow> rows, List<RejectedRow> rejected) {

    public TermFile {
        Objects.requireNonNull(fingerprint, "fingerprint");
        rows = List.copyOf(rows);
        rejected = List.copyOf(rejected);
    }

    /** The idempotency key of the delivery: the same bytes delivered again have the same key and change nothing. */
    public String idempotencyKey() {
        return "SCHOOL-FILE:" + fingerprint;
    }
}
