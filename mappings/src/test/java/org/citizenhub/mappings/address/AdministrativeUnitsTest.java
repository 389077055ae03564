package org.citizenhub.mappings.address;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AdministrativeUnitsTest {

    private final AdministrativeUnits units = AdministrativeUnits.daNang();

    @Test
    void knowsTheNewCityWards() {
        // 93 wards and communes plus the Hoàng Sa special zone
        assertThat(units.wards2025()).hasSize(94);
        assertThat(units.ward2025ByCode("20194")).hasValueSatisfying(w -> assertThat(w.name()).isEqualTo("Phường Hải Vân"));
    }

    @Test
    void mapsAnOldWardMergedWholeToOneNewWard() {
        // Phường Hòa Hiệp Nam (Quận Liên Chiểu) went whole into Phường Hải Vân
        assertThat(units.newWardCodesFor("20195")).containsExactly("20194");
        assertThat(units.wardsBefore2025()).anySatisfy(w -> {
            assertThat(w.code()).isEqualTo("20195");
            assertThat(w.district()).isEqualTo("Quận Liên Chiểu");
        });
    }

    @Test
    void mapsASplitOldWardToEveryCandidate() {
        long split = units.wardsBefore2025().stream().filter(w -> units.newWardCodesFor(w.code()).size() > 1).count();
        assertThat(split).isPositive();
    }
}
