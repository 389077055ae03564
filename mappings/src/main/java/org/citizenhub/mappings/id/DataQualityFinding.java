package org.citizenhub.mappings.id;

import java.util.Objects;

/**
 * A problem found in source data. The message never contains the offending value itself
 * (it may be personal data): it names the field and the rule that failed.
 */
public record DataQualityFinding(Code code, String field, String message) {
    public DataQualityFinding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    public enum Code {
        ID_MALFORMED,
        ID_UNKNOWN_PROVINCE,
        ID_CENTURY_SEX_MISMATCH,
        ID_BIRTH_YEAR_MISMATCH,
        VALUE_MISSING,
        VALUE_INVALID
    }
}
