package org.citizenhub.identity;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import org.citizenhub.mappings.citizen.SurvivorshipRules;
import org.citizenhub.mappings.citizen.SurvivorshipRules.InvalidSurvivorshipRulesException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * The survivorship rules in force, read from {@code citizenhub.identity.survivorship} at start (the
 * hub refuses to start with a file it cannot use) and read again by each re-run, which installs them.
 */
@Component
public class SurvivorshipPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(SurvivorshipPolicy.class);

    private final ResourceLoader resources;
    private final String location;
    private final AtomicReference<SurvivorshipRules> current = new AtomicReference<>();

    public SurvivorshipPolicy(IdentityProperties properties, ResourceLoader resources) {
        this.resources = resources;
        this.location = properties.survivorship();
        SurvivorshipRules rules = read();
        current.set(rules);
        LOG.info("survivorship rules from {}: {}", location, rules.describe());
    }

    /** The rules golden records are built with now. */
    public SurvivorshipRules current() {
        return current.get();
    }

    public String location() {
        return location;
    }

    /** Reads the rules file again (not installed). */
    public SurvivorshipRules read() {
        Resource resource = resources.getResource(location);
        if (!resource.exists()) {
            throw new InvalidSurvivorshipRulesException("survivorship rules " + location + ": no such file");
        }
        try (Reader in = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
            return SurvivorshipRules.parse(in, location);
        } catch (IOException e) {
            throw new InvalidSurvivorshipRulesException("survivorship rules " + location + ": cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** Makes these the rules in force; returns the previous ones. */
    public SurvivorshipRules install(SurvivorshipRules rules) {
        SurvivorshipRules previous = current.getAndSet(rules);
        if (!previous.equals(rules)) {
            LOG.info("survivorship rules changed: {}", rules.describe());
        }
        return previous;
    }
}
