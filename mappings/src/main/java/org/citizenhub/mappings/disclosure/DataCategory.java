package org.citizenhub.mappings.disclosure;

import java.util.EnumSet;
import java.util.Set;

import org.citizenhub.mappings.citizen.CitizenField;

/**
 * What a citizen consents to share and what an agency may receive, in units a citizen understands.
 * Consent, agency permissions, procedure needs and the audit log all speak in these categories;
 * {@link #of(CitizenField)} ties each canonical field to exactly one of them.
 */
public enum DataCategory {
    /** Personal ID, legacy ID, name, date of birth, sex, place of origin, date of death. */
    IDENTITY,
    /** Permanent and current address. */
    ADDRESS,
    /** Phone and email. */
    CONTACT,
    /** Household and relation to its head. */
    HOUSEHOLD,
    /** Health-check certificates and immunization summaries from health records. */
    HEALTH,
    /** School records. */
    EDUCATION,
    /** Utility accounts and bills. */
    UTILITY,
    /** Documents issued by earlier procedures (licences, certificates). */
    DOCUMENTS;

    /** The category a canonical field belongs to. */
    public static DataCategory of(CitizenField field) {
        return switch (field) {
            case PERSONAL_ID, LEGACY_ID, NAME, DATE_OF_BIRTH, SEX, PLACE_OF_ORIGIN, DATE_OF_DEATH -> IDENTITY;
            case PERMANENT_ADDRESS, CURRENT_ADDRESS -> ADDRESS;
            case PHONE, EMAIL -> CONTACT;
            case HOUSEHOLD -> HOUSEHOLD;
        };
    }

    /** The canonical fields of this category (empty for categories held outside the golden record). */
    public Set<CitizenField> fields() {
        Set<CitizenField> fields = EnumSet.noneOf(CitizenField.class);
        for (CitizenField field : CitizenField.values()) {
            if (of(field) == this) {
                fields.add(field);
            }
        }
        return fields;
    }
}
