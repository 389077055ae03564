package org.citizenhub.identity;

import java.util.List;

import org.citizenhub.connectors.vault.LinkEvent;
import org.citizenhub.connectors.vault.ReviewItem;
import org.citizenhub.connectors.vault.VaultChange;
import org.citizenhub.connectors.vault.VaultStore;
import org.springframework.stereotype.Component;

/** What a data steward does with uncertain links: list the review queue, accept, reject, unmerge. */
@Component
public class DataSteward {

    private final VaultStore vault;

    public DataSteward(VaultStore vault) {
        this.vault = vault;
    }

    /** The outcome of a steward's action, for the REST answer; {@code changes} are published as events. */
    public record Outcome(int httpStatus, String result, List<VaultChange> changes) {
        static Outcome notFound(String what) {
            return new Outcome(404, what + " not found", List.of());
        }
    }

    public List<ReviewItem> openReviews() {
        return vault.openReviews(500);
    }

    public Outcome accept(long reviewId) {
        return vault.acceptReview(reviewId).map(changes -> new Outcome(200, "merged", changes))
                .orElseGet(() -> Outcome.notFound("open review " + reviewId));
    }

    public Outcome reject(long reviewId) {
        return vault.rejectReview(reviewId) ? new Outcome(200, "kept apart", List.of())
                : Outcome.notFound("open review " + reviewId);
    }

    public Outcome unmerge(String sourceKey) {
        try {
            return new Outcome(200, "unmerged", vault.unmerge(sourceKey));
        } catch (IllegalArgumentException e) {
            return Outcome.notFound("source record");
        }
    }

    public List<LinkEvent> history(String sourceKey) {
        return vault.linkHistory(sourceKey);
    }
}
