package org.citizenhub.sandbox.synthetic;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.sandbox.synthetic.ViewFields.Portal;

/**
 * Public-service portal: profiles that part of the adults typed in themselves (more often those who
 * use e-mail), with free-format dates and addresses; some registered twice.
 */
final class PortalView {

    static final int MIN_AGE = 18;
    static final int MAX_AGE = 75;
    static final double COVERAGE_WITH_EMAIL = 0.60;
    static final double COVERAGE_WITHOUT_EMAIL = 0.25;

    private static final WeightedTable<DateTimeFormatter> DATE_FORMATS = WeightedTable.<DateTimeFormatter>builder()
            .add(DateTimeFormatter.ofPattern("dd/MM/yyyy"), 50).add(DateTimeFormatter.ofPattern("d/M/yyyy"), 15)
            .add(DateTimeFormatter.ISO_LOCAL_DATE, 15).add(DateTimeFormatter.ofPattern("dd-MM-yyyy"), 10)
            .add(DateTimeFormatter.ofPattern("dd.MM.yyyy"), 10)
            .build();

    private PortalView() {
    }

    static List<ViewRecord> build(Population population, Mangler mangler) {
        Drafts drafts = new Drafts(SourceSystem.PORTAL);
        LocalDate today = PopulationGenerator.REFERENCE_DATE;
        for (Person p : population.people()) {
            int age = Households.ageAt(p, today);
            if (!Households.alive(p) || age < MIN_AGE || age > MAX_AGE) {
                continue;
            }
            double coverage = p.email() != null ? COVERAGE_WITH_EMAIL : COVERAGE_WITHOUT_EMAIL;
            if (mangler.random().nextDouble() >= coverage) {
                continue;
            }
            write(p, p.email(), mangler, drafts.add(p.personKey()));
            if (mangler.roll(Corruption.DUPLICATE_RECORD)) {
                // Forgot the first account: registered again, with another e-mail or none.
                String email = p.email() != null && mangler.random().nextBoolean()
                        ? p.email().replace("@", mangler.random().nextInt(100) + "@") : "";
                write(p, email, mangler, drafts.add(p.personKey()));
            }
        }
        return drafts.shuffledAndNumbered(SourceSystem.PORTAL, mangler.random(), n -> "CD" + ZeroPadded.of(n, 8));
    }

    private static void write(Person p, String email, Mangler mangler, Map<String, String> f) {
        f.put(Portal.FULL_NAME, mangler.name(p.name()).full());
        f.put(Portal.DATE_OF_BIRTH, DATE_FORMATS.pick(mangler.random()).format(mangler.dateOfBirth(p.dateOfBirth(), false).date()));
        f.put(Portal.PERSONAL_ID, mangler.personalId(p.personalId()));
        f.put(Portal.PHONE, mangler.phone(p.phone()));
        f.put(Portal.EMAIL, email == null ? "" : email);
        f.put(Portal.ADDRESS, mangler.address(p.personKey(), p.permanentAddress()).oneLine());
    }
}
