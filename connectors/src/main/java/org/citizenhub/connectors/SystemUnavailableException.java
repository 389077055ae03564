package org.citizenhub.connectors;

/**
 * An external system answered with a server error (5xx) or an answer the hub cannot take as one: the
 * system is in trouble, not the request. Routes retry, then park or poll again. The message names the
 * system and the status, never the data.
 */
public class SystemUnavailableException extends RuntimeException {
    public SystemUnavailableException(String message) {
        super(message);
    }
}
