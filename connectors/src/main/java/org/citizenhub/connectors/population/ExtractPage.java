package org.citizenhub.connectors.population;

import java.util.List;

import org.citizenhub.mappings.population.PopulationRecord;

/**
 * One page of the population database's bulk extract. {@code asOfSequence} is the change-feed
 * position the extract reflects: the change feed is read from there after the initial load.
 */
public record ExtractPage(int page, boolean hasMore, long asOfSequence, List<PopulationRecord> records) {
    public ExtractPage {
        records = List.copyOf(records);
    }
}
