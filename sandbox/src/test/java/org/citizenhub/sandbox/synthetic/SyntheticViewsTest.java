package org.citizenhub.sandbox.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.sandbox.synthetic.ViewFields.Health;
import org.citizenhub.sandbox.synthetic.ViewFields.PopulationDatabase;
import org.citizenhub.sandbox.synthetic.ViewFields.Portal;
import org.citizenhub.sandbox.synthetic.ViewFields.School;
import org.citizenhub.sandbox.synthetic.ViewFields.Utility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SyntheticViewsTest {

    private static final int SIZE = 30_000;
    private static SyntheticDataset dataset;
    private static Map<String, Person> truth;

    @BeforeAll
    static void build() {
        dataset = SyntheticViews.generate(PopulationGenerator.generate(42L, SIZE), 42L);
        truth = new HashMap<>();
        dataset.population().people().forEach(p -> truth.put(p.personKey(), p));
        dataset.nonResidents().forEach(p -> truth.put(p.personKey(), p));
    }

    @Test
    void buildsTheSixViewsWithAboutTwoPointNineRecordsPerPerson() {
        assertThat(dataset.views().keySet()).containsExactlyElementsOf(SyntheticViews.DEFAULT_SYSTEMS);
        int records = dataset.views().values().stream().mapToInt(List::size).sum();
        // issue 3: 200,000 people give about 575,000 records
        assertThat(records / (double) SIZE).isBetween(2.6, 3.2);
    }

    @Test
    void everyRecordDescribesExactlyOnePersonOfTheTruth() {
        for (SourceSystem system : dataset.views().keySet()) {
            Set<String> ids = new HashSet<>();
            for (ViewRecord r : dataset.view(system)) {
                assertThat(truth).as("person of %s %s", system, r.recordId()).containsKey(r.personKey());
                assertThat(ids.add(r.recordId())).as("unique record id in %s", system).isTrue();
                assertThat(r.fields().keySet()).containsExactlyElementsOf(ViewFields.of(system));
            }
        }
    }

    @Test
    void populationViewHasEveryResidentOnceAndClean() {
        List<ViewRecord> view = dataset.view(SourceSystem.POPULATION);
        assertThat(view).hasSize(SIZE);
        assertThat(view.stream().map(ViewRecord::personKey).distinct().count()).isEqualTo(SIZE);
        for (ViewRecord r : view) {
            Person p = truth.get(r.personKey());
            assertThat(r.recordId()).isEqualTo(p.personalId());
            assertThat(r.field(PopulationDatabase.FULL_NAME)).isEqualTo(p.name().full());
            assertThat(r.field(PopulationDatabase.DATE_OF_BIRTH)).isEqualTo(p.dateOfBirth().toString());
            assertThat(r.field(PopulationDatabase.WARD_CODE)).isEqualTo(p.permanentAddress().wardCode());
        }
    }

    @Test
    void healthValuesFitAFhirPatient() {
        for (ViewRecord r : dataset.view(SourceSystem.HEALTH)) {
            String birthDate = r.field(Health.BIRTH_DATE);
            assertThat(birthDate).matches("\\d{4}(-\\d{2}-\\d{2})?");
            if (birthDate.length() == 10) {
                LocalDate.parse(birthDate);
            }
            assertThat(r.field(Health.GENDER)).isIn("male", "female", "unknown");
            assertThat(r.field(Health.FULL_NAME)).isNotBlank();
        }
    }

    @Test
    void healthHasNonResidentsDuplicatesAndUnnamedNewborns() {
        List<ViewRecord> health = dataset.view(SourceSystem.HEALTH);
        assertThat(health).anyMatch(r -> r.personKey().startsWith("N"));
        long distinct = health.stream().map(ViewRecord::personKey).distinct().count();
        assertThat((health.size() - distinct) / (double) distinct).isCloseTo(0.04, within(0.01));
        List<ViewRecord> unnamed = health.stream().filter(r -> r.field(Health.FULL_NAME).startsWith("Con bà ")).toList();
        assertThat(unnamed).isNotEmpty();
        Households households = new Households(dataset.population());
        for (ViewRecord r : unnamed) {
            Person baby = truth.get(r.personKey());
            assertThat(baby.dateOfBirth()).isAfter(PopulationGenerator.REFERENCE_DATE.minusYears(1));
            assertThat(r.field(Health.FULL_NAME)).isEqualTo("Con bà " + households.motherOf(baby).orElseThrow().name().full());
        }
    }

    @Test
    void schoolHasPupilsOfSixToEighteenWithSlashDates() {
        DateTimeFormatter slash = DateTimeFormatter.ofPattern("dd/MM/yyyy");
        for (ViewRecord r : dataset.view(SourceSystem.SCHOOL)) {
            Person p = truth.get(r.personKey());
            int age = Households.ageAt(p, PopulationGenerator.REFERENCE_DATE);
            assertThat(age).isBetween(5, 18);
            LocalDate.parse(r.field(School.BIRTH_DATE), slash);
            assertThat(r.recordId()).isEqualTo(r.field(School.STUDENT_CODE));
        }
        // Guardians are named; a son named after his father has the same name as his guardian, on purpose.
        assertThat(share(dataset.view(SourceSystem.SCHOOL), r -> !r.field(School.GUARDIAN_NAME).isEmpty())).isGreaterThan(0.97);
    }

    @Test
    void utilityAccountsAreHeldByOnePersonPerHouseholdSometimesTheDeadFormerHead() {
        for (SourceSystem system : List.of(SourceSystem.ELECTRICITY, SourceSystem.WATER)) {
            Map<String, Set<String>> holdersByHousehold = new HashMap<>();
            for (ViewRecord r : dataset.view(system)) {
                holdersByHousehold.computeIfAbsent(truth.get(r.personKey()).householdId(), k -> new HashSet<>()).add(r.personKey());
            }
            assertThat(holdersByHousehold.values()).allMatch(holders -> holders.size() == 1);
            assertThat(dataset.view(system)).anyMatch(r -> truth.get(r.personKey()).dateOfDeath() != null);
        }
    }

    @Test
    void portalProfilesAreOfAdults() {
        for (ViewRecord r : dataset.view(SourceSystem.PORTAL)) {
            Person p = truth.get(r.personKey());
            assertThat(Households.ageAt(p, PopulationGenerator.REFERENCE_DATE)).isBetween(PortalView.MIN_AGE, PortalView.MAX_AGE);
            assertThat(p.dateOfDeath()).isNull();
        }
    }

    // ---- corruption rates ------------------------------------------------------------------------

    @Test
    void everyCorruptionIsAppliedAtItsConfiguredRate() {
        DatasetStatistics stats = DatasetStatistics.of(dataset);
        assertThat(stats.corruptions()).hasSizeGreaterThan(80);
        for (DatasetStatistics.CorruptionRow row : stats.corruptions()) {
            if (row.opportunities() < 100) {
                continue;
            }
            double p = row.configuredRate();
            double tolerance = 4 * Math.sqrt(p * (1 - p) / row.opportunities()) + 0.002;
            assertThat(row.appliedRate()).as("%s %s", row.system(), row.corruption()).isCloseTo(p, within(tolerance));
        }
    }

    @Test
    void utilityNamesLoseDiacriticsAndAreUpperCasedAtTheirRates() {
        List<ViewRecord> electricity = dataset.view(SourceSystem.ELECTRICITY);
        List<ViewRecord> vietnamese = electricity.stream()
                .filter(r -> !isAscii(truth.get(r.personKey()).name().full())).toList();
        double ascii = share(vietnamese, r -> isAscii(r.field(Utility.HOLDER_NAME)));
        assertThat(ascii).isCloseTo(rate(SourceSystem.ELECTRICITY, Corruption.DIACRITICS_STRIPPED), within(0.03));
        double upper = share(electricity, r -> r.field(Utility.HOLDER_NAME).equals(r.field(Utility.HOLDER_NAME).toUpperCase(Locale.ROOT)));
        assertThat(upper).isCloseTo(rate(SourceSystem.ELECTRICITY, Corruption.UPPER_CASE), within(0.03));
        assertThat(electricity).anyMatch(r -> r.field(Utility.HOLDER_NAME).startsWith("NGUYEN "));
    }

    @Test
    void idsGoMissingAndDamagedAtTheirRates() {
        List<ViewRecord> school = dataset.view(SourceSystem.SCHOOL);
        assertThat(share(school, r -> r.field(School.PERSONAL_ID).isEmpty()))
                .isCloseTo(rate(SourceSystem.SCHOOL, Corruption.ID_MISSING), within(0.03));
        List<ViewRecord> portal = dataset.view(SourceSystem.PORTAL);
        assertThat(portal).anyMatch(r -> r.field(Portal.PERSONAL_ID).matches("\\d{9}"));
        assertThat(portal).anyMatch(r -> r.field(Portal.PERSONAL_ID).matches("[1-9]\\d{10}"));
        long wrongDigit = portal.stream().filter(r -> r.field(Portal.PERSONAL_ID).length() == 12
                && !r.field(Portal.PERSONAL_ID).equals(truth.get(r.personKey()).personalId())).count();
        assertThat(wrongDigit).isPositive();
    }

    @Test
    void addressesUseOldUnitsAndPhonesPlus84AtTheirRates() {
        List<ViewRecord> residentsInHealth = dataset.view(SourceSystem.HEALTH).stream()
                .filter(r -> r.personKey().startsWith("P")).toList();
        assertThat(share(residentsInHealth, r -> !r.field(Health.DISTRICT).isEmpty()))
                .isCloseTo(rate(SourceSystem.HEALTH, Corruption.OLD_ADMIN_UNITS), within(0.02));
        List<ViewRecord> withPhone = dataset.view(SourceSystem.PORTAL).stream()
                .filter(r -> !r.field(Portal.PHONE).isEmpty()).toList();
        assertThat(share(withPhone, r -> r.field(Portal.PHONE).startsWith("+84")))
                .isCloseTo(rate(SourceSystem.PORTAL, Corruption.PHONE_PLUS84), within(0.03));
    }

    @Test
    void ratesAreConfigurable() {
        Population small = PopulationGenerator.generate(5L, 2_000);
        SyntheticDataset none = SyntheticViews.generate(small, 5L, Set.of(SourceSystem.HEALTH),
                Map.of(SourceSystem.HEALTH, ErrorProfile.defaultFor(SourceSystem.HEALTH).with(Corruption.ID_MISSING, 0)
                        .with(Corruption.DIACRITICS_STRIPPED, 1.0)));
        Map<String, Person> people = new HashMap<>();
        small.people().forEach(p -> people.put(p.personKey(), p));
        for (ViewRecord r : none.view(SourceSystem.HEALTH)) {
            assertThat(r.field(Health.PERSONAL_ID)).isNotEmpty();
            if (!r.field(Health.FULL_NAME).startsWith("Con bà")) {
                assertThat(isAscii(r.field(Health.FULL_NAME))).as(r.field(Health.FULL_NAME)).isTrue();
            }
        }
        SyntheticDataset clean = SyntheticViews.generate(small, 5L, Set.of(SourceSystem.PORTAL),
                Map.of(SourceSystem.PORTAL, ErrorProfile.clean()));
        for (ViewRecord r : clean.view(SourceSystem.PORTAL)) {
            Person p = people.get(r.personKey());
            assertThat(r.field(Portal.FULL_NAME)).isEqualTo(p.name().full());
            assertThat(r.field(Portal.PERSONAL_ID)).isEqualTo(p.personalId());
        }
    }

    @Test
    void aViewDoesNotDependOnWhichOtherViewsAreBuilt() {
        Population small = PopulationGenerator.generate(5L, 2_000);
        SyntheticDataset all = SyntheticViews.generate(small, 5L);
        SyntheticDataset schoolOnly = SyntheticViews.generate(small, 5L, Set.of(SourceSystem.SCHOOL), Map.of());
        assertThat(schoolOnly.view(SourceSystem.SCHOOL)).isEqualTo(all.view(SourceSystem.SCHOOL));
    }

    private static double rate(SourceSystem system, Corruption corruption) {
        return ErrorProfile.defaultFor(system).rate(corruption);
    }

    private static double share(List<ViewRecord> records, Predicate<ViewRecord> test) {
        return records.stream().filter(test).count() / (double) records.size();
    }

    private static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c < 128);
    }
}
