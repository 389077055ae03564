package org.citizenhub.mappings.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.citizenhub.mappings.citizen.Address;
import org.citizenhub.mappings.citizen.InvalidSourceRecordException;
import org.citizenhub.mappings.citizen.Relation;
import org.citizenhub.mappings.citizen.Sex;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.id.DataQualityFinding;
import org.junit.jupiter.api.Test;

class PopulationMapperTest {

    private static final Instant NOW = Instant.parse("2026-01-01T08:00:00Z");
    private final PopulationMapper mapper = new PopulationMapper();

    private static PopulationRecord record(String id, String dob, String sex, String given) {
        return new PopulationRecord(id, "Nguyễn", "Văn", given, dob, sex, "Quảng Nam", "K12/5", "Lê Duẩn",
                "Phường Hải Châu", "20305", "Thành phố Đà Nẵng", "H0001", "head", "0905123456", "", "");
    }

    @Test
    void mapsEveryFieldWithProvenance() {
        var mapped = mapper.map(record("048090001234", "1990-05-12", "MALE", "Hùng"), NOW);
        var r = mapped.record();

        assertThat(mapped.findings()).isEmpty();
        assertThat(r.provenance().sourceSystem()).isEqualTo(SourceSystem.POPULATION);
        assertThat(r.provenance().sourceRecordId()).isEqualTo("048090001234");
        assertThat(r.provenance().retrievedAt()).isEqualTo(NOW);
        assertThat(r.name().full()).isEqualTo("Nguyễn Văn Hùng");
        assertThat(r.dateOfBirth().toString()).isEqualTo("1990-05-12");
        assertThat(r.sex()).isEqualTo(Sex.MALE);
        assertThat(r.permanentAddress().era()).isEqualTo(Address.AdminEra.FROM_2025);
        assertThat(r.permanentAddress().wardCode()).isEqualTo("20305");
        assertThat(r.household().relationToHead()).isEqualTo(Relation.HEAD);
        assertThat(r.email()).isNull();
        assertThat(r.dateOfDeath()).isNull();
    }

    @Test
    void keepsYearOnlyBirthDates() {
        var r = mapper.map(record("048048001234", "1948", "MALE", "Tư"), NOW).record();
        assertThat(r.dateOfBirth().isComplete()).isFalse();
        assertThat(r.dateOfBirth().year()).isEqualTo(1948);
    }

    @Test
    void reportsAnInconsistentIdAsAFindingNotAFailure() {
        var mapped = mapper.map(record("048190001234", "1990-05-12", "MALE", "Hùng"), NOW);
        assertThat(mapped.findings()).extracting(DataQualityFinding::code)
                .containsExactly(DataQualityFinding.Code.ID_CENTURY_SEX_MISMATCH);
    }

    @Test
    void rejectsRecordsThatCannotBeMappedWithoutQuotingThem() {
        assertThatThrownBy(() -> mapper.map(record("", "1990-05-12", "MALE", "Hùng"), NOW))
                .isInstanceOf(InvalidSourceRecordException.class).hasMessageContaining("personal ID");
        assertThatThrownBy(() -> mapper.map(record("048090001234", "12/05/1990", "MALE", "Hùng"), NOW))
                .isInstanceOf(InvalidSourceRecordException.class).hasMessageContaining("dateOfBirth")
                .hasMessageNotContaining("12/05/1990");
        assertThatThrownBy(() -> mapper.map(record("048090001234", "1990-05-12", "X", "Hùng"), NOW))
                .isInstanceOf(InvalidSourceRecordException.class).hasMessageContaining("sex");
    }
}
