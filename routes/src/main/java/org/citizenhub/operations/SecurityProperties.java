package org.citizenhub.operations;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may use the console and the REST API ({@code citizenhub.security.*}). Development runs open
 * ({@code enabled=false}); the production profile turns it on and takes the credentials from the
 * environment (CITIZENHUB_OPS_USER / CITIZENHUB_OPS_PASSWORD, CITIZENHUB_API_USER / CITIZENHUB_API_PASSWORD).
 */
@ConfigurationProperties("citizenhub.security")
public record SecurityProperties(boolean enabled, Account operations, Account api) {

    public record Account(String username, String password) {
    }
}
