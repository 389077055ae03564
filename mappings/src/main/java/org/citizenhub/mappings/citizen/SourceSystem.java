package org.citizenhub.mappings.citizen;

/** The external systems the hub joins to the citizen vault. */
public enum SourceSystem {
    /** National population database: authoritative for identity and address. */
    POPULATION,
    /** Public-service portal: self-declared contact data, procedure results. */
    PORTAL,
    /** Health records (FHIR R4). */
    HEALTH,
    /** School records. */
    SCHOOL,
    ELECTRICITY,
    WATER,
    SANITATION
}
