package org.citizenhub.consent;

import java.time.Clock;

import org.citizenhub.connectors.vault.ConsentStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
public class ConsentConfiguration {

    @Bean
    ConsentStore consentStore(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
        return new ConsentStore(jdbc, tx, clock);
    }
}
