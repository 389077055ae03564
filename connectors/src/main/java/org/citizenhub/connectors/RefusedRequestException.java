package org.citizenhub.connectors;

/**
 * An external system refused a request the hub sent it: the record is unknown there (404), the request
 * id was already used for another request (409), or it holds a field the system does not accept (422).
 * Sending the same request again cannot help; routes park it with this message as the reason. The
 * message names the system, the status and its meaning, never the data sent.
 */
public class RefusedRequestException extends RuntimeException {

    private final int status;

    public RefusedRequestException(String message, int status) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
