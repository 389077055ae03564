package org.citizenhub.sandbox.utility;

import java.util.Map;

import org.citizenhub.mappings.citizen.SourceSystem;

/** A contact update a provider applied: to which account, under which request id, with which fields. */
public record ReceivedContactUpdate(SourceSystem provider, String customerCode, String requestId, Map<String, String> fields) {
    public ReceivedContactUpdate {
        fields = Map.copyOf(fields);
    }
}
