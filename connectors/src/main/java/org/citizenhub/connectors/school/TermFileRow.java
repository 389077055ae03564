package org.citizenhub.connectors.school;

import java.util.Objects;

import org.citizenhub.mappings.school.SchoolRecord;

/** A row of a term file that could be read, with its physical line number (1 = the header). */
public record TermFileRow(int line, SchoolRecord record) {
    public TermFileRow {
        Objects.requireNonNull(record, "record");
    }

    /** School year and student code: a later file's row with the same key supersedes this one. */
    public String rowKey() {
        return record.rowKey();
    }
}
