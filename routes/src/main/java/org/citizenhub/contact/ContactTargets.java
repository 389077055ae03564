package org.citizenhub.contact;

import java.util.List;
import java.util.Set;

import org.citizenhub.mappings.citizen.CitizenField;
import org.citizenhub.mappings.citizen.GoldenCitizen;
import org.citizenhub.mappings.citizen.SourceSystem;

/**
 * A system that keeps citizens' contact data the hub updates when a golden record changes (the school
 * system's guardian contacts, a utility's account contacts). Each implementation knows its own
 * records, its configured policy of which fields it may have, and its interface.
 */
public interface ContactTargets {

    boolean serves(SourceSystem system);

    /** Lets the system bring what it indexes about the citizen up to date before updates are planned. */
    default void refresh(GoldenCitizen golden, Set<CitizenField> changedFields) {
    }

    /** The updates the system's records of this citizen should get: only allowed fields, none when nothing is left. */
    List<ContactUpdateOrder> updatesFor(ContactChange change);

    /** The request that carries an update to the system. */
    ContactRequest request(ContactUpdateOrder order);
}
