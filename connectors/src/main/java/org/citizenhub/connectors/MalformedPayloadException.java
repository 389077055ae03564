package org.citizenhub.connectors;

/**
 * A payload from an external system that cannot be read: not well-formed, too large, a forbidden
 * construct (DTD, external entity), a missing element. Retrying cannot help; routes park the message
 * with this message as the reason. Messages never quote the payload (it may hold personal data).
 */
public class MalformedPayloadException extends RuntimeException {
    public MalformedPayloadException(String message) {
        super(message);
    }

    public MalformedPayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
