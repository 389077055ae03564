package org.citizenhub.sandbox.synthetic;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.citizenhub.mappings.citizen.Address;
import org.citizenhub.mappings.citizen.PersonName;
import org.citizenhub.mappings.citizen.Relation;
import org.citizenhub.mappings.citizen.Sex;

/**
 * People treated in Đà Nẵng who do not live there (visitors, workers registered elsewhere): in the
 * health records but not in the population database, so they must not be linked to any resident.
 * Keys "N0000001" upwards; household id "" (unknown to the city).
 */
final class NonResidents {

    private static final String[] STREETS = {"Quang Trung", "Lê Lợi", "Trần Hưng Đạo", "Hùng Vương", "Nguyễn Huệ",
            "Hai Bà Trưng", "Lý Thường Kiệt", "Phan Đình Phùng", "Nguyễn Trãi", "Lê Duẩn"};

    private NonResidents() {
    }

    static List<Person> generate(SplittableRandom random, int count, PersonalIdIssuer ids, MobileNumbers phones) {
        NameBook names = NameBook.instance();
        List<Person> people = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            Sex sex = random.nextBoolean() ? Sex.MALE : Sex.FEMALE;
            LocalDate birth = PopulationGenerator.REFERENCE_DATE.minusDays(random.nextInt(85 * 365));
            PersonName name = new PersonName(names.family(random), names.middle(random, sex, birth.getYear()),
                    names.given(random, sex, birth.getYear()));
            String province = BirthProvinces.otherProvince(random);
            String provinceName = BirthProvinces.NAMES.get(province);
            Address address = new Address(Integer.toString(1 + random.nextInt(300)), STREETS[random.nextInt(STREETS.length)],
                    "", "", "", provinceName, Address.AdminEra.FROM_2025);
            String phone = random.nextDouble() < 0.8 ? phones.issue(random) : null;
            people.add(new Person("N" + ZeroPadded.of(i, 7), ids.issue(random, province, sex, birth.getYear()), name, sex,
                    birth, provinceName, "", Relation.OTHER, address, phone, null, null));
        }
        return people;
    }
}
