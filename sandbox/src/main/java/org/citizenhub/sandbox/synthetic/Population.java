package org.citizenhub.sandbox.synthetic;

import java.util.List;

/** A generated population: every person once, in household order, from one seed. */
public record Population(long seed, List<Person> people) {
    public Population {
        people = List.copyOf(people);
    }
}
