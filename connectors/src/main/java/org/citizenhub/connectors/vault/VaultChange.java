package org.citizenhub.connectors.vault;

import java.util.Set;

import org.citizenhub.mappings.citizen.CitizenField;
import org.citizenhub.mappings.citizen.GoldenCitizen;
import org.citizenhub.mappings.citizen.SourceRef;

/**
 * What an upsert did to one golden record: created it, or changed these surviving fields.
 * An upsert that changes nothing produces no VaultChange.
 */
public record VaultChange(GoldenCitizen golden, boolean created, Set<CitizenField> changedFields, SourceRef cause) {
    public VaultChange {
        changedFields = Set.copyOf(changedFields);
    }
}
