package org.citizenhub.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.citizenhub.connectors.vault.AuditCheckpoints;
import org.citizenhub.connectors.vault.AuditLog;
import org.citizenhub.mappings.disclosure.DataCategory;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Append rate of the access log: {@code --threads} callers (the lead's 4 concurrent consumers) each record
 * disclosures as fast as they can, every call returning after its entry is committed; then the whole
 * chain is verified. Default database: a fresh H2 file, as the hub's embedded vault; {@code --jdbc-url}
 * (user and password from CITIZENHUB_DB_USER / CITIZENHUB_DB_PASSWORD) for a PostgreSQL one — it is
 * migrated and the entries are really appended, so never point it at a production vault.
 */
final class AuditBenchmark {

    private AuditBenchmark() {
    }

    static void run(BenchOptions options) throws Exception {
        int threads = options.integer("threads", 4);
        int total = options.integer("disclosures", 40_000);
        int perThread = total / threads;
        String url = options.values().get("jdbc-url");
        Path dir = Files.createTempDirectory("audit-bench");
        if (url == null) {
            url = "jdbc:h2:file:" + dir.resolve("vault").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(System.getenv().getOrDefault("CITIZENHUB_DB_USER", "hub"));
        config.setPassword(System.getenv().getOrDefault("CITIZENHUB_DB_PASSWORD", ""));
        config.setMaximumPoolSize(threads + 2);
        try (HikariDataSource db = new HikariDataSource(config)) {
            Flyway.configure().dataSource(db).load().migrate();
            AuditLog log = new AuditLog(new NamedParameterJdbcTemplate(db), new TransactionTemplate(new DataSourceTransactionManager(db)),
                    Clock.systemUTC(), AuditCheckpoints.writable(dir.resolve("audit"), dir.resolve("audit/checkpoint-key"),
                    Clock.systemUTC()));
            long before = log.readHead().map(AuditLog.Head::sequence).orElse(0L);
            System.out.printf("access log append: %d threads x %d disclosures on %s%n", threads, perThread,
                    url.startsWith("jdbc:h2:") ? "H2 (file, as the hub's embedded vault)" : url.replaceAll("//[^/]*@", "//"));
            // warm-up (JIT, connections), not counted
            record(log, threads, 500 / threads, -1);

            long started = System.nanoTime();
            long[][] latencies = record(log, threads, perThread, 0);
            double seconds = (System.nanoTime() - started) / 1e9;
            log.checkpoint();

            long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
            System.out.printf("appended %d disclosures in %.2f s = %.0f disclosures/s; latency p50 %.2f ms, p99 %.2f ms%n",
                    all.length, seconds, all.length / seconds, all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6);

            AuditLog.Statistics stats = log.statistics();
            System.out.printf("group commit: %d entries in %d transactions (%.1f per transaction), %d head conflicts%n",
                    stats.entries(), stats.batches(), (double) stats.entries() / stats.batches(), stats.conflicts());

            long verifyStarted = System.nanoTime();
            AuditLog.AuditVerification verdict = log.verify();
            double verifySeconds = (System.nanoTime() - verifyStarted) / 1e9;
            System.out.printf("verified: intact=%s, %d entries in %.2f s = %.0f entries/s (%s)%n", verdict.intact(), verdict.checked(),
                    verifySeconds, verdict.checked() / verifySeconds, verdict.reason());
            System.out.printf("target: thousands of disclosures/s with 4 consumers; entries before the run: %d%n", before);
        }
    }

    private static long[][] record(AuditLog log, int threads, int perThread, int runId) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<long[]>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    long[] latencies = new long[perThread];
                    for (int i = 0; i < perThread; i++) {
                        long start = System.nanoTime();
                        log.record(new AuditLog.Disclosure("social-insurance", "benefit-claim", "citizen-" + (i % 5000),
                                EnumSet.of(DataCategory.IDENTITY, DataCategory.ADDRESS), "consent", "JMS",
                                "bench-" + runId + "-" + thread + "-" + i));
                        latencies[i] = System.nanoTime() - start;
                    }
                    return latencies;
                }));
            }
            long[][] result = new long[threads][];
            for (int t = 0; t < threads; t++) {
                result[t] = futures.get(t).get();
            }
            return result;
        } finally {
            pool.shutdown();
        }
    }
}
