package org.citizenhub.sandbox.synthetic;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.citizenhub.mappings.address.AdministrativeUnits.WardBefore2025;
import org.citizenhub.mappings.citizen.Address;
import org.citizenhub.mappings.citizen.PersonName;
import org.citizenhub.mappings.citizen.Relation;
import org.citizenhub.mappings.citizen.Sex;

/**
 * Generates the residents of Đà Nẵng in households, deterministically from (seed, size): the same
 * arguments give the same people in the same order, on any machine. All randomness comes from one
 * {@link SplittableRandom} consumed in household order.
 *
 * <p>Households are single people, couples, parents with children, three generations, single
 * parents, and grandparents raising grandchildren. Children carry their father's family name, are
 * born when their mother is 19–42, and share the household's address. Some hard cases are made on
 * purpose: twins, sons named exactly like their father, and unrelated people with the same name and
 * date of birth as someone in another household.
 */
public final class PopulationGenerator {

    /** "Today" for the synthetic world: ages, deaths and ID issuance are relative to it. */
    public static final LocalDate REFERENCE_DATE = LocalDate.of(2025, 10, 1);

    /** Share of births that are twins. */
    static final double TWIN_RATE = 0.02;
    /** Share of sons (with their father in the household) given exactly their father's full name. */
    static final double SON_NAMED_AFTER_FATHER_RATE = 0.01;
    /** Share of household heads who share full name, sex and date of birth with an earlier, unrelated head. */
    static final double NAME_AND_BIRTH_DATE_DOUBLE_RATE = 0.005;

    private static final LocalDate OLDEST_BIRTH_DATE = REFERENCE_DATE.minusYears(100);

    private enum HouseholdType { SINGLE, COUPLE, NUCLEAR, THREE_GENERATIONS, SINGLE_PARENT, GRANDPARENTS_AND_GRANDCHILDREN }

    private static final WeightedTable<HouseholdType> HOUSEHOLD_TYPES = WeightedTable.<HouseholdType>builder()
            .add(HouseholdType.SINGLE, 13).add(HouseholdType.COUPLE, 11).add(HouseholdType.NUCLEAR, 48)
            .add(HouseholdType.THREE_GENERATIONS, 18).add(HouseholdType.SINGLE_PARENT, 7)
            .add(HouseholdType.GRANDPARENTS_AND_GRANDCHILDREN, 3)
            .build();

    private static final WeightedTable<Integer> CHILDREN = WeightedTable.<Integer>builder()
            .add(1, 30).add(2, 48).add(3, 17).add(4, 5).build();

    private final SplittableRandom random;
    private final NameBook names = NameBook.instance();
    private final AddressBook addresses = AddressBook.instance();
    private final PersonalIdIssuer ids = new PersonalIdIssuer();
    private final MobileNumbers phones = new MobileNumbers();
    private final EmailAddresses emails = new EmailAddresses();
    /** Heads generated so far: the pool from which name-and-birth-date doubles are copied. */
    private final List<PersonDraft> heads = new ArrayList<>();

    private PopulationGenerator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** {@code size} people, in household order, keys "P0000001" upwards. */
    public static Population generate(long seed, int size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
        PopulationGenerator generator = new PopulationGenerator(seed);
        List<Person> people = new ArrayList<>(size);
        int household = 0;
        while (people.size() < size) {
            household++;
            List<PersonDraft> members = generator.household();
            int keep = Math.min(members.size(), size - people.size());
            members = members.subList(0, keep);
            generator.finish(members);
            String householdId = "H" + ZeroPadded.of(household, 7);
            for (PersonDraft m : members) {
                people.add(m.toPerson("P" + ZeroPadded.of(people.size() + 1, 7), householdId));
            }
        }
        return new Population(seed, people);
    }

    // ---- household composition ------------------------------------------------------------

