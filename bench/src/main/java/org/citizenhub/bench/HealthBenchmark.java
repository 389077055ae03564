package org.citizenhub.bench;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.citizenhub.CitizenHubApplication;
import org.citizenhub.health.HealthSync;
import org.citizenhub.mappings.health.FhirR4;
import org.citizenhub.operations.JobProgress;
import org.citizenhub.operations.Jobs;
import org.citizenhub.sandbox.health.FhirSimulator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * The health slice's ingest rate: the hub starts with the sandbox (population and FHIR simulators
 * loaded with {@code --people N} synthetic residents), loads the registry, then syncs the health view:
 * Patients fetched page by page over HTTP, parsed, mapped, linked and stored in the vault, events
 * published. Printed: Patients per second of that phase (target ≥ 1,000/s on 2 cores), and the shares
 * of mapping, vault + events, and FHIR JSON parsing (measured apart, on the same Patients in pages of
 * the same size); the rest is HTTP and the simulator serving, on the same cores.
 */
final class HealthBenchmark {

    private HealthBenchmark() {
    }

    static void run(BenchOptions options) throws Exception {
        int people = options.integer("people", 20_000);
        int pageSize = options.integer("page-size", 200);
        Path dataDir = Files.createTempDirectory("citizen-hub-bench");
        System.out.printf("Citizen Hub health benchmark: health view of %d synthetic residents, pages of %d, %d cores%n",
                people, pageSize, Runtime.getRuntime().availableProcessors());

        // command-line arguments, so that they win over application.yaml
        ConfigurableApplicationContext hub = new SpringApplicationBuilder(CitizenHubApplication.class).run(
                "--citizenhub.data-dir=" + dataDir,
                "--citizenhub.sandbox.size=" + people,
                "--citizenhub.sandbox.population-port=" + freePort(),
                "--citizenhub.sandbox.fhir-port=" + freePort(),
                // no TCP acceptor, and the school and utility slices off: other hubs may run on this machine,
                // and those slices would compete for the cores measured here (they have benchmarks of their own)
                "--citizenhub.broker.tcp-acceptor=",
                "--citizenhub.school.enabled=false",
                "--citizenhub.utility.enabled=false",
                "--citizenhub.health.page-size=" + pageSize,
                "--citizenhub.health.poll-interval=3600000",
                "--server.port=0",
                "--logging.level.root=WARN",
                "--logging.level.org.citizenhub.operations.JobProgress=INFO");
        try {
            HealthSync sync = hub.getBean(HealthSync.class);
            while (!sync.firstSyncDone()) {
                Thread.sleep(100);
            }
            HealthSync.Report report = sync.lastReport().orElseThrow();
            JobProgress job = hub.getBean(Jobs.class).job("health-patient-sync", "patients");
            double patientSeconds = report.patientPhase().toNanos() / 1e9;
            double parseSeconds = parseSeconds(hub.getBean(FhirSimulator.class), pageSize);

            System.out.printf("%nfirst health sync: %d Patients, %d certificates, %d vaccinations in %.1f s%n",
                    report.patients(), report.certificates(), report.immunizations(), job.elapsedSeconds());
            System.out.printf("Patients parsed, mapped, linked and stored: %.0f Patients/s (target >= 1000/s)%n",
                    report.patientsPerSecond());
            System.out.printf("  of the Patient phase (%.1f s): FHIR JSON parse %.0f%%, mapping %.0f%%, vault (linking) and events %.0f%%, "
                            + "HTTP and the simulator serving the rest%n", patientSeconds, 100 * parseSeconds / patientSeconds,
                    100 * report.mapping().toNanos() / 1e9 / patientSeconds, 100 * report.storing().toNanos() / 1e9 / patientSeconds);
            System.out.printf("  %d golden records created or changed by the Patients, %d resources parked%n",
                    report.changedCitizens(), report.parked());
        } finally {
            hub.close();
            FileSystemUtils.deleteRecursively(dataDir);
        }
    }

    /** Best of three parses of the simulator's Patients as searchset pages of {@code pageSize}. */
    private static double parseSeconds(FhirSimulator simulator, int pageSize) {
        List<Resource> patients = simulator.repository().search("Patient", r -> true);
        List<String> pages = new ArrayList<>();
        for (int i = 0; i < patients.size(); i += pageSize) {
            Bundle page = new Bundle().setType(Bundle.BundleType.SEARCHSET);
            patients.subList(i, Math.min(patients.size(), i + pageSize)).forEach(p -> page.addEntry().setResource(p)
                    .getSearch().setMode(Bundle.SearchEntryMode.MATCH));
            pages.add(FhirR4.encode(page));
        }
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            for (String page : pages) {
                FhirR4.parse(page, Bundle.class);
            }
            best = Math.min(best, System.nanoTime() - t0);
        }
        return best / 1e9;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
