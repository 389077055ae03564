package org.citizenhub.sandbox.synthetic;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;

import org.citizenhub.mappings.citizen.SourceSystem;

/**
 * Writes a dataset for outside tools: one file per system ({@code health.csv} …, first column
 * {@code recordId}, then the system's fields), a truth file ({@code truth.csv}: recordId, system,
 * personKey) and {@code statistics.txt}. UTF-8, "\n" line ends; the same dataset gives the same bytes.
 */
public final class DatasetExporter {

    public enum Format { CSV, JSON }

    public static final String TRUTH = "truth";
    public static final String STATISTICS_FILE = "statistics.txt";

    private DatasetExporter() {
    }

    /** Writes the files and returns their paths, in the order written. */
    public static List<Path> export(SyntheticDataset dataset, DatasetStatistics statistics, Format format, Path dir)
            throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        String ext = format == Format.CSV ? ".csv" : ".json";
        for (Map.Entry<SourceSystem, List<ViewRecord>> e : dataset.views().entrySet()) {
            Path file = dir.resolve(fileName(e.getKey()) + ext);
            List<String> columns = new ArrayList<>();
            columns.add("recordId");
            columns.addAll(ViewFields.of(e.getKey()));
            try (Writer out = writer(file)) {
                if (format == Format.CSV) {
                    writeCsv(out, columns, e.getValue(), DatasetExporter::viewRow);
                } else {
                    writeJson(out, columns, e.getValue(), DatasetExporter::viewRow);
                }
            }
            written.add(file);
        }
        List<ViewRecord> all = new ArrayList<>();
        dataset.views().values().forEach(all::addAll);
        Path truth = dir.resolve(TRUTH + ext);
        List<String> truthColumns = List.of("recordId", "system", "personKey");
        try (Writer out = writer(truth)) {
            if (format == Format.CSV) {
                writeCsv(out, truthColumns, all, DatasetExporter::truthRow);
            } else {
                writeJson(out, truthColumns, all, DatasetExporter::truthRow);
            }
        }
        written.add(truth);
        Path stats = dir.resolve(STATISTICS_FILE);
        Files.writeString(stats, statistics.report(), StandardCharsets.UTF_8);
        written.add(stats);
        return written;
    }

    public static String fileName(SourceSystem system) {
        return system.name().toLowerCase(Locale.ROOT);
    }

    private static List<String> viewRow(ViewRecord r, List<String> columns) {
        List<String> values = new ArrayList<>(columns.size());
        values.add(r.recordId());
        for (int i = 1; i < columns.size(); i++) {
            values.add(r.field(columns.get(i)));
        }
        return values;
    }

    private static List<String> truthRow(ViewRecord r, List<String> columns) {
        return List.of(r.recordId(), r.system().name(), r.personKey());
    }

    private interface RowWriter {
        List<String> values(ViewRecord record, List<String> columns);
    }

    private static Writer writer(Path file) throws IOException {
        return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
    }

    private static void writeCsv(Writer out, List<String> columns, List<ViewRecord> records, RowWriter rows) throws IOException {
        writeCsvLine(out, columns);
        for (ViewRecord r : records) {
            writeCsvLine(out, rows.values(r, columns));
        }
    }

    /** RFC 4180: a value with a comma, quote or line break (or edge spaces) is quoted, quotes doubled. */
    private static void writeCsvLine(Writer out, List<String> values) throws IOException {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            String v = values.get(i);
            boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0
                    || !v.equals(v.strip());
            if (quote) {
                out.write('"');
                out.write(v.replace("\"", "\"\""));
                out.write('"');
            } else {
                out.write(v);
            }
        }
        out.write('\n');
    }

    /** A JSON array with one object per line. */
    private static void writeJson(Writer out, List<String> columns, List<ViewRecord> records, RowWriter rows) throws IOException {
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.setPrettyPrinter(new OneObjectPerLine());
            json.writeStartArray();
            for (ViewRecord r : records) {
                List<String> values = rows.values(r, columns);
                json.writeStartObject();
                for (int i = 0; i < columns.size(); i++) {
                    json.writeStringField(columns.get(i), values.get(i));
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeRaw('\n');
        }
    }

    private static final class OneObjectPerLine extends MinimalPrettyPrinter {
        @Override
        public void writeStartArray(JsonGenerator g) throws IOException {
            g.writeRaw("[\n");
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(",\n");
        }

        @Override
        public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
            g.writeRaw(nrOfValues > 0 ? "\n]" : "]");
        }
    }
}