    private List<PersonDraft> household() {
        Address address = addresses.randomAddress(random);
        boolean formerDaNang = addresses.isFormerDaNang(address.wardCode());
        String localOrigin = localOrigin(address);
        HouseholdType type = HOUSEHOLD_TYPES.pick(random);
        List<PersonDraft> members = new ArrayList<>();
        Household h = new Household(address, formerDaNang, localOrigin, members);
        switch (type) {
            case SINGLE -> {
                Sex sex = random.nextBoolean() ? Sex.MALE : Sex.FEMALE;
                h.head(sex, ageBetween(20, 88), names.family(random));
            }
            case COUPLE -> {
                PersonDraft head = h.head(headSexOfCouple(), random.nextDouble() < 0.4 ? ageBetween(24, 35) : ageBetween(55, 88),
                        names.family(random));
                h.spouseOf(head);
            }
            case NUCLEAR -> {
                PersonDraft head = h.head(headSexOfCouple(), ageBetween(25, 62), names.family(random));
                h.childrenOfCouple(head, h.spouseOf(head), CHILDREN.pick(random));
            }
            case THREE_GENERATIONS -> {
                PersonDraft head = h.head(headSexOfCouple(), ageBetween(25, 55), names.family(random));
                h.childrenOfCouple(head, h.spouseOf(head), CHILDREN.pick(random));
                h.parentsOf(head, random.nextDouble() < 0.6 ? 2 : 1);
            }
            case SINGLE_PARENT -> {
                Sex sex = random.nextDouble() < 0.75 ? Sex.FEMALE : Sex.MALE;
                PersonDraft head = h.head(sex, ageBetween(25, 60), names.family(random));
                // A name-and-birth-date double keeps the original's sex, which may differ from the one drawn.
                sex = head.sex;
                // The absent parent's family name (for a single mother, the children's father's).
                PersonDraft absent = sex == Sex.FEMALE
                        ? draft(Sex.MALE, head.dateOfBirth.minusYears(2), names.family(random), Relation.OTHER)
                        : draft(Sex.FEMALE, head.dateOfBirth.plusYears(2), names.family(random), Relation.OTHER);
                PersonDraft mother = sex == Sex.FEMALE ? head : absent;
                PersonDraft father = sex == Sex.FEMALE ? absent : head;
                h.children(mother, father, random.nextDouble() < 0.6 ? 1 : 2, Relation.CHILD);
            }
            case GRANDPARENTS_AND_GRANDCHILDREN -> {
                PersonDraft head = h.head(random.nextDouble() < 0.6 ? Sex.FEMALE : Sex.MALE, ageBetween(55, 80),
                        names.family(random));
                if (random.nextBoolean()) {
                    h.spouseOf(head);
                }
                // The grandchildren's parents work elsewhere; their family name is the grandfather's
                // when the grandparent is the father's parent, another one otherwise.
                LocalDate parentBirth = head.dateOfBirth.plusYears(22 + random.nextInt(10));
                String family = head.sex == Sex.MALE || random.nextBoolean() ? head.name.family() : names.family(random);
                PersonDraft father = draft(Sex.MALE, parentBirth, family, Relation.OTHER);
                PersonDraft mother = draft(Sex.FEMALE, parentBirth.plusYears(1), names.family(random), Relation.OTHER);
                h.children(mother, father, random.nextDouble() < 0.6 ? 1 : 2, Relation.GRANDCHILD);
            }
        }
        heads.add(members.get(0));
        return members;
    }

    private Sex headSexOfCouple() {
        return random.nextDouble() < 0.88 ? Sex.MALE : Sex.FEMALE;
    }

    /** One household under construction: members in order head, spouse, children, parents. */
    private final class Household {
        final Address address;
        final boolean formerDaNang;
        final String localOrigin;
        final List<PersonDraft> members;

        Household(Address address, boolean formerDaNang, String localOrigin, List<PersonDraft> members) {
            this.address = address;
            this.formerDaNang = formerDaNang;
            this.localOrigin = localOrigin;
            this.members = members;
        }

        PersonDraft head(Sex sex, LocalDate dateOfBirth, String family) {
            PersonDraft head;
            if (!heads.isEmpty() && random.nextDouble() < NAME_AND_BIRTH_DATE_DOUBLE_RATE) {
                // Same name, sex and birth date as an unrelated head elsewhere: a hard negative.
                PersonDraft original = heads.get(random.nextInt(heads.size()));
                head = add(original.sex, original.dateOfBirth, original.name, Relation.HEAD);
            } else {
                head = add(sex, dateOfBirth, name(sex, dateOfBirth.getYear(), family), Relation.HEAD);
            }
            head.placeOfOrigin = random.nextDouble() < 0.8 ? localOrigin : otherOrigin();
            return head;
        }

        PersonDraft spouseOf(PersonDraft head) {
            // Husbands are usually 0–6 years older than their wives.
            int gapDays = (int) ((random.nextDouble() * 8 - 1.5) * 365);
            Sex sex = head.sex == Sex.MALE ? Sex.FEMALE : Sex.MALE;
            LocalDate birth = head.sex == Sex.MALE ? head.dateOfBirth.plusDays(gapDays) : head.dateOfBirth.minusDays(gapDays);
            birth = clamp(birth);
            PersonDraft spouse = add(sex, birth, name(sex, birth.getYear(), names.family(random)), Relation.SPOUSE);
            spouse.placeOfOrigin = random.nextDouble() < 0.7 ? localOrigin(addresses.randomAddress(random)) : otherOrigin();
            return spouse;
        }

