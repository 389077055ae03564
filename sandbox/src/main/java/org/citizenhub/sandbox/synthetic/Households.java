package org.citizenhub.sandbox.synthetic;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.citizenhub.mappings.citizen.Relation;
import org.citizenhub.mappings.citizen.Sex;

/** The population grouped by household, in population order, with the family roles views need. */
final class Households {

    private final Map<String, List<Person>> members = new LinkedHashMap<>();

    Households(Population population) {
        for (Person p : population.people()) {
            members.computeIfAbsent(p.householdId(), k -> new ArrayList<>()).add(p);
        }
    }

    /** Every household's members, in order of first appearance. */
    Iterable<List<Person>> all() {
        return members.values();
    }

    List<Person> of(Person p) {
        return members.getOrDefault(p.householdId(), List.of());
    }

    static int ageAt(Person p, LocalDate date) {
        return (int) ChronoUnit.YEARS.between(p.dateOfBirth(), date);
    }

    static boolean alive(Person p) {
        return p.dateOfDeath() == null;
    }

    /** The child's mother if she is in the household: the female head or spouse, or for a grandchild a daughter of the head. */
    Optional<Person> motherOf(Person child) {
        for (Person m : of(child)) {
            boolean parentGeneration = child.relationToHead() == Relation.CHILD
                    ? m.relationToHead() == Relation.HEAD || m.relationToHead() == Relation.SPOUSE
                    : child.relationToHead() == Relation.GRANDCHILD && m.relationToHead() == Relation.CHILD;
            if (parentGeneration && m.sex() == Sex.FEMALE && m.dateOfBirth().plusYears(17).isBefore(child.dateOfBirth())) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** Who signs for a pupil: the father, else the mother, else the head (a grandparent). */
    Optional<Person> guardianOf(Person child) {
        Person mother = null;
        Person head = null;
        for (Person m : of(child)) {
            if (!alive(m) || m == child) {
                continue;
            }
            boolean parent = child.relationToHead() == Relation.CHILD
                    && (m.relationToHead() == Relation.HEAD || m.relationToHead() == Relation.SPOUSE);
            if (parent && m.sex() == Sex.MALE) {
                return Optional.of(m);
            }
            if (parent) {
                mother = m;
            }
            if (m.relationToHead() == Relation.HEAD) {
                head = m;
            }
        }
        return Optional.ofNullable(mother != null ? mother : head);
    }

    /** A phone the household is reached on: the first living adult's with one, head first. */
    Optional<String> householdPhone(Person anyMember) {
        for (Person m : of(anyMember)) {
            if (alive(m) && m.phone() != null && ageAt(m, PopulationGenerator.REFERENCE_DATE) >= 18) {
                return Optional.of(m.phone());
            }
        }
        return Optional.empty();
    }
}
