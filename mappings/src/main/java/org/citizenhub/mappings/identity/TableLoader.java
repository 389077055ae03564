package org.citizenhub.mappings.identity;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.stream.IntStream;

/**
 * Loads CSV files into a {@link RecordTable}: reads chunks of lines, normalizes them in parallel (all
 * cores), then interns the keys in order. Keeps the true entity of each row when the configuration
 * says where to find it (a truth column, or a pattern on the record id such as FEBRL's
 * {@code rec-(\d+)-}); labels are used only to score the result, never to fit the model.
 */
final class TableLoader {

    private static final int CHUNK = 8192;

    private final MatchConfig config;
    private final InputQuality quality;
    private final List<String> truth = new ArrayList<>();
    private final Set<String> seenIds = new HashSet<>();
    private long duplicateIds;
    private long malformedLines;
    private final java.util.Map<String, String> externalTruth = new java.util.HashMap<>();

    TableLoader(MatchConfig config, InputQuality quality) {
        this.config = config;
        this.quality = quality;
    }

    /**
     * Reads true labels from a CSV file with a record id column ({@code recordId} or {@code record_id}
     * or {@code id}), an entity column ({@code personKey}, {@code entity} or {@code cluster}) and
     * optionally a source column ({@code system} or {@code source}) matched to the input file names.
     */
    void loadTruth(Path file) throws IOException {
        try (CsvReader reader = new CsvReader(file, ',', true, "UTF-8")) {
            List<String> h = reader.header();
            int id = firstOf(h, "recordId", "record_id", "id");
            int entity = firstOf(h, "personKey", "entity", "cluster", "entity_id");
            int source = firstOf(h, "system", "source");
            if (id < 0 || entity < 0) {
                throw new IOException("truth file needs a record id and an entity column");
            }
            String[] row;
            while ((row = reader.next()) != null) {
                if (row.length <= Math.max(id, entity)) {
                    continue;
                }
                String src = source >= 0 && source < row.length ? row[source].toLowerCase(java.util.Locale.ROOT) : "";
                externalTruth.put(src + "\u0000" + row[id], row[entity]);
                externalTruth.putIfAbsent("\u0000" + row[id], row[entity]);
            }
        }
    }

    private static int firstOf(List<String> header, String... names) {
        for (String n : names) {
            int i = header.indexOf(n);
            if (i >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** The true entity per row (null when unknown). */
    List<String> truth() {
        return truth;
    }

    long duplicateIds() {
        return duplicateIds;
    }

    long malformedLines() {
        return malformedLines;
    }

    /** Loads a file; {@code source} names it when the configuration has no source column. */
    void load(Path file, String source, RecordTable table) throws IOException {
        MatchConfig.InputSpec in = config.input();
        try (CsvReader reader = new CsvReader(file, in.separator(), in.trim(), in.encoding())) {
            List<String> header = reader.header();
            RecordNormalizer normalizer = new RecordNormalizer(config, header, quality);
            for (String missing : normalizer.missingColumns()) {
                quality.report(missing, InputQuality.Problem.COLUMN_MISSING);
            }
            int idColumn = header.indexOf(in.idColumn());
            int sourceColumn = in.sourceColumn().map(header::indexOf).orElse(-1);
            int truthColumn = in.truthColumn().map(header::indexOf).orElse(-1);
            List<String[]> chunk = new ArrayList<>(CHUNK);
            String[] row;
            while (true) {
                row = reader.next();
                if (row != null) {
                    if (row.length != header.size()) {
                        malformedLines++;
                        quality.report("line", InputQuality.Problem.MALFORMED_LINE);
                    }
                    chunk.add(row);
                }
                if (chunk.size() == CHUNK || row == null && !chunk.isEmpty()) {
                    appendChunk(chunk, normalizer, table, idColumn, sourceColumn, truthColumn, source);
                    chunk.clear();
                }
                if (row == null) {
                    break;
                }
            }
        }
    }

    private void appendChunk(List<String[]> chunk, RecordNormalizer normalizer, RecordTable table,
                             int idColumn, int sourceColumn, int truthColumn, String source) {
        String[][] keys = new String[chunk.size()][];
        IntStream.range(0, chunk.size()).parallel().forEach(i -> keys[i] = normalizer.keys(chunk.get(i)));
        List<String> ids = new ArrayList<>(chunk.size());
        List<String> sources = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            String[] row = chunk.get(i);
            String id = idColumn >= 0 && idColumn < row.length && !row[idColumn].isBlank()
                    ? row[idColumn].strip() : "row-" + (table.size() + i + 1);
            if (!seenIds.add((source == null ? "" : source) + "\u0000" + id)) {
                duplicateIds++;
            }
            ids.add(id);
            String src = sourceColumn >= 0 && sourceColumn < row.length ? row[sourceColumn].strip() : (source == null ? "" : source);
            sources.add(src);
            String t = truthOf(row, id, truthColumn);
            if (t == null && !externalTruth.isEmpty()) {
                t = externalTruth.get(src.toLowerCase(java.util.Locale.ROOT) + "\u0000" + id);
                if (t == null) {
                    t = externalTruth.get("\u0000" + id);
                }
            }
            truth.add(t);
        }
        table.appendAll(ids, sources, keys);
    }

    private String truthOf(String[] row, String id, int truthColumn) {
        if (truthColumn >= 0 && truthColumn < row.length && !row[truthColumn].isBlank()) {
            return row[truthColumn].strip();
        }
        if (config.input().truthIdPattern().isPresent()) {
            Matcher m = config.input().truthIdPattern().get().matcher(id);
            if (m.find()) {
                return m.groupCount() >= 1 ? m.group(1) : m.group();
            }
        }
        return null;
    }
}
