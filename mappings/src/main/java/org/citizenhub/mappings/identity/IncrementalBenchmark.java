package org.citizenhub.mappings.identity;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;


/**
 * Measures incremental linking as the hub does it: loads the first records of a file into an
 * {@link IdentityIndex} as the vault (their true entity plays the golden id), estimates the model on
 * them, then matches and adds the remaining records one by one, taking the index's decision. Prints
 * the rate and how the decisions compare with the truth.
 */
final class IncrementalBenchmark {

    private IncrementalBenchmark() {
    }

    static int command(Map<String, List<String>> o, PrintStream out) throws IOException {
        MatchConfig config = MatchConfig.load(IdentityCommand.required(o, "config"));
        List<Path> inputs = new ArrayList<>();
        for (String f : o.getOrDefault("input", List.of())) {
            inputs.add(Path.of(f));
        }
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("--input is required");
        }
        Map<String, String> truth = o.containsKey("truth") ? readTruth(Path.of(IdentityCommand.required(o, "truth"))) : Map.of();
        int probes = o.containsKey("probes") ? Integer.parseInt(o.get("probes").get(0)) : 10_000;
        int vault = o.containsKey("vault") ? Integer.parseInt(o.get("vault").get(0)) : Integer.MAX_VALUE;
        MatchConfig.InputSpec in = config.input();
        IdentityIndex index = new IdentityIndex(config);
        List<MatchRecord> all = new ArrayList<>();
        long t0 = System.nanoTime();
        for (Path input : inputs) {
            String source = inputs.size() > 1 ? input.getFileName().toString().replaceFirst("\\.[^.]*$", "") : "";
            try (CsvReader reader = new CsvReader(input, in.separator(), in.trim(), in.encoding())) {
                List<String> header = reader.header();
                String[] row;
                while ((row = reader.next()) != null) {
                    all.add(record(header, row, in, source));
                }
            }
        }
        int vaultSize = Math.min(vault, all.size() - probes);
        if (vaultSize <= 0) {
            throw new IllegalArgumentException("the input has too few records for " + probes + " probes");
        }
        java.util.function.Function<MatchRecord, String> entity = rec -> entity(rec, in, truth);
        for (int from = 0; from < vaultSize; from += 8192) {
            index.addAll(all.subList(from, Math.min(vaultSize, from + 8192)), entity);
        }
        List<MatchRecord> probeRecords = new ArrayList<>(all.subList(all.size() - probes, all.size()));
        all = null;
        long t1 = System.nanoTime();
        out.printf("vault: %,d records indexed in %,d ms%n", index.size(), (t1 - t0) / 1_000_000);
        index.train();
        long t2 = System.nanoTime();
        out.printf("model estimated on the vault in %,d ms%n", (t2 - t1) / 1_000_000);

        Map<Outcome, Integer> decisions = new HashMap<>();
        int rightLinks = 0;
        int wrongLinks = 0;
        long compared = 0;
        long t3 = System.nanoTime();
        for (MatchRecord r : probeRecords) {
            IdentityIndex.MatchResult result = index.match(r);
            compared += result.compared();
            decisions.merge(result.decision(), 1, Integer::sum);
            String expected = entity.apply(r);
            if (result.decision() == Outcome.LINK) {
                if (result.entity().orElseThrow().equals(expected)) {
                    rightLinks++;
                } else {
                    wrongLinks++;
                }
            }
            index.add(r, result.decision() == Outcome.LINK ? result.entity().orElseThrow() : expected);
        }
        long t4 = System.nanoTime();
        double seconds = (t4 - t3) / 1e9;
        out.printf("incremental: %,d records matched and added against a vault of %,d in %.2f s = %,.0f records/s (%.2f ms each, %.0f candidates compared on average)%n",
                probeRecords.size(), index.size() - probeRecords.size(), seconds, probeRecords.size() / seconds,
                seconds * 1000 / probeRecords.size(), compared / (double) probeRecords.size());
        out.printf("decisions: link %,d (to the true entity %,d, to another %,d), review %,d, new person %,d%n",
                decisions.getOrDefault(Outcome.LINK, 0), rightLinks, wrongLinks, decisions.getOrDefault(Outcome.REVIEW, 0),
                decisions.getOrDefault(Outcome.DISTINCT, 0));
        Runtime rt = Runtime.getRuntime();
        out.printf("heap used %,d MB of max %,d MB%n", (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20);
        return 0;
    }

    private static Map<String, String> readTruth(Path file) throws IOException {
        Map<String, String> truth = new HashMap<>();
        try (CsvReader reader = new CsvReader(file, ',', true, "UTF-8")) {
            List<String> h = reader.header();
            int id = h.indexOf("recordId");
            int system = h.indexOf("system");
            int person = h.indexOf("personKey");
            String[] row;
            while ((row = reader.next()) != null) {
                truth.put((system >= 0 ? row[system].toLowerCase(java.util.Locale.ROOT) : "") + ":" + row[id], row[person]);
            }
        }
        return truth;
    }

    private static MatchRecord record(List<String> header, String[] row, MatchConfig.InputSpec in, String fileSource) {
        Map<String, String> fields = new HashMap<>();
        for (int c = 0; c < header.size() && c < row.length; c++) {
            fields.put(header.get(c), row[c]);
        }
        String id = fields.getOrDefault(in.idColumn(), "");
        String source = in.sourceColumn().map(fields::get).orElse(fileSource);
        return new MatchRecord(fileSource.isEmpty() ? id : fileSource + ":" + id, source, fields);
    }

    /** The true entity of a record (truth column or id pattern), or its own id when unknown. */
    static String entity(MatchRecord r, MatchConfig.InputSpec in, Map<String, String> truth) {
        String known = truth.get(r.source().toLowerCase(java.util.Locale.ROOT) + ":" + r.field(in.idColumn()));
        if (known != null) {
            return known;
        }
        if (in.truthColumn().isPresent() && r.field(in.truthColumn().get()) != null) {
            return r.field(in.truthColumn().get());
        }
        if (in.truthIdPattern().isPresent()) {
            Matcher m = in.truthIdPattern().get().matcher(r.id());
            if (m.find()) {
                return m.groupCount() >= 1 ? m.group(1) : m.group();
            }
        }
        return r.id();
    }
}
