package org.citizenhub.vault;

import java.time.Clock;

import org.citizenhub.connectors.vault.CitizenLinker;
import org.citizenhub.connectors.vault.VaultStore;
import org.citizenhub.mappings.citizen.GoldenRecordBuilder;
import org.citizenhub.identity.SurvivorshipPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
public class VaultConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    VaultStore vaultStore(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, Clock clock, CitizenLinker linker,
                          SurvivorshipPolicy survivorship) {
        // the rules in force: citizenhub.identity.survivorship, replaced by a survivorship re-run
        return new VaultStore(jdbc, tx, new GoldenRecordBuilder(survivorship::current), clock, linker);
    }
}
