package org.citizenhub.sandbox.synthetic;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.citizenhub.mappings.citizen.SourceSystem;

/**
 * A population and every system's view of it, from one seed. {@code nonResidents} are the people
 * some views know but the population database does not; together with the population they are the
 * ground truth every {@link ViewRecord#personKey()} points to.
 */
public record SyntheticDataset(Population population, List<Person> nonResidents,
                               Map<SourceSystem, List<ViewRecord>> views, Map<SourceSystem, ErrorProfile> profiles,
                               CorruptionTally tally) {

    public SyntheticDataset {
        nonResidents = List.copyOf(nonResidents);
        EnumMap<SourceSystem, List<ViewRecord>> v = new EnumMap<>(SourceSystem.class);
        views.forEach((s, records) -> v.put(s, List.copyOf(records)));
        views = Collections.unmodifiableMap(v);
        EnumMap<SourceSystem, ErrorProfile> p = new EnumMap<>(SourceSystem.class);
        p.putAll(profiles);
        profiles = Collections.unmodifiableMap(p);
    }

    /** The records of one system, in its deterministic order; empty when the system was not generated. */
    public List<ViewRecord> view(SourceSystem system) {
        return views.getOrDefault(system, List.of());
    }
}
