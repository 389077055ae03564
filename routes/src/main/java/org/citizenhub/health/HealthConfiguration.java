package org.citizenhub.health;

import java.time.Duration;
import java.util.Map;

import org.citizenhub.connectors.health.ConflictRetryingUpdater;
import org.citizenhub.connectors.health.FhirClientSettings;
import org.citizenhub.connectors.health.FhirRestClient;
import org.citizenhub.connectors.health.PatientDirectory;
import org.citizenhub.connectors.health.SubscriptionRegistrar;
import org.citizenhub.connectors.health.TransactionBundleIngest;
import org.citizenhub.connectors.vault.HealthEvidenceStore;
import org.citizenhub.mappings.health.IdentifierSystems;
import org.citizenhub.mappings.health.PatientMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The FHIR connector's parts, built once from {@link HealthProperties}. */
@Configuration(proxyBeanMethods = false)
public class HealthConfiguration {

    @Bean
    PatientMapper patientMapper(HealthProperties properties) {
        return new PatientMapper(new IdentifierSystems(properties.personalIdSystem(), properties.legacyIdSystem()));
    }

    @Bean
    FhirRestClient healthFhirClient(HealthProperties properties) {
        FhirClientSettings settings = new FhirClientSettings(properties.baseUrl(),
                Duration.ofMillis(properties.connectTimeout()), Duration.ofMillis(properties.requestTimeout()),
                properties.pageSize(), Duration.ofMillis(properties.syncOverlap()), properties.maxUpdateAttempts(), Map.of());
        if (properties.authorization() != null && !properties.authorization().isBlank()) {
            settings = settings.withHeader("Authorization", properties.authorization());
        }
        return new FhirRestClient(settings);
    }

    @Bean
    ConflictRetryingUpdater healthUpdater(FhirRestClient client) {
        return new ConflictRetryingUpdater(client);
    }

    @Bean
    PatientDirectory patientDirectory(FhirRestClient client, PatientMapper mapper) {
        return new PatientDirectory(client, mapper);
    }

    @Bean
    SubscriptionRegistrar subscriptionRegistrar(FhirRestClient client) {
        return new SubscriptionRegistrar(client);
    }

    @Bean
    TransactionBundleIngest transactionBundleIngest(HealthProperties properties) {
        return new TransactionBundleIngest(properties.inbox().maxBundleBytes(), properties.inbox().maxBundleEntries());
    }

    @Bean
    HealthEvidenceStore healthEvidenceStore(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx) {
        return new HealthEvidenceStore(jdbc, tx);
    }
}
