package org.citizenhub.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;

import org.citizenhub.health.HealthProperties;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.health.IdentifierSystems;
import org.citizenhub.sandbox.health.FhirSimulator;
import org.citizenhub.sandbox.health.HealthViewSeeds;
import org.citizenhub.sandbox.synthetic.Population;
import org.citizenhub.sandbox.synthetic.SyntheticViews;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the health-record system of the sandbox: the FHIR R4 simulator on
 * {@code citizenhub.sandbox.fhir-port}, serving the HEALTH view of the same synthetic population the
 * population simulator serves (messy names, wrong or missing IDs, internal duplicates), with driver
 * health-check certificates and vaccinations, under the identifier systems the hub is configured with.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "citizenhub.sandbox.enabled", havingValue = "true")
@EnableConfigurationProperties(HealthSandboxConfiguration.FhirSandboxProperties.class)
public class HealthSandboxConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(HealthSandboxConfiguration.class);

    /** The FHIR simulator's part of {@code citizenhub.sandbox.*}. */
    @ConfigurationProperties("citizenhub.sandbox")
    public record FhirSandboxProperties(
            /* Port of the FHIR R4 simulator (base URL http://localhost:<port>/fhir). */
            int fhirPort) {
    }

    @Bean(destroyMethod = "close")
    FhirSimulator fhirSimulator(Population population, SandboxProperties sandbox, FhirSandboxProperties fhir,
                                HealthProperties health) {
        long started = System.nanoTime();
        var healthView = SyntheticViews.generate(population, sandbox.seed(), EnumSet.of(SourceSystem.HEALTH), Map.of());
        FhirSimulator simulator = new FhirSimulator(new FhirSimulator.Settings(
                new IdentifierSystems(health.personalIdSystem(), health.legacyIdSystem()),
                Duration.ofSeconds(60), 50, 1000, 1000, Clock.systemUTC()));
        simulator.load(HealthViewSeeds.fromDataset(healthView, sandbox.seed()));
        simulator.start(fhir.fhirPort());
        LOG.info("FHIR simulator ready in {} ms", (System.nanoTime() - started) / 1_000_000);
        return simulator;
    }
}
