package org.citizenhub.sandbox.synthetic;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import org.citizenhub.mappings.citizen.Sex;
import org.citizenhub.mappings.id.PersonalIdNumber;

/**
 * Issues CCCD numbers by the real rule with random 6-digit serials, never the same number twice.
 * The set of issued numbers is only used for membership, never iterated, so output stays deterministic.
 */
final class PersonalIdIssuer {

    private final Set<String> issued = new HashSet<>();

    String issue(SplittableRandom random, String provinceCode, Sex sex, int birthYear) {
        while (true) {
            String id = PersonalIdNumber.build(provinceCode, sex, birthYear, random.nextInt(1_000_000));
            if (issued.add(id)) {
                return id;
            }
        }
    }

    /** Marks numbers already in use (when continuing a population with changes). */
    void reserve(String id) {
        issued.add(id);
    }
}
