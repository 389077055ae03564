package org.citizenhub.contact;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.citizenhub.connectors.MalformedPayloadException;
import org.citizenhub.connectors.vault.VaultJson;
import org.citizenhub.connectors.vault.VaultStore;
import org.citizenhub.events.CitizenChangedEvent;
import org.citizenhub.mappings.citizen.CitizenField;
import org.citizenhub.mappings.citizen.GoldenCitizen;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Declare once: turns a {@code citizen.changed} event into the contact updates the other systems
 * should get. Only changes of an existing golden record's address, phone or e-mail are propagated
 * (a created record has no copies elsewhere yet); each target system decides which of its records
 * hold the citizen and which fields it may have.
 */
@Component
public class ContactPropagation {

    private static final Logger LOG = LoggerFactory.getLogger(ContactPropagation.class);
    static final Set<CitizenField> CONTACT_FIELDS = EnumSet.of(CitizenField.PERMANENT_ADDRESS,
            CitizenField.CURRENT_ADDRESS, CitizenField.PHONE, CitizenField.EMAIL);
    /** Fields the target systems index about a citizen (a student's household). */
    static final Set<CitizenField> INDEXED_FIELDS = EnumSet.of(CitizenField.HOUSEHOLD);

    private final VaultStore vault;
    private final List<ContactTargets> targets;

    public ContactPropagation(VaultStore vault, List<ContactTargets> targets) {
        this.vault = vault;
        this.targets = List.copyOf(targets);
    }

    public List<ContactUpdateOrder> plan(String eventJson) {
        CitizenChangedEvent event = VaultJson.read(eventJson, CitizenChangedEvent.class);
        if (event.citizenId() == null || event.type() == null || event.changedFields() == null) {
            throw new MalformedPayloadException("citizen.changed event lacks citizenId, type or changedFields");
        }
        if (!"CITIZEN_CHANGED".equals(event.type())) {
            return List.of();
        }
        Set<CitizenField> changed = EnumSet.noneOf(CitizenField.class);
        for (String name : event.changedFields()) {
            parse(name).filter(f -> CONTACT_FIELDS.contains(f) || INDEXED_FIELDS.contains(f)).ifPresent(changed::add);
        }
        if (changed.isEmpty()) {
            return List.of();
        }
        Optional<GoldenCitizen> golden = vault.findById(event.citizenId());
        if (golden.isEmpty()) {
            LOG.debug("citizen.changed for a citizen the vault no longer has; nothing to propagate");
            return List.of();
        }
        targets.forEach(t -> t.refresh(golden.get(), changed));
        changed.retainAll(CONTACT_FIELDS);
        if (changed.isEmpty()) {
            return List.of();
        }
        ContactChange change = new ContactChange(golden.get(), event.version(), changed);
        List<ContactUpdateOrder> orders = new ArrayList<>();
        for (ContactTargets t : targets) {
            orders.addAll(t.updatesFor(change));
        }
        return orders;
    }

    private static Optional<CitizenField> parse(String name) {
        try {
            return Optional.of(CitizenField.valueOf(name));
        } catch (IllegalArgumentException | NullPointerException unknownField) {
            return Optional.empty();
        }
    }
}
