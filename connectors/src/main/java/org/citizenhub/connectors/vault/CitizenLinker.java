package org.citizenhub.connectors.vault;

import java.util.Optional;

import org.citizenhub.mappings.citizen.CitizenRecord;

/**
 * Decides which golden citizen a source record the vault has not seen before belongs to. The vault
 * asks it inside the write transaction and tells it, after commit, where each record was stored.
 */
public interface CitizenLinker {

    /** The decision for one record; {@code citizenId} for LINK and REVIEW (the candidate). */
    record Decision(Kind kind, Optional<String> citizenId, double probability, String evidence) {

        public enum Kind { LINK, REVIEW, NEW }

        public static Decision link(String citizenId, double probability, String evidence) {
            return new Decision(Kind.LINK, Optional.of(citizenId), probability, evidence);
        }

        public static Decision review(String candidateId, double probability, String evidence) {
            return new Decision(Kind.REVIEW, Optional.of(candidateId), probability, evidence);
        }

        public static Decision newCitizen() {
            return new Decision(Kind.NEW, Optional.empty(), 0, "");
        }
    }

    Decision decide(CitizenRecord record);

    /** After commit: the record is now stored under this golden citizen (also after merge and unmerge). */
    void linked(CitizenRecord record, String citizenId);

    /** Links nothing by itself: every record not linked by its authoritative personal ID is a new citizen. */
    CitizenLinker NONE = new CitizenLinker() {
        @Override
        public Decision decide(CitizenRecord record) {
            return Decision.newCitizen();
        }

        @Override
        public void linked(CitizenRecord record, String citizenId) {
            // nothing to learn
        }
    };
}
