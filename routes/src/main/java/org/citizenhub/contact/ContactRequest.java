package org.citizenhub.contact;

/**
 * The HTTP request that carries a contact update to its target system.
 *
 * @param endpoint        the Camel HTTP endpoint of the system (base URL and client options)
 * @param path            the path below it
 * @param requestIdHeader the header the system deduplicates by
 */
public record ContactRequest(String endpoint, String path, String requestIdHeader, String requestId, byte[] body) {
}
