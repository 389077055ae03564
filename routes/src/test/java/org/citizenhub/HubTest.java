package org.citizenhub;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole hub under test: real embedded broker, metrics export on,
 * a small synthetic population, short retry delays. Each test context registers its own
 * {@link HubTestResources} (data directory and ports). Test classes also carry {@code @DisableJmx(false)}:
 * Camel's test support reads it from the class itself, and Hawtio/Jolokia need the route MBeans.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@CamelSpringBootTest
@AutoConfigureObservability
@SpringBootTest(classes = CitizenHubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "citizenhub.sandbox.size=300",
                "citizenhub.sandbox.scripted-changes=30",
                "citizenhub.population.poll-interval=300",
                "citizenhub.population.response-timeout=1500",
                "citizenhub.errors.maximum-redeliveries=2",
                "citizenhub.errors.redelivery-delay=50",
        })
public @interface HubTest {
}
