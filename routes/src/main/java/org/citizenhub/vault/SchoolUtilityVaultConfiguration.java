package org.citizenhub.vault;

import java.time.Clock;

import org.citizenhub.connectors.vault.SchoolUtilityStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The school and utility part of the vault (same database, same transactions as {@code VaultStore}). */
@Configuration(proxyBeanMethods = false)
public class SchoolUtilityVaultConfiguration {

    @Bean
    SchoolUtilityStore schoolUtilityStore(NamedParameterJdbcTemplate jdbc, Clock clock) {
        return new SchoolUtilityStore(jdbc, clock);
    }
}
