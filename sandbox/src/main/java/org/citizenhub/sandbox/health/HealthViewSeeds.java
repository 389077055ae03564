package org.citizenhub.sandbox.health;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.health.DrivingFitness;
import org.citizenhub.sandbox.synthetic.Person;
import org.citizenhub.sandbox.synthetic.PopulationGenerator;
import org.citizenhub.sandbox.synthetic.SyntheticDataset;
import org.citizenhub.sandbox.synthetic.ViewRecord;

/**
 * Seeds for the FHIR simulator from the synthetic population. {@link #fromDataset} takes the
 * population's HEALTH view as it is (messy names, wrong or missing IDs, duplicates, unnamed newborns
 * "Con bà …"); {@link #fromPeople} derives a milder health view from the truth alone, for tests
 * that build a handful of people by hand. Health data is added the same way for both: a driver
 * health-check certificate for about a third of the adults, childhood vaccinations for young
 * children, COVID-19 doses for many adults. Everything is derived from the seed, so the same
 * population gives the same server.
 */
public final class HealthViewSeeds {

    private HealthViewSeeds() {
    }

    /** The dataset's HEALTH view records, with health data for the living, as of the population's reference date. */
    public static List<PatientSeed> fromDataset(SyntheticDataset dataset, long seed) {
        Map<String, Person> truth = new HashMap<>();
        dataset.population().people().forEach(p -> truth.put(p.personKey(), p));
        dataset.nonResidents().forEach(p -> truth.put(p.personKey(), p));
        List<ViewRecord> records = dataset.view(SourceSystem.HEALTH);
        List<PatientSeed> seeds = new ArrayList<>(records.size());
        for (ViewRecord record : records) {
            PatientSeed viewSeed = PatientSeed.fromHealthView(record.recordId(), record.personKey(), record.fields());
            Person person = truth.get(record.personKey());
            if (person == null || person.dateOfDeath() != null) {
                seeds.add(viewSeed);
            } else {
                SplittableRandom random = new SplittableRandom(seed ^ record.recordId().hashCode() * 0x9E3779B97F4A7C15L);
                seeds.add(withHealthData(viewSeed, person.dateOfBirth(), PopulationGenerator.REFERENCE_DATE, random));
            }
        }
        return seeds;
    }

    /** A health view derived from the synthetic people, with health data. */
    public static List<PatientSeed> fromPeople(List<Person> people, long seed, LocalDate today) {
        List<PatientSeed> seeds = new ArrayList<>(people.size());
        int n = 0;
        for (Person person : people) {
            if (person.dateOfDeath() != null) {
                continue;
            }
            SplittableRandom random = new SplittableRandom(seed ^ person.personKey().hashCode() * 0x9E3779B97F4A7C15L);
            Map<String, String> fields = new LinkedHashMap<>();
            boolean shouting = random.nextInt(10) == 0;
            String name = person.name().full();
            String written = shouting ? stripDiacritics(name).toUpperCase(Locale.ROOT) : name;
            fields.put("fullName", written);
            if (random.nextInt(3) != 0) {
                int space = written.indexOf(' ');
                fields.put("familyName", space < 0 ? written : written.substring(0, space));
                fields.put("givenNames", space < 0 ? "" : written.substring(space + 1));
            }
            fields.put("birthDate", person.dateOfBirth().getYear() < 1960 && random.nextInt(3) == 0
                    ? String.valueOf(person.dateOfBirth().getYear()) : person.dateOfBirth().toString());
            fields.put("gender", person.sex().name().toLowerCase(Locale.ROOT));
            fields.put("personalId", random.nextInt(10) == 0 ? "" : person.personalId());
            if (person.phone() != null) {
                fields.put("phone", random.nextBoolean() ? person.phone() : "+84 " + person.phone().substring(1));
            }
            fields.put("addressLine", (person.permanentAddress().houseNumber() + " " + person.permanentAddress().street()).strip());
            fields.put("ward", person.permanentAddress().ward());
            fields.put("district", person.permanentAddress().district());
            fields.put("city", person.permanentAddress().city());
            String recordId = String.format("hs-%06d", ++n);
            seeds.add(withHealthData(PatientSeed.fromHealthView(recordId, person.personKey(), fields),
                    person.dateOfBirth(), today, random));
        }
        return seeds;
    }

    /** Adds health data to a view record whose true birth date is known. */
    public static PatientSeed withHealthData(PatientSeed seed, LocalDate trueBirthDate, LocalDate today, SplittableRandom random) {
        int age = Period.between(trueBirthDate, today).getYears();
        PatientSeed.CertificateSeed certificate = null;
        if (age >= 18 && age <= 70 && random.nextInt(3) == 0) {
            LocalDate examined = today.minusDays(random.nextInt(540));
            String licenceClass = new String[] {"A1", "A1", "B", "B", "B", "C1", "C", "D"}[random.nextInt(8)];
            int verdict = random.nextInt(20);
            DrivingFitness fitness = verdict == 0 ? DrivingFitness.UNFIT : verdict == 1 ? DrivingFitness.FIT_WITH_REVIEW : DrivingFitness.FIT;
            String text = switch (fitness) {
                case FIT -> "Đủ điều kiện sức khỏe lái xe hạng " + licenceClass;
                case FIT_WITH_REVIEW -> "Đủ điều kiện sức khỏe lái xe hạng " + licenceClass + ", khám lại sau 6 tháng";
                case UNFIT -> "Không đủ điều kiện sức khỏe lái xe hạng " + licenceClass;
            };
            LocalDate validUntil = fitness == DrivingFitness.FIT_WITH_REVIEW ? examined.plusMonths(6) : examined.plusMonths(12).minusDays(1);
            certificate = new PatientSeed.CertificateSeed(examined, examined, validUntil, fitness, licenceClass, text);
        }
        List<PatientSeed.VaccinationSeed> vaccinations = new ArrayList<>();
        if (age < 6) {
            vaccinations.add(new PatientSeed.VaccinationSeed("19", "BCG", trueBirthDate.plusDays(1).toString(), 1));
            vaccinations.add(new PatientSeed.VaccinationSeed("08", "Viêm gan B sơ sinh", trueBirthDate.toString(), 1));
            for (int dose = 1; dose <= 3; dose++) {
                LocalDate when = trueBirthDate.plusMonths(1 + dose);
                if (when.isBefore(today)) {
                    vaccinations.add(new PatientSeed.VaccinationSeed("102", "DPT-VGB-Hib (5 trong 1)", when.toString(), dose));
                }
            }
            if (trueBirthDate.plusMonths(9).isBefore(today)) {
                vaccinations.add(new PatientSeed.VaccinationSeed("05", "Sởi", trueBirthDate.plusMonths(9).toString(), 1));
            }
        } else if (age >= 18 && random.nextInt(2) == 0) {
            vaccinations.add(new PatientSeed.VaccinationSeed("208", "COVID-19 Pfizer-BioNTech", "2021-0" + (7 + random.nextInt(3)), 1));
            vaccinations.add(new PatientSeed.VaccinationSeed("208", "COVID-19 Pfizer-BioNTech", "2021-1" + random.nextInt(3), 2));
        }
        return seed.withHealthData(certificate, vaccinations);
    }

    static String stripDiacritics(String s) {
        String decomposed = Normalizer.normalize(s.replace('Đ', 'D').replace('đ', 'd'), Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}+", "");
    }
}
