package org.citizenhub.mappings.citizen;

/**
 * A source record that cannot be mapped at all (no name, unreadable date, unknown code). Retrying
 * cannot help: routes park such a record with this message as the reason. The message names the
 * field and the rule, never the value (it may be personal data).
 */
public class InvalidSourceRecordException extends RuntimeException {
    public InvalidSourceRecordException(String message) {
        super(message);
    }

    public InvalidSourceRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
