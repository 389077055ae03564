package org.citizenhub.sandbox.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.sandbox.synthetic.ViewFields.PopulationDatabase;

/** The population database's view: everyone, once, clean, post-2025 addresses; id = personal ID number. */
final class PopulationView {

    private PopulationView() {
    }

    static List<ViewRecord> build(Population population) {
        List<ViewRecord> records = new ArrayList<>(population.people().size());
        FieldValues.Columns columns = new FieldValues.Columns(PopulationDatabase.ALL);
        for (Person p : population.people()) {
            FieldValues f = new FieldValues(columns);
            fill(p, f);
            records.add(new ViewRecord(SourceSystem.POPULATION, p.personalId(), p.personKey(), f.freeze()));
        }
        return records;
    }

    private static void fill(Person p, Map<String, String> f) {
        f.put(PopulationDatabase.PERSONAL_ID, p.personalId());
        f.put(PopulationDatabase.FULL_NAME, p.name().full());
        f.put(PopulationDatabase.FAMILY_NAME, p.name().family());
        f.put(PopulationDatabase.MIDDLE_NAME, p.name().middle());
        f.put(PopulationDatabase.GIVEN_NAME, p.name().given());
        f.put(PopulationDatabase.SEX, p.sex().name());
        f.put(PopulationDatabase.DATE_OF_BIRTH, p.dateOfBirth().toString());
        f.put(PopulationDatabase.PLACE_OF_ORIGIN, orEmpty(p.placeOfOrigin()));
        f.put(PopulationDatabase.HOUSEHOLD_ID, p.householdId());
        f.put(PopulationDatabase.RELATION_TO_HEAD, p.relationToHead().name());
        f.put(PopulationDatabase.HOUSE_NUMBER, p.permanentAddress().houseNumber());
        f.put(PopulationDatabase.STREET, p.permanentAddress().street());
        f.put(PopulationDatabase.WARD, p.permanentAddress().ward());
        f.put(PopulationDatabase.WARD_CODE, p.permanentAddress().wardCode());
        f.put(PopulationDatabase.CITY, p.permanentAddress().city());
        f.put(PopulationDatabase.PHONE, orEmpty(p.phone()));
        f.put(PopulationDatabase.EMAIL, orEmpty(p.email()));
        f.put(PopulationDatabase.DATE_OF_DEATH, p.dateOfDeath() == null ? "" : p.dateOfDeath().toString());
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
