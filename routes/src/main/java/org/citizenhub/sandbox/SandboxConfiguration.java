package org.citizenhub.sandbox;

import org.citizenhub.sandbox.population.PopulationSimulator;
import org.citizenhub.sandbox.synthetic.Population;
import org.citizenhub.sandbox.synthetic.PopulationChanges;
import org.citizenhub.sandbox.synthetic.PopulationGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the simulators of the external systems, loaded with one synthetic population, when
 * {@code citizenhub.sandbox.enabled=true} (the default for development and the demo).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "citizenhub.sandbox.enabled", havingValue = "true")
public class SandboxConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxConfiguration.class);

    @Bean
    Population syntheticPopulation(SandboxProperties properties) {
        long started = System.nanoTime();
        Population population = PopulationGenerator.generate(properties.seed(), properties.size());
        LOG.info("Synthetic population: {} residents generated from seed {} in {} ms",
                population.people().size(), properties.seed(), (System.nanoTime() - started) / 1_000_000);
        return population;
    }

    @Bean(destroyMethod = "close")
    PopulationSimulator populationSimulator(Population population, SandboxProperties properties) {
        return new PopulationSimulator(population,
                PopulationChanges.generate(population, properties.seed() + 1, properties.scriptedChanges()),
                properties.populationPort()).start();
    }
}
