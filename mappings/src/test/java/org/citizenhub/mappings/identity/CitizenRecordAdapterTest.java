package org.citizenhub.mappings.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.citizenhub.mappings.citizen.Address;
import org.citizenhub.mappings.citizen.CitizenRecord;
import org.citizenhub.mappings.citizen.PartialDate;
import org.citizenhub.mappings.citizen.PersonName;
import org.citizenhub.mappings.citizen.Provenance;
import org.citizenhub.mappings.citizen.Sex;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.junit.jupiter.api.Test;

class CitizenRecordAdapterTest {

    private static CitizenRecord citizen(SourceSystem system, String id, String personalId, String legacyId, String name,
                                         PartialDate dob, String phone, Address address) {
        return new CitizenRecord(new Provenance(system, id, Instant.parse("2026-01-01T00:00:00Z")), personalId, legacyId,
                PersonName.parseFamilyFirst(name), dob, Sex.MALE, null, null, address, null, phone, null, null);
    }

    @Test
    void mapsTheCanonicalCitizenToTheCitizenConfigurationColumns() {
        Address oldUnits = new Address("K12/5", "Nguyễn Văn Linh", "Phường Thạch Thang", "", "Quận Hải Châu", "Đà Nẵng", null);
        MatchRecord r = CitizenRecordAdapter.toMatchRecord(citizen(SourceSystem.WATER, "DNW1", null, "201234567",
                "Nguyễn Văn Hùng", PartialDate.yearOnly(1985), "+84 905 123 456", oldUnits));
        assertThat(r.id()).isEqualTo("WATER:DNW1");
        assertThat(r.source()).isEqualTo("WATER");
        assertThat(r.field("idNumber")).isEqualTo("201234567");
        assertThat(r.field("dateOfBirth")).isEqualTo("1985");
        assertThat(r.field("district")).isEqualTo("Quận Hải Châu");
    }

    @Test
    void canonicalRecordsOfTheSameManFromTwoSystemsEndInOneCluster() {
        Address oldUnits = new Address("K12/5", "Nguyễn Văn Linh", "Phường Thạch Thang", "", "Quận Hải Châu", "Đà Nẵng", null);
        Address newUnits = new Address("K12/5", "Nguyễn Văn Linh", "Phường Hải Châu", "", "", "Thành phố Đà Nẵng", null);
        List<MatchRecord> records = List.of(
                CitizenRecordAdapter.toMatchRecord(citizen(SourceSystem.POPULATION, "048085001234", "048085001234", null,
                        "Nguyễn Văn Hùng", new PartialDate(1985, 3, 15), "0905123456", newUnits)),
                CitizenRecordAdapter.toMatchRecord(citizen(SourceSystem.HEALTH, "BN1", "048085001234", null,
                        "NGUYEN VAN HUNG", new PartialDate(1985, 3, 15), "+84905123456", oldUnits)));
        MatchConfig config = MatchConfig.load("citizen");
        RecordTable table = config.newTable();
        RecordNormalizer normalizer = new RecordNormalizer(config, RecordNormalizer.columnsRead(config), new InputQuality());
        for (MatchRecord r : records) {
            table.append(r.id(), r.source(), normalizer.keys(r));
            table.commitLast();
        }
        List<Comparison> comparisons = config.comparisons(table);
        assertThat(comparisons.stream().filter(c -> c.name().equals("ward")).findFirst().orElseThrow().level(0, 1)).isZero();
        assertThat(comparisons.stream().filter(c -> c.name().equals("pid")).findFirst().orElseThrow().level(0, 1)).isZero();
        assertThat(comparisons.stream().filter(c -> c.name().equals("phone")).findFirst().orElseThrow().level(0, 1)).isZero();
        BatchResolver.Result result = BatchResolver.dedupeRecords(config, records, m -> { });
        assertThat(result.table().size()).isEqualTo(2);
    }
}
