package org.citizenhub.sandbox.synthetic;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Pairs of different people that look alike on purpose or by nature — the pairs a matcher must keep
 * apart (BRIEF §4, issue 3). Found from the truth, so the statistics state how many there are.
 * Kinds overlap: twins also share a household.
 */
public final class HardNegatives {

    public enum Kind {
        /** Same household, same full name (a son named exactly after his father). */
        SAME_NAME_IN_HOUSEHOLD,
        /** Same household, same date of birth. */
        TWINS,
        /** Same full name and date of birth, different households. */
        SAME_NAME_AND_BIRTH_DATE,
        /** Same phone number. */
        SHARED_PHONE,
        /** Same household, hence the same address. */
        SAME_HOUSEHOLD
    }

    /** Two different people, by key, {@code first} before {@code second} in population order. */
    public record Pair(String first, String second) {
    }

    private HardNegatives() {
    }

    /** All hard-negative pairs among the residents, per kind, in population order. */
    public static Map<Kind, List<Pair>> of(Population population) {
        Map<Kind, List<Pair>> result = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            result.put(kind, new ArrayList<>());
        }
        Map<String, List<Person>> households = groups(population, Person::householdId);
        for (List<Person> members : households.values()) {
            for (int i = 0; i < members.size(); i++) {
                for (int j = i + 1; j < members.size(); j++) {
                    Person a = members.get(i);
                    Person b = members.get(j);
                    Pair pair = new Pair(a.personKey(), b.personKey());
                    result.get(Kind.SAME_HOUSEHOLD).add(pair);
                    if (a.name().full().equals(b.name().full())) {
                        result.get(Kind.SAME_NAME_IN_HOUSEHOLD).add(pair);
                    }
                    if (a.dateOfBirth().equals(b.dateOfBirth())) {
                        result.get(Kind.TWINS).add(pair);
                    }
                }
            }
        }
        for (List<Person> group : groups(population, p -> p.name().full() + "|" + p.dateOfBirth()).values()) {
            pairsAcrossHouseholds(group, result.get(Kind.SAME_NAME_AND_BIRTH_DATE));
        }
        for (List<Person> group : groups(population, Person::phone).values()) {
            allPairs(group, result.get(Kind.SHARED_PHONE));
        }
        return result;
    }

    private static Map<String, List<Person>> groups(Population population, Function<Person, String> key) {
        Map<String, List<Person>> groups = new LinkedHashMap<>();
        for (Person p : population.people()) {
            String k = key.apply(p);
            if (k != null) {
                groups.computeIfAbsent(k, x -> new ArrayList<>(2)).add(p);
            }
        }
        return groups;
    }

    private static void allPairs(List<Person> group, List<Pair> out) {
        for (int i = 0; i < group.size(); i++) {
            for (int j = i + 1; j < group.size(); j++) {
                out.add(new Pair(group.get(i).personKey(), group.get(j).personKey()));
            }
        }
    }

    private static void pairsAcrossHouseholds(List<Person> group, List<Pair> out) {
        for (int i = 0; i < group.size(); i++) {
            for (int j = i + 1; j < group.size(); j++) {
                if (!group.get(i).householdId().equals(group.get(j).householdId())) {
                    out.add(new Pair(group.get(i).personKey(), group.get(j).personKey()));
                }
            }
        }
    }
}
