package org.citizenhub.bench;

import java.time.Duration;

import org.citizenhub.connectors.vault.SchoolUtilityStore;
import org.citizenhub.operations.JobProgress;
import org.citizenhub.sandbox.school.SchoolSimulator;

/**
 * School term-file ingest through the hub: the school simulator delivers one CSV per school into the
 * inbox; the route reads each file (strict UTF-8, CSV, fingerprint), maps every row, links the
 * students in the vault (after the population register is loaded), and stores results and guardians.
 * Rows per second from the first file taken to the inbox drained; target ≥ 5,000 rows/s on 2 cores. The
 * route starts once the register's load has settled (see {@link SliceBenchHub#release}).
 */
final class SchoolBenchmark {

    private static final String JOB = "school-term-file-ingest";

    private SchoolBenchmark() {
    }

    static void run(BenchOptions options) throws Exception {
        int citizens = options.integer("citizens", 200_000);
        System.out.printf("Citizen Hub school benchmark: %,d synthetic residents, %d cores%n", citizens,
                Runtime.getRuntime().availableProcessors());
        try (SliceBenchHub hub = SliceBenchHub.start(citizens, "--citizenhub.sandbox.fhir-port=" + SliceBenchHub.freePort(),
                "--citizenhub.health.enabled=false", "--citizenhub.utility.enabled=false")) {
            hub.hold(JOB);
            int pupils = hub.bean(SchoolSimulator.class).studentCount();
            hub.awaitPopulation();
            hub.release(JOB);
            SchoolUtilityStore store = hub.bean(SchoolUtilityStore.class);
            SliceBenchHub.await(Duration.ofMinutes(30), () -> store.schoolResultCount() >= pupils && !hub.jobRunning(JOB));
            JobProgress ingest = hub.job(JOB, "rows");
            System.out.printf("%nschool term files: %,d rows (parsed, mapped, linked, stored) in %.1f s = %,.0f rows/s "
                            + "(target >= 5000/s)%n", ingest.done(), ingest.elapsedSeconds(), ingest.done() / ingest.elapsedSeconds());
            System.out.printf("students linked to registered residents: %,d of %,d%n", store.studentsLinkedToResidents(),
                    store.schoolResultCount());
        }
    }
}
