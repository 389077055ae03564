package org.citizenhub.connectors.vault;

import java.util.Optional;

import org.citizenhub.mappings.citizen.CitizenRecord;

/**
 * Decides which golden citizen a source record the vault has not seen before belongs to. The vault
 * asks it inside the write transaction ({@link #decide}, then {@link #staged} with the outcome, so that
 * the next records of the same transaction can find it), and tells it only after commit where each
 * record is stored ({@link #linked}); when the transaction ends, committed or rolled back, it calls
 * {@link #transactionEnded()} so that nothing staged survives a rollback.
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

    /** Inside the write transaction: sees what is committed and what this transaction staged. */
    Decision decide(CitizenRecord record);

    /**
     * Inside the write transaction, right after a decision: later decisions of the same transaction
     * (the same thread) see the record under this citizen; no other transaction does.
     */
    default void staged(CitizenRecord record, String citizenId) {
        // a linker without memory has nothing to stage
    }

    /**
     * After commit: this version of the record is now stored under this golden citizen (a new record,
     * a newer version of a known one, a merge, an unmerge, a rejected review). It replaces whatever the
     * linker knew of the record before.
     */
    void linked(CitizenRecord record, String citizenId);

    /** After the write transaction ended, committed or rolled back: forget what it staged and was not linked. */
    default void transactionEnded() {
        // nothing staged
    }

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
