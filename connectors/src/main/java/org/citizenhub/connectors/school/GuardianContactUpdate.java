package org.citizenhub.connectors.school;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * A guardian's contact as the golden record now has it, to be sent to the school for one student.
 * A null value is not sent (the school's value stays).
 *
 * @param requestId the idempotency key the school system deduplicates by; derive it with
 *                  {@link #requestIdFor} so a retry or a redelivered event sends the same one
 * @param address   the address on one line, as printed on a form
 */
public record GuardianContactUpdate(String requestId, String studentCode, String phone, String address) {

    public GuardianContactUpdate {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(studentCode, "studentCode");
    }

    /**
     * A stable request id for one change of one target: the same (target, change) always gives the
     * same id, different ones practically never collide.
     *
     * @param targetKey the record the update goes to ({@code SCHOOL:4800012345/guardian})
     * @param changeKey what caused it (the golden record's id and version, or the change event's key)
     */
    public static String requestIdFor(String targetKey, String changeKey) {
        return UUID.nameUUIDFromBytes((targetKey + "|" + changeKey).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
