package org.citizenhub.sandbox.health;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.citizenhub.mappings.citizen.Address;
import org.citizenhub.mappings.citizen.PersonName;
import org.citizenhub.mappings.citizen.Relation;
import org.citizenhub.mappings.citizen.Sex;
import org.citizenhub.mappings.id.PersonalIdNumber;
import org.citizenhub.sandbox.synthetic.Person;

/** A few synthetic residents made by hand, until the population generator is merged. */
final class SamplePeople {

    private static final String[] FAMILIES = {"Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Phan", "Võ", "Đặng"};
    private static final String[] MIDDLES = {"Văn", "Thị", "Hoàng", "Minh", "Thị Thu", "Đức"};
    private static final String[] GIVENS = {"Hùng", "Lan", "Ngọc", "Bảo", "Hà", "Tuấn", "Mai", "Dũng"};

    private SamplePeople() {
    }

    static List<Person> people(int count) {
        List<Person> people = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Sex sex = i % 2 == 0 ? Sex.MALE : Sex.FEMALE;
            LocalDate born = LocalDate.of(1940 + (i * 7) % 85, 1 + i % 12, 1 + i % 28);
            String id = PersonalIdNumber.build("048", sex, born.getYear(), 1000 + i);
            people.add(new Person("P" + i, id,
                    new PersonName(FAMILIES[i % FAMILIES.length], MIDDLES[i % MIDDLES.length], GIVENS[i % GIVENS.length]),
                    sex, born, "Đà Nẵng", "H" + i / 4, i % 4 == 0 ? Relation.HEAD : Relation.CHILD,
                    new Address(String.valueOf(10 + i), "Lê Duẩn", "Phường Hải Châu", "20207", "", "Thành phố Đà Nẵng", null),
                    "0905" + String.format("%06d", i), null, null));
        }
        return people;
    }
}
