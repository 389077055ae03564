package org.citizenhub.events;

import java.time.Clock;

import org.citizenhub.connectors.vault.VaultChange;
import org.citizenhub.connectors.vault.VaultJson;
import org.springframework.stereotype.Component;

/** Turns what the vault did into the events the hub publishes. */
@Component
public class CitizenEvents {

    private final Clock clock;

    public CitizenEvents(Clock clock) {
        this.clock = clock;
    }

    /** CITIZEN_CREATED for a new golden record, CITIZEN_CHANGED otherwise. */
    public static String type(VaultChange change) {
        return change.created() ? "CITIZEN_CREATED" : "CITIZEN_CHANGED";
    }

    public String changedEventJson(VaultChange change) {
        String citizenId = change.golden().citizenId();
        long version = change.golden().version();
        return VaultJson.write(new CitizenChangedEvent(
                citizenId + ":" + version,
                type(change),
                citizenId,
                version,
                change.changedFields().stream().map(Enum::name).sorted().toList(),
                change.cause() == null ? null : change.cause().system().name(),
                clock.instant()));
    }
}
