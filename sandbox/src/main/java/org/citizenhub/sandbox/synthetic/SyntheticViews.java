package org.citizenhub.sandbox.synthetic;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.citizenhub.mappings.citizen.SourceSystem;

/**
 * Builds every system's view of a population (issue 3): who each system knows, in its own format
 * and with its own errors. Each system draws from its own random stream derived from the seed, so a
 * view is the same whether or not the others are built.
 */
public final class SyntheticViews {

    /** The systems built by default; SANITATION is left out (it mirrors WATER). */
    public static final Set<SourceSystem> DEFAULT_SYSTEMS = EnumSet.of(SourceSystem.POPULATION, SourceSystem.HEALTH,
            SourceSystem.SCHOOL, SourceSystem.ELECTRICITY, SourceSystem.WATER, SourceSystem.PORTAL);

    /** Non-residents in the health records, as a share of the population. */
    static final double NON_RESIDENT_SHARE = 0.045;

    private SyntheticViews() {
    }

    /** The default systems with their default error profiles. */
    public static SyntheticDataset generate(Population population, long seed) {
        return generate(population, seed, DEFAULT_SYSTEMS, Map.of());
    }

    /**
     * @param systems  which views to build
     * @param profiles error profiles overriding {@link ErrorProfile#defaultFor} per system
     */
    public static SyntheticDataset generate(Population population, long seed, Set<SourceSystem> systems,
                                            Map<SourceSystem, ErrorProfile> profiles) {
        Households households = new Households(population);
        CorruptionTally tally = new CorruptionTally();
        List<Person> nonResidents = systems.contains(SourceSystem.HEALTH) ? nonResidents(population, seed) : List.of();
        Map<SourceSystem, List<ViewRecord>> views = new EnumMap<>(SourceSystem.class);
        Map<SourceSystem, ErrorProfile> used = new EnumMap<>(SourceSystem.class);
        for (SourceSystem system : EnumSet.copyOf(systems)) {
            ErrorProfile profile = profiles.getOrDefault(system, ErrorProfile.defaultFor(system));
            used.put(system, profile);
            Mangler mangler = new Mangler(system, new SplittableRandom(streamSeed(seed, system)), profile, tally);
            List<ViewRecord> records = switch (system) {
                case POPULATION -> PopulationView.build(population);
                case HEALTH -> HealthView.build(population, households, nonResidents, mangler);
                case SCHOOL -> SchoolView.build(population, households, mangler);
                case ELECTRICITY, WATER, SANITATION -> UtilityView.build(system, households, mangler);
                case PORTAL -> PortalView.build(population, mangler);
            };
            views.put(system, records);
        }
        return new SyntheticDataset(population, nonResidents, views, used, tally);
    }

    private static List<Person> nonResidents(Population population, long seed) {
        PersonalIdIssuer ids = new PersonalIdIssuer();
        MobileNumbers phones = new MobileNumbers();
        for (Person p : population.people()) {
            ids.reserve(p.personalId());
            if (p.phone() != null) {
                phones.reserve(p.phone());
            }
        }
        int count = (int) Math.round(population.people().size() * NON_RESIDENT_SHARE);
        return new ArrayList<>(NonResidents.generate(new SplittableRandom(streamSeed(seed, null)), count, ids, phones));
    }

    /** One independent stream per system (and one for non-residents), all from the seed. */
    private static long streamSeed(long seed, SourceSystem system) {
        long salt = system == null ? 0x1F3D5B79L : (system.ordinal() + 1L) * 0x9E3779B97F4A7C15L;
        return new SplittableRandom(seed ^ salt).nextLong();
    }
}
