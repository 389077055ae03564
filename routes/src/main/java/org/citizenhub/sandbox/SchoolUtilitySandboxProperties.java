package org.citizenhub.sandbox;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Ports of the school and utility simulators ({@code citizenhub.sandbox.school-port}, {@code utility-port}). */
@ConfigurationProperties("citizenhub.sandbox")
public record SchoolUtilitySandboxProperties(
        /* The school system's REST interface (term files go into citizenhub.school.inbox). */
        int schoolPort,
        /* One server for the providers: /electricity/api, /water/v1, /sanitation/v1. */
        int utilityPort) {
}
