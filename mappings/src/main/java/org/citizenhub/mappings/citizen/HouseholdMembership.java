package org.citizenhub.mappings.citizen;

import java.util.Objects;

/** Membership of a household (hộ khẩu) and the relation to its head. */
public record HouseholdMembership(String householdId, Relation relationToHead) {
    public HouseholdMembership {
        Objects.requireNonNull(householdId, "householdId");
        Objects.requireNonNull(relationToHead, "relationToHead");
    }
}
