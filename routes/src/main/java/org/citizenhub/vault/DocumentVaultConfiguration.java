package org.citizenhub.vault;

import java.time.Clock;

import org.citizenhub.connectors.vault.DocumentStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The documents part of the vault (same database, same transactions as {@code VaultStore}). */
@Configuration(proxyBeanMethods = false)
public class DocumentVaultConfiguration {

    @Bean
    DocumentStore documentStore(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
        return new DocumentStore(jdbc, tx, clock);
    }
}
