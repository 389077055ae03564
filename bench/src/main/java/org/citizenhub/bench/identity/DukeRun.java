package org.citizenhub.bench.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import no.priv.garshol.duke.ConfigurationImpl;
import no.priv.garshol.duke.Processor;
import no.priv.garshol.duke.Property;
import no.priv.garshol.duke.PropertyImpl;
import no.priv.garshol.duke.Record;
import no.priv.garshol.duke.RecordImpl;
import no.priv.garshol.duke.comparators.ExactComparator;
import no.priv.garshol.duke.comparators.JaroWinkler;
import no.priv.garshol.duke.comparators.Levenshtein;
import no.priv.garshol.duke.databases.LuceneDatabase;
import no.priv.garshol.duke.datasources.InMemoryDataSource;
import no.priv.garshol.duke.matchers.AbstractMatchListener;

/**
 * Duke 1.2 on a FEBRL file, configured by hand as its documentation suggests: one property per FEBRL
 * column with a comparator and the probabilities of a match when the values differ (low) and agree
 * (high), Lucene for candidate lookup, match threshold 0.9. Returns the pairs Duke declares matches.
 */
final class DukeRun {

    static final String[] COLUMNS = {"rec_id", "given_name", "surname", "street_number", "address_1", "address_2",
            "suburb", "postcode", "state", "date_of_birth", "soc_sec_id"};

    private DukeRun() {
    }

    static ConfigurationImpl configuration() {
        List<Property> properties = new ArrayList<>();
        properties.add(new PropertyImpl("ID"));
        properties.add(new PropertyImpl("given_name", new JaroWinkler(), 0.35, 0.85));
        properties.add(new PropertyImpl("surname", new JaroWinkler(), 0.3, 0.88));
        properties.add(new PropertyImpl("street_number", new ExactComparator(), 0.4, 0.6));
        properties.add(new PropertyImpl("address_1", new Levenshtein(), 0.35, 0.75));
        properties.add(new PropertyImpl("address_2", new Levenshtein(), 0.4, 0.65));
        properties.add(new PropertyImpl("suburb", new Levenshtein(), 0.4, 0.7));
        properties.add(new PropertyImpl("postcode", new Levenshtein(), 0.4, 0.7));
        properties.add(new PropertyImpl("state", new ExactComparator(), 0.45, 0.55));
        properties.add(new PropertyImpl("date_of_birth", new Levenshtein(), 0.25, 0.88));
        properties.add(new PropertyImpl("soc_sec_id", new Levenshtein(), 0.15, 0.95));
        if (Boolean.parseBoolean(System.getProperty("duke.lookup-all", "true"))) {
            // every property takes part in the Lucene candidate query, not only the most decisive ones
            for (Property p : properties) {
                if (!p.isIdProperty()) {
                    p.setLookupBehaviour(Property.Lookup.TRUE);
                }
            }
        }
        ConfigurationImpl config = new ConfigurationImpl();
        config.setProperties(properties);
        config.setThreshold(Double.parseDouble(System.getProperty("duke.threshold", "0.9")));
        config.setMaybeThreshold(0.7);
        LuceneDatabase database = new LuceneDatabase();
        database.setMaxSearchHits(Integer.getInteger("duke.hits", 25));
        database.setFuzzySearch(Boolean.parseBoolean(System.getProperty("duke.fuzzy", "false")));
        database.setMinRelevance(Float.parseFloat(System.getProperty("duke.relevance", "0")));
        config.setDatabase(database);
        return config;
    }

    static List<Record> read(Path file) throws IOException {
        List<Record> records = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] values = line.split(",", -1);
            Map<String, java.util.Collection<String>> props = new HashMap<>();
            for (int i = 0; i < COLUMNS.length && i < values.length; i++) {
                String v = values[i].strip();
                if (!v.isEmpty()) {
                    props.put(i == 0 ? "ID" : COLUMNS[i], List.of(v));
                }
            }
            records.add(new RecordImpl(props));
        }
        return records;
    }

    /** Deduplicates one file (left empty) or links two; returns matched record id pairs. */
    static List<String[]> run(List<Record> left, List<Record> right, int threads) {
        ConfigurationImpl config = configuration();
        List<String[]> matches = new ArrayList<>();
        if (right == null) {
            config.addDataSource(0, new InMemoryDataSource(left));
        } else {
            config.addDataSource(1, new InMemoryDataSource(left));
            config.addDataSource(2, new InMemoryDataSource(right));
        }
        Processor processor = new Processor(config, true);
        processor.setThreads(threads);
        processor.addMatchListener(new AbstractMatchListener() {
            @Override
            public synchronized void matches(Record r1, Record r2, double confidence) {
                matches.add(new String[] {r1.getValue("ID"), r2.getValue("ID")});
            }
        });
        if (right == null) {
            processor.deduplicate();
        } else {
            processor.link();
        }
        return matches;
    }
}
