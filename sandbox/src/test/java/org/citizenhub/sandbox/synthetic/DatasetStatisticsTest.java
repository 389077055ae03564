package org.citizenhub.sandbox.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.citizenhub.mappings.citizen.SourceSystem;
import org.junit.jupiter.api.Test;

class DatasetStatisticsTest {

    private final SyntheticDataset dataset = SyntheticViews.generate(PopulationGenerator.generate(9L, 1_500), 9L);
    private final DatasetStatistics stats = DatasetStatistics.of(dataset);

    @Test
    void truePairsAreAllPairsOfRecordsOfTheSamePerson() {
        List<ViewRecord> all = new ArrayList<>();
        dataset.views().values().forEach(all::addAll);
        long bruteForce = 0;
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                if (all.get(i).personKey().equals(all.get(j).personKey())) {
                    bruteForce++;
                }
            }
        }
        assertThat(stats.truePairs()).isEqualTo(bruteForce);
        assertThat(stats.truePairsBySystems().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(bruteForce);
        assertThat(stats.totalRecords()).isEqualTo(all.size());
    }

    @Test
    void hardNegativesAreCountedByTheirDefinition() {
        List<Person> people = dataset.population().people();
        long twins = 0;
        long sameNameInHousehold = 0;
        long sameNameAndBirth = 0;
        long sharedPhone = 0;
        long sameHousehold = 0;
        for (int i = 0; i < people.size(); i++) {
            for (int j = i + 1; j < people.size(); j++) {
                Person a = people.get(i);
                Person b = people.get(j);
                boolean household = a.householdId().equals(b.householdId());
                boolean name = a.name().full().equals(b.name().full());
                boolean birth = a.dateOfBirth().equals(b.dateOfBirth());
                sameHousehold += household ? 1 : 0;
                twins += household && birth ? 1 : 0;
                sameNameInHousehold += household && name ? 1 : 0;
                sameNameAndBirth += !household && name && birth ? 1 : 0;
                sharedPhone += a.phone() != null && a.phone().equals(b.phone()) ? 1 : 0;
            }
        }
        Map<HardNegatives.Kind, long[]> hard = stats.hardNegatives();
        assertThat(hard.get(HardNegatives.Kind.TWINS)[0]).isEqualTo(twins);
        assertThat(hard.get(HardNegatives.Kind.SAME_NAME_IN_HOUSEHOLD)[0]).isEqualTo(sameNameInHousehold);
        assertThat(hard.get(HardNegatives.Kind.SAME_NAME_AND_BIRTH_DATE)[0]).isEqualTo(sameNameAndBirth);
        assertThat(hard.get(HardNegatives.Kind.SHARED_PHONE)[0]).isEqualTo(sharedPhone);
        assertThat(hard.get(HardNegatives.Kind.SAME_HOUSEHOLD)[0]).isEqualTo(sameHousehold);
    }

    @Test
    void hardNegativesArePresentInTheStatedNumbers() {
        // At 30,000 people the generator's rates give roughly: twins 0.4%, sons named after their father
        // 0.3%, same name and birth date in different households 0.2%, shared phones 1.3% of people.
        DatasetStatistics big = DatasetStatistics.of(SyntheticViews.generate(PopulationGenerator.generate(42L, 30_000), 42L,
                java.util.Set.of(SourceSystem.POPULATION, SourceSystem.ELECTRICITY), Map.of()));
        Map<HardNegatives.Kind, long[]> hard = big.hardNegatives();
        assertThat(hard.get(HardNegatives.Kind.TWINS)[0]).isBetween(60L, 250L);
        assertThat(hard.get(HardNegatives.Kind.SAME_NAME_IN_HOUSEHOLD)[0]).isBetween(40L, 200L);
        assertThat(hard.get(HardNegatives.Kind.SAME_NAME_AND_BIRTH_DATE)[0]).isBetween(30L, 150L);
        assertThat(hard.get(HardNegatives.Kind.SHARED_PHONE)[0]).isBetween(150L, 800L);
        for (long[] counts : hard.values()) {
            assertThat(counts[1]).as("record pairs in the views").isPositive();
        }
    }
}
