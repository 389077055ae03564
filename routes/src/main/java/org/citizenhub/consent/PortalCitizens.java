package org.citizenhub.consent;

import java.util.Optional;

import org.citizenhub.connectors.vault.VaultStore;
import org.citizenhub.mappings.id.PersonalIdNumber;
import org.springframework.stereotype.Component;

/**
 * Resolves the personal ID number the portal sends to the golden citizen in the vault. The golden
 * citizen id stays inside the hub: portal answers never show it.
 */
@Component
public class PortalCitizens {

    private final VaultStore vault;

    public PortalCitizens(VaultStore vault) {
        this.vault = vault;
    }

    /** Either the golden citizen id, or the answer to give (bad ID: 400, unknown: 404). */
    public record Resolved(String citizenId, PortalAnswer problem) {
    }

    public Resolved resolve(String personalId) {
        Optional<String> id = PersonalIdNumber.requested(personalId);
        if (id.isEmpty()) {
            return problem(PortalAnswer.badRequest("INVALID_ID", "a personal ID number has 12 digits and a valid century digit"));
        }
        Optional<String> citizenId = vault.findByPersonalId(id.get()).map(golden -> golden.citizenId());
        return citizenId.map(c -> new Resolved(c, null)).orElseGet(() -> problem(PortalAnswer.citizenNotFound()));
    }

    private static Resolved problem(PortalAnswer answer) {
        return new Resolved(null, answer);
    }
}
