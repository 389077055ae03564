package org.citizenhub.connectors.health;

import java.util.Objects;

/**
 * The FHIR server could not be used for a request. The message names the operation and the
 * resource type or id ("GET Patient search", "PUT Patient/123"), the HTTP status and, for FHIR errors,
 * the OperationOutcome issue codes; never query values, bodies or diagnostics, which may hold personal
 * data. {@link #retryable()} tells the route whether to retry (server down, slow, 5xx, 429) or to park
 * the message with this message as the reason.
 */
public class FhirServerException extends RuntimeException {

    private final Kind kind;
    private final int status;

    public FhirServerException(Kind kind, int status, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.status = status;
    }

    public FhirServerException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.status = 0;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, 0 when there was no answer. */
    public int status() {
        return status;
    }

    public boolean retryable() {
        return switch (kind) {
            case UNREACHABLE, TIMEOUT -> true;
            case SERVER_ERROR -> true;
            case NOT_FHIR -> status == 0 || status >= 500;
            default -> false;
        };
    }

    public enum Kind {
        /** No connection (refused, reset, DNS). */
        UNREACHABLE,
        /** No answer within the request timeout. */
        TIMEOUT,
        /** 5xx or 429. */
        SERVER_ERROR,
        /** An answer that is no FHIR at all (an HTML page from a proxy or login screen). */
        NOT_FHIR,
        /** A FHIR content type whose body is not valid JSON or not the expected resource. */
        INVALID_RESPONSE,
        /** 404 or 410. */
        NOT_FOUND,
        /** 409 or 412: the resource changed meanwhile (If-Match) or a conditional matched several. */
        CONFLICT,
        /** Any other 4xx: the server refused the request (invalid resource, unknown search parameter, …). */
        REJECTED
    }
}
