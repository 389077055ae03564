package org.citizenhub.connectors.portal;

import org.citizenhub.connectors.MalformedPayloadException;

/**
 * A procedure result the hub cannot take, with a code the portal can act on. Like every
 * {@link MalformedPayloadException}, retrying cannot help: the JMS route parks it at once with
 * {@code "<code>: <message>"} as the reason; the REST interface answers 4xx with the code. Messages never
 * quote the result (it holds personal data).
 */
public class RejectedResultException extends MalformedPayloadException {

    /** What was wrong; the contract lists them ({@code contracts/portal-result-reply.schema.json}). */
    public enum Code {
        /** Not JSON, a required field missing, a value of the wrong type or form. */
        MALFORMED_RESULT,
        /** The personal ID number has not the form of one. */
        INVALID_ID,
        /** No citizen in the vault has that personal ID number. */
        UNKNOWN_CITIZEN,
        /** {@code pdfBase64} is not base64, or the bytes are not a PDF. */
        NOT_A_PDF,
        /** The message or its PDF is larger than the hub accepts. */
        MESSAGE_TOO_LARGE
    }

    private final Code code;

    public RejectedResultException(Code code, String message) {
        super(code + ": " + message);
        this.code = code;
    }

    public Code code() {
        return code;
    }

    /** The message without the code. */
    public String reason() {
        return getMessage().substring(code.name().length() + 2);
    }
}
