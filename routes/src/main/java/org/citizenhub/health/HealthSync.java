package org.citizenhub.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.apache.camel.ProducerTemplate;
import org.citizenhub.connectors.health.FhirRestClient;
import org.citizenhub.connectors.health.IncrementalSync;
import org.citizenhub.connectors.health.WatermarkStore;
import org.citizenhub.connectors.vault.HealthEvidenceStore.EvidenceVersion;
import org.citizenhub.connectors.vault.VaultChange;
import org.citizenhub.connectors.vault.VaultStore;
import org.citizenhub.health.HealthIngest.RecordIds;
import org.citizenhub.mappings.citizen.Mapped;
import org.citizenhub.mappings.health.FhirInputException;
import org.citizenhub.mappings.health.FhirR4;
import org.citizenhub.operations.JobProgress;
import org.citizenhub.operations.Jobs;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The incremental sync of the health-record system: Patients, then driver health-check certificates
 * (DiagnosticReport), then vaccinations (Immunization), each from its own {@code _lastUpdated}
 * watermark in the vault ({@code health.fhir:Patient}, …).
 *
 * <p>Resources are stored in batches, and always before the watermark moves past them: a crash or an
 * outage in the middle of a sync loses nothing, it only makes the next sync hand over the last pages
 * again, which stores nothing new. A resource the hub cannot use is parked with its reason and
 * the sync goes on. The first sync after start is logged as the job {@code health-patient-sync}.
 */
@Component
public class HealthSync {

    private static final Logger LOG = LoggerFactory.getLogger(HealthSync.class);

    static final String ROUTE = "health-patient-sync";
    static final String WATERMARK_PREFIX = "health.fhir";
    static final int STORE_BATCH = 1000;

    private final HealthIngest ingest;
    private final VaultStore vault;
    private final ProducerTemplate producer;
    private final Clock clock;
    private final HealthProperties properties;
    private final JobProgress firstSync;
    private final BatchedWatermarks watermarks = new BatchedWatermarks();
    private final IncrementalSync sync;
    private boolean firstSyncDone;
    private Report lastReport;
    private long lastSyncStarted;
    private boolean waitingLogged;

    public HealthSync(FhirRestClient healthFhirClient, HealthIngest ingest, VaultStore vault, ProducerTemplate producer,
                      Clock clock, Jobs jobs, HealthProperties properties) {
        this.ingest = ingest;
        this.vault = vault;
        this.producer = producer;
        this.clock = clock;
        this.properties = properties;
        this.firstSync = jobs.job(ROUTE, "patients");
        this.sync = new IncrementalSync(healthFhirClient, watermarks, WATERMARK_PREFIX);
    }

    /**
     * What one sync did.
     *
     * @param patients        Patients read (the overlap re-reads some every time: they change nothing)
     * @param changedCitizens golden records created or changed by them
     * @param certificates    certificate versions stored (new, changed or withdrawn)
     * @param immunizations   vaccination versions stored
     * @param parked          resources parked on the dead-letter queue
     * @param patientPhase    wall time of the Patient sync: fetching and parsing pages, mapping, storing
     * @param mapping         of which mapping Patients to canonical records
     * @param storing         of which storing them in the vault (linking included) and publishing the events
     */
    public record Report(int patients, int changedCitizens, int certificates, int immunizations, int parked,
                         Duration patientPhase, Duration mapping, Duration storing) {
        boolean changedAnything() {
            return changedCitizens + certificates + immunizations + parked > 0;
        }

        /** Patients per second through the whole Patient phase. */
        public double patientsPerSecond() {
            return patients / Math.max(1e-9, patientPhase.toNanos() / 1e9);
        }
    }

    /**
     * Whether the first sync may start: after the vault watermark named by
     * {@code citizenhub.health.start-after-watermark} exists (by default the end of the population
     * initial load), so that Patients link to the registry's citizens rather than found their own.
     */
    public synchronized boolean ready() {
        String gate = properties.startAfterWatermark();
        if (gate == null || gate.isBlank() || vault.watermark(gate).isPresent()) {
            return true;
        }
        if (!waitingLogged) {
            LOG.info("{}: waiting for {} before the first sync", ROUTE, gate);
            waitingLogged = true;
        }
        return false;
    }

    /**
     * Whether a timed sync is due: the first one as soon as {@link #ready()}, then one every
     * {@code citizenhub.health.poll-interval} after the previous one started (notifications sync in between).
     */
    public synchronized boolean due() {
        return ready() && (!firstSyncDone || clock.millis() - lastSyncStarted >= properties.pollInterval());
    }

    /** What the last completed sync did (empty before the first). */
    public synchronized Optional<Report> lastReport() {
        return Optional.ofNullable(lastReport);
    }

    /** Whether the first sync since start has completed. */
    public synchronized boolean firstSyncDone() {
        return firstSyncDone;
    }