        void childrenOfCouple(PersonDraft head, PersonDraft spouse, int wanted) {
            boolean headIsFather = head.sex == Sex.MALE;
            children(headIsFather ? spouse : head, headIsFather ? head : spouse, wanted, Relation.CHILD);
        }

        /** Children of {@code mother} and {@code father} (either may be outside the household). */
        void children(PersonDraft mother, PersonDraft father, int wanted, Relation relation) {
            LocalDate birth = mother.dateOfBirth.plusDays((long) ((20 + random.nextDouble() * 12) * 365));
            int born = 0;
            while (born < wanted && !birth.isAfter(REFERENCE_DATE) && !birth.isAfter(mother.dateOfBirth.plusYears(42))) {
                boolean twins = wanted - born >= 2 && random.nextDouble() < TWIN_RATE;
                PersonDraft first = child(mother, father, birth, relation, null);
                born++;
                if (twins) {
                    child(mother, father, birth, relation, first);
                    born++;
                }
                birth = birth.plusDays((long) ((1.3 + random.nextDouble() * 5) * 365));
            }
        }

        private PersonDraft child(PersonDraft mother, PersonDraft father, LocalDate birth, Relation relation, PersonDraft twin) {
            Sex sex = random.nextBoolean() ? Sex.MALE : Sex.FEMALE;
            PersonName name;
            boolean fatherHere = members.contains(father);
            if (twin == null && sex == Sex.MALE && fatherHere && random.nextDouble() < SON_NAMED_AFTER_FATHER_RATE) {
                name = father.name;
            } else if (twin != null && random.nextBoolean()) {
                // Twins often share the middle name ("Minh Anh", "Minh Thư").
                String middle = twin.sex == sex ? twin.name.middle() : names.middle(random, sex, birth.getYear());
                name = new PersonName(father.name.family(), middle, distinctGiven(sex, birth.getYear(), twin.name.given()));
            } else {
                name = name(sex, birth.getYear(), father.name.family());
                if (twin != null && name.full().equals(twin.name.full())) {
                    name = new PersonName(name.family(), name.middle(), distinctGiven(sex, birth.getYear(), twin.name.given()));
                }
            }
            PersonDraft child = add(sex, birth, name, relation);
            child.placeOfOrigin = father.placeOfOrigin != null ? father.placeOfOrigin : localOrigin;
            return child;
        }

        private String distinctGiven(Sex sex, int year, String other) {
            String given;
            do {
                given = names.given(random, sex, year);
            } while (given.equals(other));
            return given;
        }

        /** The head's father (always the head's family name) and/or mother. */
        void parentsOf(PersonDraft head, int count) {
            LocalDate fatherBirth = head.dateOfBirth.minusDays((long) ((24 + random.nextDouble() * 14) * 365));
            if (fatherBirth.isBefore(OLDEST_BIRTH_DATE)) {
                return;
            }
            boolean both = count == 2;
            if (both || random.nextBoolean()) {
                PersonDraft father = add(Sex.MALE, fatherBirth, name(Sex.MALE, fatherBirth.getYear(), head.name.family()), Relation.PARENT);
                father.placeOfOrigin = head.placeOfOrigin;
            }
            if (both || members.stream().noneMatch(m -> m.relation == Relation.PARENT)) {
                LocalDate motherBirth = clamp(fatherBirth.plusDays(random.nextInt(6 * 365)));
                PersonDraft mother = add(Sex.FEMALE, motherBirth, name(Sex.FEMALE, motherBirth.getYear(), names.family(random)), Relation.PARENT);
                mother.placeOfOrigin = random.nextDouble() < 0.7 ? localOrigin(addresses.randomAddress(random)) : otherOrigin();
            }
        }

        private PersonDraft add(Sex sex, LocalDate birth, PersonName name, Relation relation) {
            PersonDraft d = draft(sex, birth, name.family(), relation);
            d.name = name;
            d.address = address;
            d.birthProvince = BirthProvinces.draw(random, formerDaNang);
            members.add(d);
            return d;
        }
    }

    private PersonDraft draft(Sex sex, LocalDate birth, String family, Relation relation) {
        PersonDraft d = new PersonDraft();
        d.sex = sex;
        d.dateOfBirth = birth;
        d.relation = relation;
        d.name = name(sex, birth.getYear(), family);
        return d;
    }

    private PersonName name(Sex sex, int birthYear, String family) {
        String middle = names.middle(random, sex, birthYear);
        String given = names.given(random, sex, birthYear);
        // "Phan Minh Minh" does not occur: draw again when the given name repeats the middle one.
        while (middle.equals(given) || middle.endsWith(" " + given)) {
            given = names.given(random, sex, birthYear);
        }
        return new PersonName(family, middle, given);
    }

