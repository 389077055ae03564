package org.citizenhub.sandbox.synthetic;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.citizenhub.mappings.citizen.Address;
import org.citizenhub.mappings.citizen.PersonName;
import org.citizenhub.mappings.citizen.Relation;
import org.citizenhub.mappings.citizen.Sex;

/**
 * The population database's change feed after {@link PopulationGenerator#REFERENCE_DATE}: births
 * into existing households, newcomers from other provinces, moves (one person or a whole household)
 * and deaths. Deterministic from (population, seed, count); changes build on each other (a person
 * who moved can die later; nobody dies twice), so applying them in sequence order gives a
 * consistent population.
 */
public final class PopulationChanges {

    private static final WeightedTable<Kind> KINDS = WeightedTable.<Kind>builder()
            .add(Kind.BIRTH, 27).add(Kind.NEWCOMER, 8).add(Kind.PERSON_MOVES, 27).add(Kind.HOUSEHOLD_MOVES, 18)
            .add(Kind.DEATH, 20).build();

    private enum Kind { BIRTH, NEWCOMER, PERSON_MOVES, HOUSEHOLD_MOVES, DEATH }

    private final SplittableRandom random;
    private final NameBook names = NameBook.instance();
    private final AddressBook addresses = AddressBook.instance();
    private final PersonalIdIssuer ids = new PersonalIdIssuer();
    private final MobileNumbers phones = new MobileNumbers();
    /** Current state, in population order with newcomers appended. */
    private final List<Person> people;
    private final Map<String, Integer> indexByKey = new HashMap<>();
    /** Member indexes per household id, in order of first appearance. */
    private final Map<String, List<Integer>> households = new LinkedHashMap<>();
    private final List<PopulationChange> changes = new ArrayList<>();
    private int nextPersonNumber;
    private int nextHouseholdNumber;
    private LocalDate today = PopulationGenerator.REFERENCE_DATE;

    private PopulationChanges(Population population, long seed) {
        this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.people = new ArrayList<>(population.people());
        int maxHousehold = 0;
        int maxPerson = 0;
        for (int i = 0; i < people.size(); i++) {
            Person p = people.get(i);
            indexByKey.put(p.personKey(), i);
            households.computeIfAbsent(p.householdId(), k -> new ArrayList<>()).add(i);
            ids.reserve(p.personalId());
            if (p.phone() != null) {
                phones.reserve(p.phone());
            }
            maxPerson = Math.max(maxPerson, number(p.personKey()));
            maxHousehold = Math.max(maxHousehold, number(p.householdId()));
        }
        nextPersonNumber = maxPerson + 1;
        nextHouseholdNumber = maxHousehold + 1;
    }

    /** {@code count} changes with sequence 1..count. */
    public static List<PopulationChange> generate(Population population, long seed, int count) {
        if (population.people().isEmpty() && count > 0) {
            throw new IllegalArgumentException("changes need a non-empty population");
        }
        PopulationChanges generator = new PopulationChanges(population, seed);
        while (generator.changes.size() < count) {
            generator.next(count - generator.changes.size());
        }
        return List.copyOf(generator.changes);
    }

    /** The population after the changes: changed people replaced, new people appended. */
    public static Population apply(Population population, List<PopulationChange> changes) {
        Map<String, Integer> index = new HashMap<>();
        List<Person> people = new ArrayList<>(population.people());
        for (int i = 0; i < people.size(); i++) {
            index.put(people.get(i).personKey(), i);
        }
        for (PopulationChange change : changes) {
            Person p = change.person();
            Integer i = index.get(p.personKey());
            if (i == null) {
                index.put(p.personKey(), people.size());
                people.add(p);
            } else {
                people.set(i, p);
            }
        }
        return new Population(population.seed(), people);
    }

    private void next(int remaining) {
        // One day passes every few events, so births and deaths get plausible, increasing dates.
        if (random.nextInt(4) == 0) {
            today = today.plusDays(1);
        }
        switch (KINDS.pick(random)) {
            case BIRTH -> birth();
            case NEWCOMER -> newcomer();
            case PERSON_MOVES -> personMoves();
            case HOUSEHOLD_MOVES -> householdMoves(remaining);
            case DEATH -> death();
        }
    }

    private void birth() {
        Person mother = null;
        for (int attempt = 0; attempt < 50 && mother == null; attempt++) {
            Person p = randomLiving();
            int age = (int) ChronoUnit.YEARS.between(p.dateOfBirth(), today);
            boolean partOfCouple = p.relationToHead() == Relation.HEAD || p.relationToHead() == Relation.SPOUSE
                    || p.relationToHead() == Relation.CHILD;
            if (p.sex() == Sex.FEMALE && age >= 19 && age <= 42 && partOfCouple) {
                mother = p;
            }
        }
        if (mother == null) {
            newcomer();
            return;
        }
        Person father = partnerOf(mother);
        String family = father != null ? father.name().family() : names.family(random);
        Sex sex = random.nextBoolean() ? Sex.MALE : Sex.FEMALE;
        int year = today.getYear();
        PersonName name = new PersonName(family, names.middle(random, sex, year), names.given(random, sex, year));
        // A child of the head (or the head's spouse) is CHILD; a child of the head's child is GRANDCHILD.
        Relation relation = mother.relationToHead() == Relation.CHILD ? Relation.GRANDCHILD : Relation.CHILD;
        boolean formerDaNang = addresses.isFormerDaNang(mother.permanentAddress().wardCode());
        String province = random.nextDouble() < 0.95 ? (formerDaNang ? BirthProvinces.DA_NANG : BirthProvinces.QUANG_NAM)
                : BirthProvinces.otherProvince(random);
        String origin = father != null ? father.placeOfOrigin() : mother.placeOfOrigin();
        Person baby = new Person(newPersonKey(), ids.issue(random, province, sex, year), name, sex, today, origin,
                mother.householdId(), relation, mother.permanentAddress(), null, null, null);
        add(baby);
        emit(PopulationChange.Type.REGISTERED, baby);
    }

