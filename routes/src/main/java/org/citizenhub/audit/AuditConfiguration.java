package org.citizenhub.audit;

import java.time.Clock;

import org.citizenhub.connectors.vault.AuditCheckpoints;
import org.citizenhub.connectors.vault.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The access log and its signed checkpoints. */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(AuditConfiguration.class);

    @Bean
    AuditCheckpoints auditCheckpoints(AuditProperties properties, Clock clock) {
        return AuditCheckpoints.writable(properties.checkpointDir(), properties.signingKey(), clock);
    }

    @Bean
    AuditLog auditLog(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, Clock clock, AuditCheckpoints checkpoints) {
        return new AuditLog(jdbc, tx, clock, checkpoints);
    }

    /** Checkpoints the head once more when the hub stops (destroyed before the log and the database it needs). */
    @Bean
    AutoCloseable auditShutdownCheckpoint(AuditLog log) {
        return () -> {
            try {
                log.checkpoint();
            } catch (RuntimeException e) {
                LOG.warn("Could not checkpoint the access log at shutdown: {}", e.getClass().getSimpleName());
            }
        };
    }
}
