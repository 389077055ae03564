package org.citizenhub.sandbox;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;

import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.sandbox.school.SchoolSimulator;
import org.citizenhub.sandbox.synthetic.Population;
import org.citizenhub.sandbox.synthetic.SyntheticDataset;
import org.citizenhub.sandbox.synthetic.SyntheticViews;
import org.citizenhub.sandbox.utility.UtilitySimulator;
import org.citizenhub.school.SchoolProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the school-record and utility simulators from the synthetic population's SCHOOL, ELECTRICITY,
 * WATER and SANITATION views (the same seed as the other simulators), and delivers the school's term
 * files into the hub's inbox, as the education system would.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "citizenhub.sandbox.enabled", havingValue = "true")
public class SchoolUtilitySandboxConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SchoolUtilitySandboxConfiguration.class);

    /** Only the views these simulators serve; injected by name only, so it never competes with another dataset bean. */
    @Bean(defaultCandidate = false)
    SyntheticDataset schoolAndUtilityViews(Population population, SandboxProperties properties) {
        long started = System.nanoTime();
        SyntheticDataset dataset = SyntheticViews.generate(population, properties.seed(),
                EnumSet.of(SourceSystem.SCHOOL, SourceSystem.ELECTRICITY, SourceSystem.WATER, SourceSystem.SANITATION), Map.of());
        LOG.info("Synthetic school and utility views: {} pupils, {} electricity, {} water, {} sanitation accounts in {} ms",
                dataset.view(SourceSystem.SCHOOL).size(), dataset.view(SourceSystem.ELECTRICITY).size(),
                dataset.view(SourceSystem.WATER).size(), dataset.view(SourceSystem.SANITATION).size(),
                (System.nanoTime() - started) / 1_000_000);
        return dataset;
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "citizenhub.school.enabled", havingValue = "true", matchIfMissing = true)
    SchoolSimulator schoolSimulator(@Qualifier("schoolAndUtilityViews") SyntheticDataset dataset,
                                    SchoolUtilitySandboxProperties ports, SchoolProperties school) {
        SchoolSimulator simulator = SchoolSimulator.of(dataset, ports.schoolPort()).start();
        simulator.writeTermFiles(Path.of(school.inbox()));
        return simulator;
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "citizenhub.utility.enabled", havingValue = "true", matchIfMissing = true)
    UtilitySimulator utilitySimulator(@Qualifier("schoolAndUtilityViews") SyntheticDataset dataset,
                                      SchoolUtilitySandboxProperties ports) {
        return UtilitySimulator.of(dataset, ports.utilityPort()).start();
    }
}
