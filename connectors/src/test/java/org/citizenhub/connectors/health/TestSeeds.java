package org.citizenhub.connectors.health;

import java.util.ArrayList;
import java.util.List;

import org.citizenhub.mappings.citizen.Sex;
import org.citizenhub.mappings.id.PersonalIdNumber;
import org.citizenhub.sandbox.health.PatientSeed;

/** Health-view seeds for the simulator, made by hand: family-first names, some without ID number. */
final class TestSeeds {

    static final String[] FAMILIES = {"Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Phan", "Võ", "Đặng", "Bùi", "Đỗ"};
    static final String[] GIVENS = {"Văn Hùng", "Thị Lan", "Hoàng Bảo Ngọc", "Minh Tuấn", "Thị Thu Hà", "Đức Dũng"};

    private TestSeeds() {
    }

    static List<PatientSeed> patients(int count) {
        List<PatientSeed> seeds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int year = 1950 + i % 60;
            Sex sex = i % 2 == 0 ? Sex.MALE : Sex.FEMALE;
            String id = i % 10 == 9 ? "" : personalId(i);
            seeds.add(new PatientSeed(String.format("hs-%05d", i), "P" + i,
                    FAMILIES[i % FAMILIES.length] + " " + GIVENS[i % GIVENS.length],
                    i % 3 == 0 ? "" : FAMILIES[i % FAMILIES.length], i % 3 == 0 ? "" : GIVENS[i % GIVENS.length],
                    year + "-0" + (1 + i % 9) + "-1" + i % 10, sex == Sex.MALE ? "male" : "female", id,
                    "0905" + String.format("%06d", i), (10 + i) + " Lê Duẩn", "Phường Hải Châu", "", "Thành phố Đà Nẵng",
                    null, List.of()));
        }
        return seeds;
    }

    static String personalId(int i) {
        Sex sex = i % 2 == 0 ? Sex.MALE : Sex.FEMALE;
        return PersonalIdNumber.build("048", sex, 1950 + i % 60, 1000 + i);
    }
}
