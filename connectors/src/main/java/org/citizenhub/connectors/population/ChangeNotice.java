package org.citizenhub.connectors.population;

/** One entry of the population database's change feed: what changed, for whom; the record is looked up. */
public record ChangeNotice(long sequence, String type, String personalId) {

    /** The key under which the hub applies this change at most once. */
    public String changeKey() {
        return "POPULATION:" + sequence;
    }
}
