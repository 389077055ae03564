package org.citizenhub.operations;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The embedded broker ({@code citizenhub.broker.*}); an external broker is configured by spring.artemis.*. */
@ConfigurationProperties("citizenhub.broker")
public record BrokerProperties(
        /* TCP acceptor for agencies, e.g. tcp://127.0.0.1:61616; empty for in-VM only. */
        String tcpAcceptor,
        /* The hub's own broker account's password; empty: a random one per run (nobody else needs it). */
        String hubPassword) {

    /** The hub's own account on the embedded broker. */
    public static final String HUB_USER = "hub";
}
