package org.citizenhub.mappings.identity;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a run's output into a folder: {@code clusters.csv} (record, source, cluster), {@code pairs.csv}
 * (every pair decided LINK or REVIEW with its probability and per-comparison explanation) and
 * {@code model.properties} (the estimated parameters, loadable by {@link IdentityIndex}).
 */
final class ResultWriter {

    private ResultWriter() {
    }

    static void write(BatchResolver.Result result, Path dir) throws IOException {
        Files.createDirectories(dir);
        RecordTable table = result.table();
        java.util.List<String> sources = table.sourceNames();
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("clusters.csv"), StandardCharsets.UTF_8)) {
            w.write("record_id,source,cluster_id\n");
            int[] clusterOf = result.clusterOf();
            for (int row = 0; row < table.size(); row++) {
                w.write(quote(table.id(row)) + "," + quote(sources.get(table.source(row))) + ","
                        + quote(table.id(clusterOf[row])) + "\n");
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("pairs.csv"), StandardCharsets.UTF_8)) {
            w.write("left_id,right_id,probability,weight,outcome,explanation\n");
            CandidatePairs pairs = result.candidates();
            for (int i = 0; i < pairs.size(); i++) {
                Outcome o = result.outcome(i);
                if (o == Outcome.DISTINCT) {
                    continue;
                }
                int a = pairs.left(i);
                int b = pairs.right(i);
                Explanation e = result.scorer().explain(a, b);
                w.write(quote(table.id(a)) + "," + quote(table.id(b)) + ","
                        + String.format(Locale.ROOT, "%.6f,%.3f,", MatchModel.probability(result.weight(i)), result.weight(i))
                        + o + "," + quote(e.summary()) + "\n");
            }
        }
        try (Writer w = Files.newBufferedWriter(dir.resolve("model.properties"), StandardCharsets.UTF_8)) {
            result.model().write(w, result.scorer().comparisons());
        }
    }

    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