    /** Syncs everything that changed since the watermarks; one sync at a time. */
    public synchronized Report syncAll() {
        if (!ready()) {
            return new Counts().report();
        }
        lastSyncStarted = clock.millis();
        if (!firstSyncDone) {
            firstSync.start("first sync of Patients, certificates and immunizations from " + properties.baseUrl());
        }
        Counts counts = new Counts();
        syncPatients(counts);
        syncCertificates(counts);
        syncImmunizations(counts);
        Report report = counts.report();
        lastReport = report;
        String summary = String.format("%d Patients read (%.0f/s; mapping %.0f%%, vault and events %.0f%% of that time), "
                        + "%d citizens created or changed, %d certificates and %d vaccinations stored, %d resources parked",
                report.patients(), report.patientsPerSecond(), share(report.mapping(), report.patientPhase()),
                share(report.storing(), report.patientPhase()), report.changedCitizens(), report.certificates(),
                report.immunizations(), report.parked());
        if (!firstSyncDone) {
            firstSync.finish(summary);
            firstSyncDone = true;
        } else if (report.changedAnything()) {
            LOG.info("{}: {}", ROUTE, summary);
        } else {
            LOG.debug("{}: {}", ROUTE, summary);
        }
        return report;
    }

    private void syncPatients(Counts counts) {
        Instant now = clock.instant();
        long started = System.nanoTime();
        Batch<Mapped> batch = new Batch<>(mapped -> {
            long t0 = System.nanoTime();
            List<VaultChange> changes = ingest.storePatients(mapped);
            if (!changes.isEmpty()) {
                producer.sendBody("direct:publish-citizen-changes", changes);
            }
            counts.storingNanos += System.nanoTime() - t0;
            counts.patients += mapped.size();
            counts.changedCitizens += changes.size();
            if (!firstSyncDone) {
                firstSync.advance(mapped.size());
            }
        });
        run(Patient.class, p -> {
            long t0 = System.nanoTime();
            Mapped mapped = ingest.mapPatient(p, RecordIds.server(), now);
            counts.mappingNanos += System.nanoTime() - t0;
            batch.add(mapped);
        }, batch, counts);
        counts.patientNanos = System.nanoTime() - started;
    }

    private void syncCertificates(Counts counts) {
        Instant now = clock.instant();
        Batch<EvidenceVersion> batch = new Batch<>(versions -> counts.certificates += ingest.storeEvidence(versions));
        run(DiagnosticReport.class, r -> ingest.certificateEvidence(r, RecordIds.server(), now).ifPresent(batch::add), batch, counts);
    }

    private void syncImmunizations(Counts counts) {
        Instant now = clock.instant();
        Batch<EvidenceVersion> batch = new Batch<>(versions -> counts.immunizations += ingest.storeEvidence(versions));
        run(Immunization.class, i -> batch.add(ingest.doseEvidence(i, RecordIds.server(), now)), batch, counts);
    }

    private <T extends Resource> void run(Class<T> type, Consumer<T> handler, Batch<?> batch, Counts counts) {
        watermarks.batch = batch;
        try {
            sync.sync(type, resource -> {
                try {
                    handler.accept(resource);
                } catch (FhirInputException e) {
                    ingest.park(ROUTE, type.getSimpleName() + "/" + resource.getIdElement().getIdPart(), FhirR4.encode(resource), e);
                    counts.parked++;
                }
            }, rejected -> {
                ingest.park(ROUTE, rejected.reference(), rejected.json(), rejected.reason());
                counts.parked++;
            });
            batch.flush();
        } finally {
            watermarks.pending.clear();
            watermarks.batch = null;
        }
    }

    /**
     * Resources handed over by the sync, stored {@value #STORE_BATCH} at a time (a vault batch costs
     * about the same for 200 records as for 1,000); the watermarks the sync saves meanwhile are written
     * only once what they cover is stored.
     */
    private final class Batch<T> {
        private final Consumer<List<T>> store;
        private final List<T> items = new ArrayList<>();

        Batch(Consumer<List<T>> store) {
            this.store = store;
        }

        void add(T item) {
            items.add(item);
            if (items.size() >= STORE_BATCH) {
                flush();
            }
        }

        boolean isEmpty() {
            return items.isEmpty();
        }

        void flush() {
            if (!items.isEmpty()) {
                store.accept(List.copyOf(items));
                items.clear();
            }
            watermarks.writePending();
        }
    }

    private static final class Counts {
        int patients;
        int changedCitizens;
        int certificates;
        int immunizations;
        int parked;
        long patientNanos;
        long mappingNanos;
        long storingNanos;

        Report report() {
            return new Report(patients, changedCitizens, certificates, immunizations, parked,
                    Duration.ofNanos(patientNanos), Duration.ofNanos(mappingNanos), Duration.ofNanos(storingNanos));
        }
    }

    private static double share(Duration part, Duration whole) {
        return whole.isZero() ? 0 : 100.0 * part.toNanos() / whole.toNanos();
    }

    /**
     * Watermarks in the vault. A watermark the sync saves while resources it covers still wait in the
     * batch is held back until the batch is stored: the vault's watermark never moves past anything
     * unstored.
     */
    private final class BatchedWatermarks implements WatermarkStore {
        private final Map<String, Instant> pending = new LinkedHashMap<>();
        private Batch<?> batch;

        @Override
        public Optional<Instant> load(String stream) {
            return vault.watermark(stream).map(Instant::parse);
        }

        @Override
        public void save(String stream, Instant watermark) {
            pending.put(stream, watermark);
            if (batch == null || batch.isEmpty()) {
                writePending();
            }
        }

        void writePending() {
            pending.forEach((stream, watermark) -> vault.saveWatermark(stream, watermark.toString()));
            pending.clear();
        }
    }
}
