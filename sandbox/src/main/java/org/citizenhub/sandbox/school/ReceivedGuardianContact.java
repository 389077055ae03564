package org.citizenhub.sandbox.school;

import java.util.Map;

/** A guardian-contact update the school system applied: for which student, under which request id, with which fields. */
public record ReceivedGuardianContact(String studentCode, String requestId, Map<String, String> fields) {
    public ReceivedGuardianContact {
        fields = Map.copyOf(fields);
    }
}
