package org.citizenhub.mappings.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.citizenhub.mappings.address.AdministrativeUnits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressKeysTest {

    @ParameterizedTest(name = "{0} → house {1}, street {2}")
    @CsvSource(delimiter = '|', value = {
            "K12/5 Nguyễn Văn Linh       | 12/5 | nguyen van linh",
            "Kiệt 12/5 Nguyễn Văn Linh   | 12/5 | nguyen van linh",
            "kiet 12/5 nguyen van linh   | 12/5 | nguyen van linh",
            "12/5 Ng. Văn Linh           | 12/5 | nguyen van linh",
            "Số 45 Đường Điện Biên Phủ   | 45   | dien bien phu",
            "45 Đ. Điện Biên Phủ         | 45   | dien bien phu",
            "H.20/3 Lê Duẩn              | 20/3 | le duan",
            "Trần Phú                    | ''   | tran phu",
    })
    void splitsHouseAndAlleyFromTheStreet(String line, String house, String street) {
        AddressKeys a = AddressKeys.of(line, null, null, null, null);
        assertThat(a.house()).isEqualTo(house);
        assertThat(a.street()).isEqualTo(street);
    }

    @Test
    void oneLineAddressWithAbbreviatedUnits() {
        AddressKeys a = AddressKeys.parseOneLine("K12/5 Nguyễn Văn Linh, P. Thạch Thang, Q. Hải Châu, TP Đà Nẵng");
        assertThat(a.house()).isEqualTo("12/5");
        assertThat(a.ward()).isEqualTo("thach thang");
        assertThat(a.district()).isEqualTo("hai chau");
        assertThat(a.city()).isEqualTo("da nang");
        assertThat(a.ward2025()).isEqualTo("20242");
    }

    @Test
    void oldWardWithDistrictMapsToTheNewWardOfTheOfficialTable() {
        AdministrativeUnits units = AdministrativeUnits.daNang();
        AdministrativeUnits.WardBefore2025 old = units.wardsBefore2025().get(0);
        AddressKeys a = AddressKeys.of("", "", old.name(), old.district(), "Đà Nẵng");
        assertThat(Set.of(a.ward2025().split("\\|"))).isEqualTo(units.newWardCodesFor(old.code()));
    }

    @Test
    void splitOldWardGivesEveryCandidateNewWard() {
        AdministrativeUnits units = AdministrativeUnits.daNang();
        AdministrativeUnits.WardBefore2025 split = units.wardsBefore2025().stream()
                .filter(w -> units.newWardCodesFor(w.code()).size() > 1).findFirst().orElseThrow();
        AddressKeys a = AddressKeys.of("", "", split.name(), split.district(), "");
        assertThat(a.ward2025().split("\\|")).hasSizeGreaterThan(1);
        assertThat(Set.of(a.ward2025().split("\\|"))).isEqualTo(units.newWardCodesFor(split.code()));
    }

    @Test
    void newWardWithoutDistrictIsLookedUpByName() {
        AdministrativeUnits.Ward2025 w = AdministrativeUnits.daNang().wards2025().get(0);
        AddressKeys a = AddressKeys.of("", "", w.name(), "", "Thành phố Đà Nẵng");
        assertThat(a.ward2025()).isEqualTo(w.code());
    }

    @Test
    void oldAndNewWritingOfTheSameHomeShareACandidateWard() {
        AdministrativeUnits units = AdministrativeUnits.daNang();
        AdministrativeUnits.WardBefore2025 old = units.wardsBefore2025().get(5);
        String newCode = units.newWardCodesFor(old.code()).iterator().next();
        String newName = units.ward2025ByCode(newCode).orElseThrow().name();
        AddressKeys before = AddressKeys.of("", "", abbreviate(old.name()), abbreviate(old.district()), "TP Đà Nẵng");
        AddressKeys after = AddressKeys.of("", "", newName, "", "Thành phố Đà Nẵng");
        assertThat(before.ward2025().split("\\|")).contains(after.ward2025());
    }

    private static String abbreviate(String unit) {
        return unit.replace("Phường ", "P. ").replace("Quận ", "Q. ");
    }
}
