package org.citizenhub.connectors.school.simulated;

import org.citizenhub.sandbox.school.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.citizenhub.connectors.school.TermFile;
import org.citizenhub.connectors.school.TermFileLimits;
import org.citizenhub.connectors.school.TermFileReader;
import org.citizenhub.connectors.school.TermFileRow;
import org.citizenhub.mappings.citizen.InvalidSourceRecordException;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.school.SchoolDirectory;
import org.citizenhub.mappings.school.SchoolMapper;
import org.citizenhub.sandbox.synthetic.PopulationGenerator;
import org.citizenhub.sandbox.synthetic.SyntheticDataset;
import org.citizenhub.sandbox.synthetic.SyntheticViews;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * School term-file ingest speed: rows read (file from disk, strict UTF-8, CSV, header check,
 * fingerprint) and mapped (student, results, guardian) per second, on one thread — one file per
 * route consumer. Linking and storing are not part of this figure (they belong to the routes).
 *
 * <pre>{@code
 * ./mvnw -B -ntp -q -pl connectors -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
 * java -cp "connectors/target/test-classes:connectors/target/classes:sandbox/target/classes:$(cat connectors/target/bench.classpath)" \
 *     org.citizenhub.connectors.school.simulated.SchoolIngestBenchmark [people=200000] [rounds=5]
 * }</pre>
 */
public final class SchoolIngestBenchmark {

    private SchoolIngestBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        quietLogs();
        int people = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;

        long t0 = System.nanoTime();
        SyntheticDataset dataset = SyntheticViews.generate(PopulationGenerator.generate(20250701L, people), 20250701L,
                java.util.EnumSet.of(SourceSystem.SCHOOL), java.util.Map.of());
        Path inbox = Files.createTempDirectory("school-inbox");
        List<Path> files = new SchoolSimulator(dataset.view(SourceSystem.SCHOOL), 0).writeTermFiles(inbox);
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        System.out.printf("school ingest benchmark: %,d people → %,d pupils in %d term files (%,d bytes), prepared in %.1f s, %d cores%n",
                people, dataset.view(SourceSystem.SCHOOL).size(), files.size(), bytes, (System.nanoTime() - t0) / 1e9,
                Runtime.getRuntime().availableProcessors());

        TermFileReader reader = new TermFileReader(TermFileLimits.defaults());
        SchoolMapper mapper = new SchoolMapper(SchoolDirectory.daNang());
        Instant now = Instant.now();
        for (int warmUp = 0; warmUp < 2; warmUp++) {
            ingest(files, reader, mapper, now);
        }
        double[] rates = new double[rounds];
        long rows = 0;
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            rows = ingest(files, reader, mapper, now);
            rates[r] = rows / ((System.nanoTime() - start) / 1e9);
        }
        Arrays.sort(rates);
        System.out.printf("school CSV rows read+mapped per second (1 thread): median %,.0f, best %,.0f over %d rounds of %,d rows%n",
                rates[rounds / 2], rates[rounds - 1], rounds, rows);
        try (Stream<Path> walk = Files.walk(inbox)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static long ingest(List<Path> files, TermFileReader reader, SchoolMapper mapper, Instant now) {
        long rows = 0;
        for (Path file : files) {
            TermFile termFile = reader.read(file);
            for (TermFileRow row : termFile.rows()) {
                try {
                    mapper.map(row.record(), now);
                    rows++;
                } catch (InvalidSourceRecordException e) {
                    throw new IllegalStateException("the simulator's rows should all map", e);
                }
            }
        }
        return rows;
    }

    static void quietLogs() {
        Logger root = LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        if (root instanceof ch.qos.logback.classic.Logger logback) {
            logback.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }
}
