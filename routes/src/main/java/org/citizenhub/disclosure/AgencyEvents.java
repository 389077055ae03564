package org.citizenhub.disclosure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.citizenhub.connectors.vault.AuditLog;
import org.citizenhub.connectors.vault.ConsentStore;
import org.citizenhub.connectors.vault.VaultJson;
import org.citizenhub.connectors.vault.VaultStore;
import org.citizenhub.disclosure.DisclosureAnswer.FieldValue;
import org.citizenhub.events.CitizenChangedEvent;
import org.citizenhub.mappings.citizen.CitizenField;
import org.citizenhub.mappings.citizen.GoldenCitizen;
import org.citizenhub.mappings.citizen.Sourced;
import org.citizenhub.mappings.disclosure.Catalogue;
import org.citizenhub.mappings.disclosure.Catalogue.Agency;
import org.citizenhub.mappings.disclosure.DataCategory;
import org.springframework.stereotype.Component;

/**
 * Turns one {@code citizen.changed} event (which names fields, not values) into the events each agency
 * may receive: only the changed fields of the categories it subscribes to ({@code events} in
 * config/agencies.yaml) that the citizen consented to for one of the agency's purposes. Each delivery
 * is recorded in the audit log like any other disclosure. Contract: {@code contracts/agency-event.schema.json}.
 */
@Component
public class AgencyEvents {

    private final Catalogue catalogue;
    private final VaultStore vault;
    private final ConsentStore consents;
    private final AuditLog audit;

    public AgencyEvents(Catalogue catalogue, VaultStore vault, ConsentStore consents, AuditLog audit) {
        this.catalogue = catalogue;
        this.vault = vault;
        this.consents = consents;
        this.audit = audit;
    }

    /** What an agency receives about a change: the citizen's personal ID and the changed values it may see. */
    public record AgencyEvent(String eventId, String type, String personalId, long version, List<FieldValue> changes,
                              Instant occurredAt) {
    }

    /** One delivery: the event, the agency's queue, and the broker's duplicate-detection id. */
    public record Delivery(String queue, String deduplicationId, AgencyEvent event) {
    }

    public List<Delivery> eventsFor(String json) {
        CitizenChangedEvent change = VaultJson.read(json, CitizenChangedEvent.class);
        Set<CitizenField> changed = EnumSet.noneOf(CitizenField.class);
        for (String name : change.changedFields()) {
            try {
                changed.add(CitizenField.valueOf(name));
            } catch (IllegalArgumentException e) {
                // a field this version does not know: not for agencies
            }
        }
        // the consents first: most citizens gave none, and then the golden record need not be read at all
        Map<Agency, Set<DataCategory>> consentedOf = new LinkedHashMap<>();
        Map<Agency, String> basisPurposeOf = new HashMap<>();
        for (Agency agency : catalogue.agencies().values()) {
            if (agency.eventCategories().isEmpty()) {
                continue;
            }
            Set<DataCategory> consented = EnumSet.noneOf(DataCategory.class);
            String basisPurpose = null;
            for (String purpose : agency.purposes()) {
                Set<DataCategory> granted = consents.granted(change.citizenId(), agency.id(), purpose);
                if (!granted.isEmpty() && basisPurpose == null) {
                    basisPurpose = purpose;
                }
                consented.addAll(granted);
            }
            if (changed.stream().anyMatch(f -> agency.eventCategories().contains(DataCategory.of(f))
                    && consented.contains(DataCategory.of(f)))) {
                consentedOf.put(agency, consented);
                basisPurposeOf.put(agency, basisPurpose);
            }
        }
        if (consentedOf.isEmpty()) {
            return List.of();
        }
        Optional<GoldenCitizen> found = vault.findById(change.citizenId());
        if (found.isEmpty() || found.get().personalId() == null) {
            return List.of(); // agencies know citizens by personal ID
        }
        GoldenCitizen citizen = found.get();
        List<Delivery> deliveries = new ArrayList<>();
        for (Map.Entry<Agency, Set<DataCategory>> entry : consentedOf.entrySet()) {
            Agency agency = entry.getKey();
            Set<DataCategory> consented = entry.getValue();
            String basisPurpose = basisPurposeOf.get(agency);
            List<FieldValue> values = new ArrayList<>();
            Set<DataCategory> disclosed = EnumSet.noneOf(DataCategory.class);
            for (CitizenField field : changed) {
                DataCategory category = DataCategory.of(field);
                Sourced<?> value = field.valueIn(citizen);
                if (!agency.eventCategories().contains(category) || !consented.contains(category) || value == null) {
                    continue;
                }
                disclosed.add(category);
                values.add(new FieldValue(field, category, value.value(), value.provenance().sourceSystem(),
                        value.provenance().sourceRecordId(), value.provenance().retrievedAt(),
                        catalogue.isAuthoritative(category, value.provenance().sourceSystem())));
            }
            if (values.isEmpty()) {
                continue;
            }
            audit.record(new AuditLog.Disclosure(agency.id(), basisPurpose, citizen.citizenId(), disclosed, "consent",
                    "JMS-EVENT", change.eventId()));
            deliveries.add(new Delivery(agency.eventQueue(), change.eventId() + ":" + agency.id(),
                    new AgencyEvent(change.eventId(), change.type(), citizen.personalId().value(), citizen.version(),
                            values, change.occurredAt())));
        }
        return deliveries;
    }
}
