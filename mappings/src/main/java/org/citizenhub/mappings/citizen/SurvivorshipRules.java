package org.citizenhub.mappings.citizen;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Which source wins for each field: systems in order of authority; among records of equally
 * authoritative systems the most recently retrieved wins. A system not listed for a field ranks last.
 */
public final class SurvivorshipRules {

    private static final List<SourceSystem> IDENTITY_AUTHORITY = List.of(
            SourceSystem.POPULATION, SourceSystem.PORTAL, SourceSystem.HEALTH, SourceSystem.SCHOOL,
            SourceSystem.ELECTRICITY, SourceSystem.WATER, SourceSystem.SANITATION);
    /** Contact data: what the citizen declared in the portal is fresher than the registry's. */
    private static final List<SourceSystem> CONTACT_AUTHORITY = List.of(
            SourceSystem.PORTAL, SourceSystem.POPULATION, SourceSystem.HEALTH, SourceSystem.ELECTRICITY,
            SourceSystem.WATER, SourceSystem.SANITATION, SourceSystem.SCHOOL);

    private final Map<CitizenField, List<SourceSystem>> authority;

    public SurvivorshipRules(Map<CitizenField, List<SourceSystem>> authority) {
        this.authority = new EnumMap<>(authority);
    }

    /** The default rules: the population database for identity and address, the portal for contact data. */
    public static SurvivorshipRules defaults() {
        Map<CitizenField, List<SourceSystem>> rules = new EnumMap<>(CitizenField.class);
        for (CitizenField field : CitizenField.values()) {
            rules.put(field, IDENTITY_AUTHORITY);
        }
        rules.put(CitizenField.PHONE, CONTACT_AUTHORITY);
        rules.put(CitizenField.EMAIL, CONTACT_AUTHORITY);
        return new SurvivorshipRules(rules);
    }

    /** Lower is more authoritative. */
    public int rank(CitizenField field, SourceSystem system) {
        List<SourceSystem> order = authority.getOrDefault(field, List.of());
        int index = order.indexOf(system);
        return index < 0 ? order.size() : index;
    }
}
