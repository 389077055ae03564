package org.citizenhub.connectors.school;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which guardian contact fields the hub may send to the school system: configuration, owned by
 * operations (least privilege: a school needs to reach a guardian, not to know their e-mail).
 */
public record GuardianContactPolicy(Set<GuardianContactField> allowed) {

    public GuardianContactPolicy {
        allowed = allowed.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(allowed));
    }

    /** Phone and address. */
    public static GuardianContactPolicy defaults() {
        return new GuardianContactPolicy(EnumSet.allOf(GuardianContactField.class));
    }
}
