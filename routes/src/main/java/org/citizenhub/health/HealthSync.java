package org.citizenhub.health;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * <p>Resources are stored a page at a time, and always before the watermark moves past them: a crash
 * or an outage in the middle of a sync loses nothing, it only makes the next sync hand over the last
 * page again, which stores nothing new. A resource the hub cannot use is parked with its reason and
 * the sync goes on. The first sync after start is logged as the job {@code health-patient-sync}.
 */
@Component
public class HealthSync {

    private static final Logger LOG = LoggerFactory.getLogger(HealthSync.class);

    static final String ROUTE = "health-patient-sync";
    static final String WATERMARK_PREFIX = "health.fhir";

    private final HealthIngest ingest;
    private final VaultStore vault;
    private final ProducerTemplate producer;
    private final Clock clock;
    private final HealthProperties properties;
    private final JobProgress firstSync;
    private final FlushingWatermarks watermarks = new FlushingWatermarks();
    private final IncrementalSync sync;
    private boolean firstSyncDone;
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
     */
    public record Report(int patients, int changedCitizens, int certificates, int immunizations, int parked) {
        boolean changedAnything() {
            return changedCitizens + certificates + immunizations + parked > 0;
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

    /** Whether the first sync since start has completed. */
    public synchronized boolean firstSyncDone() {
        return firstSyncDone;
    }

    /** Syncs everything that changed since the watermarks; one sync at a time. */
    public synchronized Report syncAll() {
        if (!ready()) {
            return new Report(0, 0, 0, 0, 0);
        }
        if (!firstSyncDone) {
            firstSync.start("first sync of Patients, certificates and immunizations from " + properties.baseUrl());
        }
        Counts counts = new Counts();
        syncPatients(counts);
        syncCertificates(counts);
        syncImmunizations(counts);
        Report report = counts.report();
        String summary = String.format("%d Patients read, %d citizens created or changed, %d certificates and %d vaccinations "
                        + "stored, %d resources parked", report.patients(), report.changedCitizens(), report.certificates(),
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
        Batch<Mapped> batch = new Batch<>(mapped -> {
            List<VaultChange> changes = ingest.storePatients(mapped);
            if (!changes.isEmpty()) {
                producer.sendBody("direct:publish-citizen-changes", changes);
            }
            counts.patients += mapped.size();
            counts.changedCitizens += changes.size();
            if (!firstSyncDone) {
                firstSync.advance(mapped.size());
            }
        });
        run(Patient.class, p -> batch.add(ingest.mapPatient(p, RecordIds.server(), now)), batch, counts);
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
        watermarks.beforeSave = batch::flush;
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
            watermarks.beforeSave = () -> { };
        }
    }

    private final class Batch<T> {
        private final Consumer<List<T>> store;
        private final List<T> items = new ArrayList<>();

        Batch(Consumer<List<T>> store) {
            this.store = store;
        }

        void add(T item) {
            items.add(item);
            if (items.size() >= properties.pageSize()) {
                flush();
            }
        }

        void flush() {
            if (!items.isEmpty()) {
                store.accept(List.copyOf(items));
                items.clear();
            }
        }
    }

    private static final class Counts {
        int patients;
        int changedCitizens;
        int certificates;
        int immunizations;
        int parked;

        Report report() {
            return new Report(patients, changedCitizens, certificates, immunizations, parked);
        }
    }

    /** Watermarks in the vault; what was handed over is stored before a watermark moves past it. */
    private final class FlushingWatermarks implements WatermarkStore {
        private Runnable beforeSave = () -> { };

        @Override
        public Optional<Instant> load(String stream) {
            return vault.watermark(stream).map(Instant::parse);
        }

        @Override
        public void save(String stream, Instant watermark) {
            beforeSave.run();
            vault.saveWatermark(stream, watermark.toString());
        }
    }
}
