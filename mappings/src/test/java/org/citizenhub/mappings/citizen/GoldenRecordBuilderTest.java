package org.citizenhub.mappings.citizen;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class GoldenRecordBuilderTest {

    private static final Instant EARLIER = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant LATER = Instant.parse("2025-06-01T00:00:00Z");
    private final GoldenRecordBuilder builder = new GoldenRecordBuilder(SurvivorshipRules.defaults());

    private static CitizenRecord record(SourceSystem system, String id, Instant at, String name, String phone, Address address) {
        return new CitizenRecord(new Provenance(system, id, at), null, null, PersonName.parseFamilyFirst(name),
                PartialDate.parse("1990-05-12"), Sex.MALE, null, address, null, null, phone, null, null);
    }

    private static Address address(String street) {
        return new Address("12", street, "Phường Hải Châu", "20305", "", "Thành phố Đà Nẵng", null);
    }

    @Test
    void takesIdentityAndAddressFromThePopulationDatabase() {
        var population = record(SourceSystem.POPULATION, "p1", EARLIER, "Nguyễn Văn Hùng", null, address("Lê Duẩn"));
        var water = record(SourceSystem.WATER, "w1", LATER, "NGUYEN VAN HUNG", "0905123456", address("Le Duan"));

        GoldenCitizen golden = builder.build("c1", 1, List.of(water, population));

        assertThat(golden.name().value().full()).isEqualTo("Nguyễn Văn Hùng");
        assertThat(golden.name().provenance().sourceSystem()).isEqualTo(SourceSystem.POPULATION);
        assertThat(golden.permanentAddress().value().street()).isEqualTo("Lê Duẩn");
        // the population record has no phone: the water company's survives, with its provenance
        assertThat(golden.phone().value()).isEqualTo("0905123456");
        assertThat(golden.phone().provenance().sourceRecordId()).isEqualTo("w1");
        assertThat(golden.sourceRecords()).extracting(SourceRef::key).containsExactly("POPULATION:p1", "WATER:w1");
    }

    @Test
    void portalContactBeatsRegistryAndNewerBeatsOlder() {
        var registry = record(SourceSystem.POPULATION, "p1", LATER, "Nguyễn Văn Hùng", "0905000001", address("A"));
        var portalOld = record(SourceSystem.PORTAL, "o1", EARLIER, "Nguyễn Văn Hùng", "0905000002", null);
        var portalNew = record(SourceSystem.PORTAL, "o2", LATER, "Nguyễn Văn Hùng", "0905000003", null);

        GoldenCitizen golden = builder.build("c1", 1, List.of(registry, portalOld, portalNew));

        assertThat(golden.phone().value()).isEqualTo("0905000003");
    }

    @Test
    void reportsOnlyFieldsWhoseValueChanged() {
        var before = builder.build("c1", 1, List.of(record(SourceSystem.POPULATION, "p1", EARLIER, "Nguyễn Văn Hùng", null, address("A"))));
        var reread = builder.build("c1", 1, List.of(record(SourceSystem.POPULATION, "p1", LATER, "Nguyễn Văn Hùng", null, address("A"))));
        var moved = builder.build("c1", 1, List.of(record(SourceSystem.POPULATION, "p1", LATER, "Nguyễn Văn Hùng", null, address("B"))));

        assertThat(reread.changedFieldsSince(before)).isEmpty();
        assertThat(moved.changedFieldsSince(before)).containsExactly(CitizenField.PERMANENT_ADDRESS);
        assertThat(before.changedFieldsSince(null)).contains(CitizenField.NAME, CitizenField.PERMANENT_ADDRESS);
    }
}
