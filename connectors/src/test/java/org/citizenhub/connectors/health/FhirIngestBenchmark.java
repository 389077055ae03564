package org.citizenhub.connectors.health;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.citizenhub.mappings.citizen.CitizenRecord;
import org.citizenhub.mappings.health.FhirR4;
import org.citizenhub.mappings.health.IdentifierSystems;
import org.citizenhub.mappings.health.PatientMapper;
import org.citizenhub.sandbox.health.FhirSimulator;
import org.citizenhub.sandbox.health.HealthViewSeeds;
import org.citizenhub.sandbox.synthetic.PopulationGenerator;
import org.citizenhub.sandbox.synthetic.SyntheticViews;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;

/**
 * How fast Patients are parsed and mapped, and how much of that is FHIR parsing; the full ingest
 * benchmark (with linking and the vault) is wired in {@code bench/}. Run:
 *
 * <pre>
 * ./mvnw -B -ntp -q -pl connectors -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
 * java -cp "connectors/target/test-classes:connectors/target/classes:mappings/target/classes:sandbox/target/classes:$(cat connectors/target/test.classpath)" \
 *     org.citizenhub.connectors.health.FhirIngestBenchmark 20000   # synthetic people; pages of 200
 * </pre>
 */
public final class FhirIngestBenchmark {

    private FhirIngestBenchmark() {
    }

    public static void main(String[] args) {
        // logback's default is DEBUG to the console: HAPI's and Tomcat's chatter would be the benchmark
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        int people = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int pageSize = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        PatientMapper mapper = new PatientMapper(IdentifierSystems.DEFAULT);

        try (FhirSimulator simulator = new FhirSimulator()) {
            simulator.load(HealthViewSeeds.fromDataset(SyntheticViews.generate(PopulationGenerator.generate(42, people), 42), 42));
            simulator.start(0);
            int patients = simulator.repository().count("Patient");
            FhirRestClient client = new FhirRestClient(FhirClientSettings.defaults(URI.create(simulator.baseUrl()))
                    .withPageSize(pageSize).withRequestTimeout(Duration.ofSeconds(60)));

            List<String> pages = fetchPages(client, pageSize);
            for (int warmup = 0; warmup < 2; warmup++) {
                parseAndMap(pages, mapper);
                syncOverHttp(client, mapper);
            }
            long[] best = null;
            for (int round = 0; round < 3; round++) {
                long[] r = parseAndMap(pages, mapper);
                best = best == null || r[0] + r[1] < best[0] + best[1] ? r : best;
            }
            long httpNanos = Long.MAX_VALUE;
            for (int round = 0; round < 3; round++) {
                httpNanos = Math.min(httpNanos, syncOverHttp(client, mapper));
            }
            long[] encode = buildAndEncode(pages, mapper);

            System.out.printf("FHIR ingest benchmark: %d Patients (health view of %d synthetic people) in pages of %d, %d cores, Java %s%n",
                    patients, people, pageSize, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            System.out.printf("  parse + map (in memory):      %,10.0f Patients/s  (FHIR parse %.0f%%, mapping %.0f%%)%n",
                    rate(patients, best[0] + best[1]), share(best[0], best[0] + best[1]), share(best[1], best[0] + best[1]));
            System.out.printf("  sync over HTTP + map:         %,10.0f Patients/s  (simulator serving from the same JVM and cores)%n",
                    rate(patients, httpNanos));
            System.out.printf("  write-back build + encode:    %,10.0f Patients/s  (FHIR encode %.0f%%)%n",
                    rate(patients, encode[0] + encode[1]), share(encode[1], encode[0] + encode[1]));
        }
    }

    /** Raw searchset pages, as a server sends them. */
    private static List<String> fetchPages(FhirRestClient client, int pageSize) {
        List<String> pages = new ArrayList<>();
        Optional<URI> next = Optional.of(client.uri("Patient?_count=" + pageSize + "&_sort=_lastUpdated"));
        while (next.isPresent()) {
            String body = client.searchPageBody(next.get(), "GET Patient page");
            pages.add(body);
            next = FhirRestClient.nextLink(FhirR4.parse(body, Bundle.class));
        }
        return pages;
    }

    /** Nanoseconds in {parse, map}. */
    private static long[] parseAndMap(List<String> pages, PatientMapper mapper) {
        long parse = 0;
        long map = 0;
        Instant now = Instant.now();
        int mapped = 0;
        for (String body : pages) {
            long t0 = System.nanoTime();
            Bundle bundle = FhirR4.parse(body, Bundle.class);
            long t1 = System.nanoTime();
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                if (entry.getResource() instanceof Patient patient) {
                    mapped += mapper.toCitizenRecord(patient, now).record() == null ? 0 : 1;
                }
            }
            long t2 = System.nanoTime();
            parse += t1 - t0;
            map += t2 - t1;
        }
        if (mapped == 0) {
            throw new IllegalStateException("nothing mapped");
        }
        return new long[] {parse, map};
    }

    private static long syncOverHttp(FhirRestClient client, PatientMapper mapper) {
        IncrementalSync sync = new IncrementalSync(client, new InMemoryWatermarkStore(), "bench");
        Instant now = Instant.now();
        int[] mapped = {0};
        long t0 = System.nanoTime();
        sync.sync(Patient.class, p -> mapped[0] += mapper.toCitizenRecord(p, now).findings().size() >= 0 ? 1 : 0, r -> { });
        return System.nanoTime() - t0;
    }

    /** Nanoseconds in {build Patient from the citizen, encode}. */
    private static long[] buildAndEncode(List<String> pages, PatientMapper mapper) {
        List<CitizenRecord> citizens = new ArrayList<>();
        Instant now = Instant.now();
        for (String body : pages) {
            for (Bundle.BundleEntryComponent entry : FhirR4.parse(body, Bundle.class).getEntry()) {
                citizens.add(mapper.toCitizenRecord((Patient) entry.getResource(), now).record());
            }
        }
        long build = 0;
        long encode = 0;
        long bytes = 0;
        for (int round = 0; round < 2; round++) {
            build = 0;
            encode = 0;
            for (CitizenRecord citizen : citizens) {
                long t0 = System.nanoTime();
                Patient patient = mapper.toPatient(citizen);
                long t1 = System.nanoTime();
                bytes += FhirR4.encode(patient).length();
                long t2 = System.nanoTime();
                build += t1 - t0;
                encode += t2 - t1;
            }
        }
        if (bytes == 0) {
            throw new IllegalStateException("nothing encoded");
        }
        return new long[] {build, encode};
    }

    private static double rate(int count, long nanos) {
        return count / (nanos / 1e9);
    }

    private static double share(long part, long whole) {
        return 100.0 * part / whole;
    }
}
