package org.citizenhub.mappings.disclosure;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.citizenhub.mappings.citizen.CitizenField;
import org.citizenhub.mappings.citizen.SourceSystem;

/**
 * What may be disclosed, to whom and why: the purposes, the administrative procedures that serve
 * them, the agencies with the purposes each may invoke, and which source is authoritative for each
 * category (a value from it is "verified"). Read from {@code config/procedures.yaml} and
 * {@code config/agencies.yaml} by {@link CatalogueReader}.
 */
public record Catalogue(
        Map<DataCategory, SourceSystem> authorities,
        Map<String, Purpose> purposes,
        Map<String, Procedure> procedures,
        Map<String, Agency> agencies) {

    /** Why data is used; a purpose caps the categories any request for it may receive. */
    public record Purpose(String code, String description, Set<DataCategory> categories) {
    }

    /** An administrative procedure: the canonical fields and evidence it needs, and its purpose. */
    public record Procedure(String code, String name, String purpose, List<CitizenField> fields,
                            List<EvidenceNeed> evidence) {
    }

    /**
     * A piece of evidence a procedure needs: a health-check certificate, a school record, or a document
     * issued by an earlier procedure (any other type, e.g. {@code DRIVING_LICENCE}).
     */
    public record EvidenceNeed(String type, String description) {

        public static final String HEALTH_CHECK_CERTIFICATE = "HEALTH_CHECK_CERTIFICATE";
        public static final String IMMUNIZATION_SUMMARY = "IMMUNIZATION_SUMMARY";
        public static final String SCHOOL_RECORD = "SCHOOL_RECORD";

        public DataCategory category() {
            return switch (type) {
                case HEALTH_CHECK_CERTIFICATE, IMMUNIZATION_SUMMARY -> DataCategory.HEALTH;
                case SCHOOL_RECORD -> DataCategory.EDUCATION;
                default -> DataCategory.DOCUMENTS;
            };
        }
    }

    /**
     * An agency (or the portal) that calls the hub: the purposes it may invoke and the categories of
     * change events it receives on its event queue.
     */
    public record Agency(String id, String name, Set<String> purposes, Set<DataCategory> eventCategories) {

        public boolean mayUse(String purpose) {
            return purposes.contains(purpose);
        }

        /** The agency's request queue: only it may send there, only the hub reads it. */
        public String requestQueue() {
            return "hub.agency." + id + ".requests";
        }

        /** The agency's reply queue: only the hub sends there, only the agency reads it. */
        public String replyQueue() {
            return "hub.agency." + id + ".replies";
        }

        /** The agency's change events, filtered to what it may receive. */
        public String eventQueue() {
            return "hub.agency." + id + ".events";
        }
    }

    public Optional<Agency> agency(String id) {
        return Optional.ofNullable(id == null ? null : agencies.get(id));
    }

    public Optional<Procedure> procedure(String code) {
        return Optional.ofNullable(code == null ? null : procedures.get(code));
    }

    public Optional<Purpose> purpose(String code) {
        return Optional.ofNullable(code == null ? null : purposes.get(code));
    }

    /** Whether a value from this source is verified for this category (it comes from the authority). */
    public boolean isAuthoritative(DataCategory category, SourceSystem source) {
        return authorities.get(category) == source;
    }

    /** The categories a procedure needs: those of its fields and of its evidence. */
    public static Set<DataCategory> categoriesOf(Procedure procedure) {
        Set<DataCategory> categories = java.util.EnumSet.noneOf(DataCategory.class);
        procedure.fields().forEach(field -> categories.add(DataCategory.of(field)));
        procedure.evidence().forEach(need -> categories.add(need.category()));
        return categories;
    }
}
