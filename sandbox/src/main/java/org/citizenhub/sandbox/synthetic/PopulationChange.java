package org.citizenhub.sandbox.synthetic;

import java.util.Objects;

/**
 * One event of the population database's change feed. {@code sequence} increases by one from 1;
 * {@code person} is the person's full record after the change.
 */
public record PopulationChange(long sequence, Type type, Person person) {
    public PopulationChange {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(person, "person");
    }

    public enum Type { REGISTERED, ADDRESS_CHANGED, DECEASED }
}
