package org.citizenhub.mappings.utility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Instant;
import java.util.stream.Stream;

import org.citizenhub.mappings.citizen.Address.AdminEra;
import org.citizenhub.mappings.citizen.CitizenRecord;
import org.citizenhub.mappings.citizen.InvalidSourceRecordException;
import org.citizenhub.mappings.citizen.PersonName;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.id.DataQualityFinding;
import org.citizenhub.mappings.id.DataQualityFinding.Code;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UtilityAccountMapperTest {

    private static final Instant READ_AT = Instant.parse("2025-10-01T08:00:00Z");
    private final UtilityAccountMapper mapper = new UtilityAccountMapper();

    /** BRIEF scenario 3: upper case, no diacritics, pre-2025 ward and district, a CMND. */
    @Test
    void mapsTheWaterCompanysNguyenVanHung() {
        UtilityAccount account = new UtilityAccount(SourceSystem.WATER, "DNW00001234", "NGUYEN VAN HUNG",
                "K12/5 D. Le Duan, P. Thach Thang, Q. Hai Chau, TP Da Nang", "+84 905 123 456", "201234567");

        MappedAccount mapped = mapper.map(account, READ_AT);

        CitizenRecord holder = mapped.holder().record();
        assertThat(holder.sourceRef().key()).isEqualTo("WATER:DNW00001234");
        assertThat(holder.name()).isEqualTo(new PersonName("NGUYEN", "VAN", "HUNG"));
        assertThat(holder.legacyId()).isEqualTo("201234567");
        assertThat(holder.personalId()).isNull();
        assertThat(holder.phone()).isEqualTo("+84 905 123 456");
        assertThat(holder.currentAddress().era()).isEqualTo(AdminEra.BEFORE_2025);
        assertThat(holder.currentAddress().district()).isEqualTo("Q. Hai Chau");
        assertThat(holder.dateOfBirth()).isNull();
        assertThat(mapped.holder().findings()).isEmpty();
        assertThat(mapped.account()).isEqualTo(new ServiceAccount(SourceSystem.WATER, "DNW00001234",
                "K12/5 D. Le Duan, P. Thach Thang, Q. Hai Chau, TP Da Nang"));
    }

    static Stream<Arguments> idNumbers() {
        return Stream.of(
                Arguments.of("", null, null),
                Arguments.of("201.234.567", null, "201234567"),
                Arguments.of("048090001234", "048090001234", null),
                // leading zero lost: kept, with a finding
                Arguments.of("48090001234", "48090001234", null),
                Arguments.of("999090001234", "999090001234", null));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @MethodSource("idNumbers")
    void sortsIdNumbersIntoCccdAndLegacyCmnd(String written, String personalId, String legacyId) {
        CitizenRecord holder = mapper.map(account("NGUYEN THI LAN", written), READ_AT).holder().record();
        assertThat(holder.personalId()).isEqualTo(personalId);
        assertThat(holder.legacyId()).isEqualTo(legacyId);
    }

    @Test
    void damagedIdNumbersAreFindingsThatDoNotQuoteThem() {
        var malformed = mapper.map(account("NGUYEN THI LAN", "48090001234"), READ_AT).holder().findings();
        var unknownProvince = mapper.map(account("NGUYEN THI LAN", "999090001234"), READ_AT).holder().findings();

        assertThat(malformed).extracting(DataQualityFinding::code, DataQualityFinding::field)
                .containsExactly(tuple(Code.ID_MALFORMED, "personalId"));
        assertThat(unknownProvince).extracting(DataQualityFinding::code).containsExactly(Code.ID_UNKNOWN_PROVINCE);
        assertThat(malformed.get(0).message()).doesNotContain("48090001234");
    }

    @Test
    void anAccountWithoutAServiceAddressIsKeptWithAFinding() {
        UtilityAccount account = new UtilityAccount(SourceSystem.ELECTRICITY, "PC0500000001", "TRAN VAN BA", " ", "", "");
        var mapped = mapper.map(account, READ_AT);
        assertThat(mapped.holder().record().currentAddress()).isNull();
        assertThat(mapped.holder().findings()).extracting(DataQualityFinding::field).containsExactly("serviceAddress");
    }

    static Stream<Arguments> unmappable() {
        return Stream.of(
                Arguments.of("", "NGUYEN VAN HUNG", "customerCode is missing"),
                Arguments.of("PC05 0000/1", "NGUYEN VAN HUNG", "customerCode is missing or not a code"),
                Arguments.of("PC0500000001", "  ", "holderName is missing"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("unmappable")
    void rejectsAnAccountWithoutCodeOrHolder(String code, String holder, String reason) {
        UtilityAccount account = new UtilityAccount(SourceSystem.ELECTRICITY, code, holder, "12 Le Loi, Da Nang", "", "");
        assertThatThrownBy(() -> mapper.map(account, READ_AT))
                .isInstanceOf(InvalidSourceRecordException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void onlyUtilitiesHaveUtilityAccounts() {
        assertThatThrownBy(() -> new UtilityAccount(SourceSystem.HEALTH, "X", "Y", "", "", ""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static UtilityAccount account(String holder, String idNumber) {
        return new UtilityAccount(SourceSystem.ELECTRICITY, "PC0500000001", holder,
                "12 Lê Lợi, P. Thạch Thang, Q. Hải Châu, Đà Nẵng", "0905123456", idNumber);
    }
}
