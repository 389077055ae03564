package org.citizenhub.mappings.identity;

/** The decision for a pair of records. */
public enum Outcome {
    /** Same person: linked automatically. */
    LINK,
    /** Possibly the same person, or conflicting strong evidence: a data steward decides. */
    REVIEW,
    /** Different people. */
    DISTINCT
}
