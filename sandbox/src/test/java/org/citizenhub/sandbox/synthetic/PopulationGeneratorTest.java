package org.citizenhub.sandbox.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.ArrayList;

import org.citizenhub.mappings.address.AdministrativeUnits;
import org.citizenhub.mappings.citizen.PartialDate;
import org.citizenhub.mappings.citizen.Relation;
import org.citizenhub.mappings.citizen.Sex;
import org.citizenhub.mappings.id.PersonalIdNumber;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PopulationGeneratorTest {

    private static Population population;

    @BeforeAll
    static void generate() {
        population = PopulationGenerator.generate(42L, 20_000);
    }

    @Test
    void sameSeedAndSizeGiveTheSamePeople() {
        assertThat(PopulationGenerator.generate(42L, 20_000)).isEqualTo(population);
    }

    @Test
    void otherSeedGivesOtherPeople() {
        assertThat(PopulationGenerator.generate(43L, 20_000).people()).isNotEqualTo(population.people());
    }

    @Test
    void hasExactlyTheRequestedSizeWithSequentialKeys() {
        assertThat(population.people()).hasSize(20_000);
        assertThat(population.people().get(0).personKey()).isEqualTo("P0000001");
        assertThat(population.people().get(19_999).personKey()).isEqualTo("P0020000");
        assertThat(PopulationGenerator.generate(1L, 0).people()).isEmpty();
        assertThat(PopulationGenerator.generate(1L, 1).people()).hasSize(1);
    }

    @Test
    void personalIdsAreUniqueAndConsistentWithBirthDateAndSex() {
        Set<String> ids = new HashSet<>();
        for (Person p : population.people()) {
            assertThat(ids.add(p.personalId())).as("unique ID of %s", p.personKey()).isTrue();
            assertThat(PersonalIdNumber.validate(p.personalId(), PartialDate.of(p.dateOfBirth()), p.sex()))
                    .as("ID of %s", p.personKey()).isEmpty();
        }
    }

    @Test
    void mostIdsAreRegisteredInDaNangOrQuangNam() {
        long local = population.people().stream()
                .filter(p -> p.personalId().startsWith("048") || p.personalId().startsWith("049")).count();
        assertThat(local / 20_000.0).isBetween(0.85, 0.95);
        assertThat(population.people()).anyMatch(p -> !p.personalId().startsWith("04"));
    }

    @Test
    void familyNamesFollowTheKnownFrequencies() {
        long nguyen = population.people().stream().filter(p -> p.name().family().equals("Nguyễn")).count();
        assertThat(nguyen / 20_000.0).isBetween(0.34, 0.42);
        long men = population.people().stream().filter(p -> p.sex() == Sex.MALE).count();
        assertThat(men / 20_000.0).isBetween(0.45, 0.55);
        assertThat(population.people()).noneMatch(p -> p.sex() == Sex.MALE && p.name().middle().equals("Thị"));
        assertThat(population.people()).noneMatch(p -> p.sex() == Sex.FEMALE && p.name().middle().equals("Văn"));
    }

    @Test
    void householdsHaveOneHeadOneAddressAndConsistentAges() {
        Map<String, List<Person>> households = new LinkedHashMap<>();
        population.people().forEach(p -> households.computeIfAbsent(p.householdId(), k -> new ArrayList<>()).add(p));
        assertThat(households.size()).isBetween(20_000 / 5, 20_000 / 2);
        long singles = households.values().stream().filter(h -> h.size() == 1).count();
        assertThat(singles).isPositive();
        for (List<Person> members : households.values()) {
            assertThat(members.stream().filter(p -> p.relationToHead() == Relation.HEAD)).as("heads").hasSizeLessThanOrEqualTo(1);
            assertThat(members.stream().map(Person::permanentAddress).distinct()).hasSize(1);
            Person head = members.stream().filter(p -> p.relationToHead() == Relation.HEAD).findFirst()
                    .orElse(members.get(0));
            for (Person m : members) {
                if (m.relationToHead() == Relation.CHILD && head.sex() == Sex.MALE) {
                    // Children of a male head carry his family name and are at least 18 years younger.
                    assertThat(m.name().family()).as("%s", members).isEqualTo(head.name().family());
                    assertThat(ChronoUnit.YEARS.between(head.dateOfBirth(), m.dateOfBirth())).isGreaterThanOrEqualTo(17);
                }
                if (m.relationToHead() == Relation.PARENT) {
                    assertThat(m.dateOfBirth()).isBefore(head.dateOfBirth().minusYears(17));
                }
                if (m.dateOfDeath() != null) {
                    assertThat(m.dateOfDeath()).isAfter(m.dateOfBirth()).isBefore(PopulationGenerator.REFERENCE_DATE);
                }
            }
        }
    }

    @Test
    void everyHouseholdHasAHeadUnlessAllAdultsDied() {
        Map<String, List<Person>> households = new LinkedHashMap<>();
        population.people().forEach(p -> households.computeIfAbsent(p.householdId(), k -> new ArrayList<>()).add(p));
        long withoutHead = households.values().stream()
                .filter(h -> h.stream().noneMatch(p -> p.relationToHead() == Relation.HEAD)).count();
        assertThat(withoutHead).isZero();
    }

    @Test
    void addressesAreInThePost2025Units() {
        Set<String> wardCodes = new HashSet<>();
        AdministrativeUnits.daNang().wards2025().forEach(w -> wardCodes.add(w.code()));
        for (Person p : population.people()) {
            assertThat(p.permanentAddress().district()).isEmpty();
            assertThat(p.permanentAddress().city()).isEqualTo("Thành phố Đà Nẵng");
            assertThat(wardCodes).contains(p.permanentAddress().wardCode());
            assertThat(AdministrativeUnits.daNang().ward2025ByCode(p.permanentAddress().wardCode()).orElseThrow().name())
                    .isEqualTo(p.permanentAddress().ward());
        }
        assertThat(population.people()).anyMatch(p -> p.permanentAddress().houseNumber().startsWith("K"));
    }

    @Test
    void mostAdultsHaveAMobilePhoneAndSomeAnEmail() {
        List<Person> adults = population.people().stream()
                .filter(p -> p.dateOfDeath() == null
                        && ChronoUnit.YEARS.between(p.dateOfBirth(), PopulationGenerator.REFERENCE_DATE) >= 18)
                .toList();
        long withPhone = adults.stream().filter(p -> p.phone() != null).count();
        assertThat(withPhone / (double) adults.size()).isBetween(0.8, 0.97);
        assertThat(adults.stream().filter(p -> p.phone() != null))
                .allMatch(p -> p.phone().matches("0[35789]\\d{8}"));
        long withEmail = adults.stream().filter(p -> p.email() != null).count();
        assertThat(withEmail / (double) adults.size()).isBetween(0.1, 0.5);
        long deceased = population.people().stream().filter(p -> p.dateOfDeath() != null).count();
        assertThat(deceased / 20_000.0).isBetween(0.003, 0.05);
    }

    @Test
    void hardCasesAreThere() {
        Map<String, List<Person>> byNameAndBirth = new LinkedHashMap<>();
        population.people().forEach(p -> byNameAndBirth
                .computeIfAbsent(p.name().full() + "|" + p.dateOfBirth(), k -> new ArrayList<>()).add(p));
        long sameHouseholdSameBirth = byNameAndBirth.values().stream().filter(g -> g.size() > 1).count();
        assertThat(sameHouseholdSameBirth).as("same name and birth date").isPositive();

        Map<String, List<Person>> byHouseholdAndName = new LinkedHashMap<>();
        population.people().forEach(p -> byHouseholdAndName
                .computeIfAbsent(p.householdId() + "|" + p.name().full(), k -> new ArrayList<>()).add(p));
        assertThat(byHouseholdAndName.values()).as("father and son with the same name").anyMatch(g -> g.size() > 1);

        Map<String, List<Person>> byHouseholdAndBirth = new LinkedHashMap<>();
        population.people().forEach(p -> byHouseholdAndBirth
                .computeIfAbsent(p.householdId() + "|" + p.dateOfBirth(), k -> new ArrayList<>()).add(p));
        assertThat(byHouseholdAndBirth.values()).as("twins").anyMatch(g -> g.size() > 1);
    }

    @Test
    void generatesTwoHundredThousandPeople() {
        Population big = PopulationGenerator.generate(7L, 200_000);
        assertThat(big.people()).hasSize(200_000);
        assertThat(big.people().stream().map(Person::personalId).distinct().count()).isEqualTo(200_000);
    }
}
