package org.citizenhub.sandbox.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.citizenhub.mappings.citizen.PartialDate;
import org.citizenhub.mappings.id.PersonalIdNumber;
import org.junit.jupiter.api.Test;

class PopulationChangesTest {

    private final Population population = PopulationGenerator.generate(11L, 5_000);

    @Test
    void sameInputsGiveTheSameChanges() {
        assertThat(PopulationChanges.generate(population, 3L, 500)).isEqualTo(PopulationChanges.generate(population, 3L, 500));
        assertThat(PopulationChanges.generate(population, 3L, 500)).isNotEqualTo(PopulationChanges.generate(population, 4L, 500));
    }

    @Test
    void sequenceRunsFromOneToCountAndAllKindsOccur() {
        List<PopulationChange> changes = PopulationChanges.generate(population, 3L, 500);
        assertThat(changes).hasSize(500);
        for (int i = 0; i < changes.size(); i++) {
            assertThat(changes.get(i).sequence()).isEqualTo(i + 1L);
        }
        assertThat(changes).extracting(PopulationChange::type).contains(PopulationChange.Type.values());
    }

    @Test
    void registeredPeopleAreNewWithValidUniqueIds() {
        Set<String> ids = new HashSet<>();
        population.people().forEach(p -> ids.add(p.personalId()));
        Set<String> keys = new HashSet<>();
        population.people().forEach(p -> keys.add(p.personKey()));
        for (PopulationChange c : PopulationChanges.generate(population, 3L, 500)) {
            Person p = c.person();
            if (c.type() == PopulationChange.Type.REGISTERED) {
                assertThat(keys.add(p.personKey())).isTrue();
                assertThat(ids.add(p.personalId())).isTrue();
                assertThat(PersonalIdNumber.validate(p.personalId(), PartialDate.of(p.dateOfBirth()), p.sex())).isEmpty();
            } else {
                assertThat(keys).contains(p.personKey());
            }
        }
    }

    @Test
    void changesApplyToAConsistentPopulation() {
        List<PopulationChange> changes = PopulationChanges.generate(population, 3L, 500);
        Population after = PopulationChanges.apply(population, changes);
        long registered = changes.stream().filter(c -> c.type() == PopulationChange.Type.REGISTERED).count();
        assertThat(after.people()).hasSize(5_000 + (int) registered);
        Set<String> deadTwice = new HashSet<>();
        for (PopulationChange c : changes) {
            if (c.type() == PopulationChange.Type.DECEASED) {
                assertThat(deadTwice.add(c.person().personKey())).as("dies once").isTrue();
                assertThat(population.people().stream().filter(p -> p.personKey().equals(c.person().personKey()))
                        .allMatch(p -> p.dateOfDeath() == null)).isTrue();
            }
            if (c.type() == PopulationChange.Type.ADDRESS_CHANGED) {
                assertThat(c.person().permanentAddress().district()).isEmpty();
            }
        }
    }
}