    private LocalDate ageBetween(int minYears, int maxYears) {
        long days = (long) ((minYears + random.nextDouble() * (maxYears - minYears)) * 365.25);
        return clamp(REFERENCE_DATE.minusDays(days));
    }

    private static LocalDate clamp(LocalDate birth) {
        if (birth.isBefore(OLDEST_BIRTH_DATE)) {
            return OLDEST_BIRTH_DATE;
        }
        return birth.isAfter(REFERENCE_DATE) ? REFERENCE_DATE : birth;
    }

    /** Place of origin (quê quán) written with the pre-2025 units, as on older documents. */
    private String localOrigin(Address address) {
        WardBefore2025 ward = addresses.formerWardOf(address);
        return ward.name() + ", " + ward.district() + ", " + ward.province();
    }

    private String otherOrigin() {
        return BirthProvinces.NAMES.get(BirthProvinces.otherProvince(random));
    }

    // ---- deaths, IDs and contact data -------------------------------------------------------

    /** Everything that depends on the final membership: deaths, headship, IDs, phones, e-mails. */
    private void finish(List<PersonDraft> members) {
        LocalDate youngest = members.stream().map(m -> m.dateOfBirth).max(LocalDate::compareTo).orElseThrow();
        for (PersonDraft m : members) {
            int age = m.ageAt(REFERENCE_DATE);
            double p = age >= 80 ? 0.18 : age >= 70 ? 0.08 : age >= 60 ? 0.03 : age >= 18 ? 0.002 : 0;
            if (random.nextDouble() < p) {
                LocalDate from = youngest.plusDays(1).isAfter(REFERENCE_DATE.minusYears(8)) ? youngest.plusDays(1) : REFERENCE_DATE.minusYears(8);
                long span = ChronoUnit.DAYS.between(from, REFERENCE_DATE);
                if (span > 1) {
                    m.dateOfDeath = from.plusDays(random.nextLong(span));
                }
            }
        }
        passOnHeadship(members);
        for (PersonDraft m : members) {
            if (m.placeOfOrigin == null) {
                m.placeOfOrigin = localOrigin(m.address);
            }
            m.personalId = ids.issue(random, m.birthProvince, m.sex, m.dateOfBirth.getYear());
        }
        String householdPhone = null;
        for (PersonDraft m : members) {
            int age = m.ageAt(m.dateOfDeath != null ? m.dateOfDeath : REFERENCE_DATE);
            double own = age >= 70 ? 0.55 : age >= 18 ? 0.93 : age >= 15 ? 0.5 : 0;
            if (random.nextDouble() < own) {
                m.phone = phones.issue(random);
                if (householdPhone == null && age < 70) {
                    householdPhone = m.phone;
                }
            }
        }
        for (PersonDraft m : members) {
            int age = m.ageAt(REFERENCE_DATE);
            // Elderly members without a phone of their own are reached on a younger member's number.
            if (m.phone == null && age >= 70 && householdPhone != null && random.nextBoolean()) {
                m.phone = householdPhone;
            }
            double p = age < 18 ? 0 : age <= 35 ? 0.5 : age <= 55 ? 0.3 : 0.08;
            if (m.phone != null && random.nextDouble() < p) {
                m.email = emails.issue(random, m.name, m.dateOfBirth.getYear());
            }
        }
    }

    /**
     * A dead head's living spouse becomes the head; the dead head's parents become the new head's
     * parents-in-law (OTHER). Utility accounts may still carry the former head's name.
     */
    private static void passOnHeadship(List<PersonDraft> members) {
        PersonDraft head = members.get(0);
        if (head.dateOfDeath == null) {
            return;
        }
        for (PersonDraft m : members) {
            if (m.relation == Relation.SPOUSE && m.dateOfDeath == null) {
                m.relation = Relation.HEAD;
                head.relation = Relation.SPOUSE;
                for (PersonDraft other : members) {
                    if (other.relation == Relation.PARENT) {
                        other.relation = Relation.OTHER;
                    }
                }
                return;
            }
        }
    }

    /** A person under construction; becomes an immutable {@link Person} when the household is done. */
    static final class PersonDraft {
        Sex sex;
        LocalDate dateOfBirth;
        PersonName name;
        Relation relation;
        Address address;
        String birthProvince;
        String placeOfOrigin;
        String personalId;
        String phone;
        String email;
        LocalDate dateOfDeath;

        int ageAt(LocalDate date) {
            return (int) ChronoUnit.YEARS.between(dateOfBirth, date);
        }

        Person toPerson(String key, String householdId) {
            return new Person(key, personalId, name, sex, dateOfBirth, placeOfOrigin, householdId, relation, address,
                    phone, email, dateOfDeath);
        }
    }
}