    /** Someone from another province registers a new permanent residence in the city. */
    private void newcomer() {
        Sex sex = random.nextBoolean() ? Sex.MALE : Sex.FEMALE;
        LocalDate birth = today.minusDays((long) ((19 + random.nextDouble() * 30) * 365.25));
        PersonName name = new PersonName(names.family(random), names.middle(random, sex, birth.getYear()),
                names.given(random, sex, birth.getYear()));
        String province = BirthProvinces.otherProvince(random);
        Person p = new Person(newPersonKey(), ids.issue(random, province, sex, birth.getYear()), name, sex, birth,
                BirthProvinces.NAMES.get(province), newHouseholdId(), Relation.HEAD, addresses.randomAddress(random),
                phones.issue(random), null, null);
        add(p);
        emit(PopulationChange.Type.REGISTERED, p);
    }

    /** An adult member leaves the household and becomes the head of a new one elsewhere. */
    private void personMoves() {
        Person p = null;
        for (int attempt = 0; attempt < 50 && p == null; attempt++) {
            Person candidate = randomLiving();
            // Heads stay: a grown child, a spouse or a parent leaves, so the old household keeps its head.
            if (candidate.relationToHead() != Relation.HEAD && ChronoUnit.YEARS.between(candidate.dateOfBirth(), today) >= 18) {
                p = candidate;
            }
        }
        if (p == null) {
            death();
            return;
        }
        Person moved = withAddress(p, addresses.randomAddress(random), newHouseholdId(), Relation.HEAD);
        replace(moved);
        emit(PopulationChange.Type.ADDRESS_CHANGED, moved);
    }

    /** All living members move together; one change per member. */
    private void householdMoves(int remaining) {
        for (int attempt = 0; attempt < 50; attempt++) {
            Person p = randomLiving();
            List<Person> living = new ArrayList<>();
            for (int i : households.get(p.householdId())) {
                if (people.get(i).dateOfDeath() == null) {
                    living.add(people.get(i));
                }
            }
            if (living.size() <= remaining) {
                Address address = addresses.randomAddress(random);
                for (Person member : living) {
                    Person moved = withAddress(member, address, member.householdId(), member.relationToHead());
                    replace(moved);
                    emit(PopulationChange.Type.ADDRESS_CHANGED, moved);
                }
                return;
            }
        }
        personMoves();
    }

    /** Deaths fall mostly on the old: candidates are accepted with a probability rising with age. */
    private void death() {
        Person p = randomLiving();
        for (int attempt = 0; attempt < 50; attempt++) {
            long age = ChronoUnit.YEARS.between(p.dateOfBirth(), today);
            if (random.nextDouble() < Math.min(1.0, age / 90.0 * age / 90.0 * age / 90.0)) {
                break;
            }
            p = randomLiving();
        }
        Person dead = new Person(p.personKey(), p.personalId(), p.name(), p.sex(), p.dateOfBirth(), p.placeOfOrigin(),
                p.householdId(), p.relationToHead(), p.permanentAddress(), p.phone(), p.email(), today);
        replace(dead);
        emit(PopulationChange.Type.DECEASED, dead);
    }

    private Person partnerOf(Person mother) {
        Relation partnerRelation = switch (mother.relationToHead()) {
            case HEAD -> Relation.SPOUSE;
            case SPOUSE -> Relation.HEAD;
            default -> null;
        };
        if (partnerRelation == null) {
            return null;
        }
        for (int i : households.get(mother.householdId())) {
            Person m = people.get(i);
            if (m.relationToHead() == partnerRelation && m.sex() == Sex.MALE) {
                return m;
            }
        }
        return null;
    }

    private Person randomLiving() {
        while (true) {
            Person p = people.get(random.nextInt(people.size()));
            if (p.dateOfDeath() == null) {
                return p;
            }
        }
    }

    private static Person withAddress(Person p, Address address, String householdId, Relation relation) {
        return new Person(p.personKey(), p.personalId(), p.name(), p.sex(), p.dateOfBirth(), p.placeOfOrigin(),
                householdId, relation, address, p.phone(), p.email(), p.dateOfDeath());
    }

    private void add(Person p) {
        indexByKey.put(p.personKey(), people.size());
        households.computeIfAbsent(p.householdId(), k -> new ArrayList<>()).add(people.size());
        people.add(p);
    }

    private void replace(Person p) {
        int i = indexByKey.get(p.personKey());
        Person before = people.get(i);
        if (!before.householdId().equals(p.householdId())) {
            households.get(before.householdId()).remove(Integer.valueOf(i));
            households.computeIfAbsent(p.householdId(), k -> new ArrayList<>()).add(i);
        }
        people.set(i, p);
    }

    private void emit(PopulationChange.Type type, Person p) {
        changes.add(new PopulationChange(changes.size() + 1L, type, p));
    }

    private String newPersonKey() {
        return "P" + ZeroPadded.of(nextPersonNumber++, 7);
    }

    private String newHouseholdId() {
        return "H" + ZeroPadded.of(nextHouseholdNumber++, 7);
    }

    private static int number(String key) {
        return Integer.parseInt(key.substring(1));
    }
}
