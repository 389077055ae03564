package org.citizenhub.contact;

import java.util.Optional;
import java.util.Set;

import org.citizenhub.mappings.citizen.Address;
import org.citizenhub.mappings.citizen.CitizenField;
import org.citizenhub.mappings.citizen.GoldenCitizen;
import org.citizenhub.mappings.citizen.SourceRef;
import org.citizenhub.mappings.citizen.Sourced;

/**
 * A change of a golden record's contact data, as the systems that keep a copy should hear of it: only
 * the values that changed, as the golden record now has them.
 *
 * @param version the golden record's version the change event announced
 */
public record ContactChange(GoldenCitizen golden, long version, Set<CitizenField> changedFields) {

    public ContactChange {
        changedFields = Set.copyOf(changedFields);
    }

    public String citizenId() {
        return golden.citizenId();
    }

    /** {@code citizenId:version}: the cause every request id of this change is derived from. */
    public String changeKey() {
        return golden.citizenId() + ":" + version;
    }

    public Optional<Sourced<String>> phone() {
        return changed(CitizenField.PHONE) ? Optional.ofNullable(golden.phone()) : Optional.empty();
    }

    public Optional<Sourced<String>> email() {
        return changed(CitizenField.EMAIL) ? Optional.ofNullable(golden.email()) : Optional.empty();
    }

    /**
     * The address to reach the citizen at, when it changed: the current address when that changed,
     * else the permanent one.
     */
    public Optional<Sourced<Address>> address() {
        if (changed(CitizenField.CURRENT_ADDRESS) && golden.currentAddress() != null) {
            return Optional.of(golden.currentAddress());
        }
        return changed(CitizenField.PERMANENT_ADDRESS) ? Optional.ofNullable(golden.permanentAddress()) : Optional.empty();
    }

    /** A value that came from the target record itself is not sent back to it. */
    public static <T> Optional<T> unlessFrom(Optional<Sourced<T>> value, SourceRef target) {
        return value.filter(v -> !v.provenance().sourceRef().equals(target)).map(Sourced::value);
    }

    private boolean changed(CitizenField field) {
        return changedFields.contains(field);
    }
}
