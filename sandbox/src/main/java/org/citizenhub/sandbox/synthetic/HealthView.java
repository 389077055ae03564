package org.citizenhub.sandbox.synthetic;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.citizen.Sex;
import org.citizenhub.sandbox.synthetic.ViewFields.Health;

/**
 * Health records: most residents (and some of the dead), plus non-residents treated in the city.
 * Values stay valid for a FHIR R4 Patient (birthDate yyyy-MM-dd or yyyy, gender male/female/unknown);
 * the mess is in names, IDs, phones, addresses and duplicates. Newborns are often recorded before
 * they have a name, and children under 16 usually carry a parent's phone.
 */
final class HealthView {

    static final double RESIDENT_COVERAGE = 0.85;
    static final double DECEASED_COVERAGE = 0.60;
    /** Only the old are recorded by year of birth ("năm sinh"). */
    static final int YEAR_ONLY_FROM_AGE = 50;
    static final int CHILD_UNDER = 16;

    private final Households households;
    private final Mangler mangler;

    private HealthView(Households households, Mangler mangler) {
        this.households = households;
        this.mangler = mangler;
    }

    static List<ViewRecord> build(Population population, Households households, List<Person> nonResidents, Mangler mangler) {
        HealthView view = new HealthView(households, mangler);
        Drafts drafts = new Drafts(SourceSystem.HEALTH);
        for (Person p : population.people()) {
            double coverage = Households.alive(p) ? RESIDENT_COVERAGE : DECEASED_COVERAGE;
            if (mangler.random().nextDouble() < coverage) {
                view.recordsOf(p, drafts);
            }
        }
        for (Person p : nonResidents) {
            view.recordsOf(p, drafts);
        }
        return drafts.shuffledAndNumbered(SourceSystem.HEALTH, mangler.random(), n -> "BN" + ZeroPadded.of(n, 8));
    }

    private void recordsOf(Person p, Drafts drafts) {
        write(p, drafts.add(p.personKey()));
        if (mangler.roll(Corruption.DUPLICATE_RECORD)) {
            write(p, drafts.add(p.personKey()));
        }
    }

    private void write(Person p, Map<String, String> f) {
        LocalDate today = PopulationGenerator.REFERENCE_DATE;
        int age = Households.ageAt(p, today);
        Optional<Person> mother = age < 1 ? households.motherOf(p) : Optional.empty();
        if (mother.isPresent() && mangler.roll(Corruption.NEWBORN_UNNAMED)) {
            f.put(Health.FULL_NAME, "Con bà " + mother.get().name().full());
            f.put(Health.FAMILY_NAME, "");
            f.put(Health.GIVEN_NAMES, "");
        } else {
            Mangler.WrittenName name = mangler.name(p.name());
            f.put(Health.FULL_NAME, name.full());
            f.put(Health.FAMILY_NAME, name.first());
            f.put(Health.GIVEN_NAMES, name.rest());
        }
        Mangler.WrittenDate birth = mangler.dateOfBirth(p.dateOfBirth(), age >= YEAR_ONLY_FROM_AGE);
        f.put(Health.BIRTH_DATE, birth.yearOnly() ? Integer.toString(birth.date().getYear()) : birth.date().toString());
        boolean unknown = mangler.roll(Corruption.GENDER_UNKNOWN);
        f.put(Health.GENDER, unknown ? "unknown" : p.sex() == Sex.MALE ? "male" : "female");
        f.put(Health.PERSONAL_ID, mangler.personalId(p.personalId()));
        String phone = p.phone();
        if (age < CHILD_UNDER) {
            Optional<String> parentPhone = households.motherOf(p).map(Person::phone).or(() -> households.householdPhone(p));
            if (parentPhone.isPresent() && mangler.roll(Corruption.PARENT_PHONE)) {
                phone = parentPhone.get();
            }
        }
        f.put(Health.PHONE, mangler.phone(phone));
        Mangler.WrittenAddress address = mangler.address(p.personKey(), p.permanentAddress());
        f.put(Health.ADDRESS_LINE, address.line());
        f.put(Health.WARD, address.ward());
        f.put(Health.DISTRICT, address.district());
        f.put(Health.CITY, address.city());
    }
}
