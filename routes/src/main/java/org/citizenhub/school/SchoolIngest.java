package org.citizenhub.school;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.citizenhub.connectors.MalformedPayloadException;
import org.citizenhub.connectors.school.RejectedRow;
import org.citizenhub.connectors.school.TermFile;
import org.citizenhub.connectors.school.TermFileLimits;
import org.citizenhub.connectors.school.TermFileReader;
import org.citizenhub.connectors.school.TermFileRow;
import org.citizenhub.connectors.vault.SchoolUtilityStore;
import org.citizenhub.connectors.vault.SchoolUtilityStore.LinkedCitizen;
import org.citizenhub.connectors.vault.SchoolUtilityStore.RowRejection;
import org.citizenhub.connectors.vault.SchoolUtilityStore.StudentGuardian;
import org.citizenhub.connectors.vault.SchoolUtilityStore.TermFileDelivery;
import org.citizenhub.connectors.vault.VaultChange;
import org.citizenhub.connectors.vault.VaultStore;
import org.citizenhub.mappings.citizen.InvalidSourceRecordException;
import org.citizenhub.mappings.citizen.Mapped;
import org.citizenhub.mappings.school.MappedStudent;
import org.citizenhub.mappings.school.SchoolDirectory;
import org.citizenhub.mappings.school.SchoolMapper;
import org.citizenhub.mappings.school.SchoolResult;
import org.citizenhub.operations.JobProgress;
import org.citizenhub.operations.Jobs;
import org.citizenhub.population.PopulationIngest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the school term-file route does with one delivered file: read it (refused whole when it is not
 * a UTF-8 CSV term file), map each row (bad rows are reported one by one, the good ones kept), link the
 * students in the vault, keep their results and guardians — once per file content: the same bytes
 * delivered again change nothing, a corrected file supersedes the rows it repeats.
 */
@Component
public class SchoolIngest {

    private static final Logger LOG = LoggerFactory.getLogger(SchoolIngest.class);
    /** Reasons listed per file in the log; the rest are in the delivery report. */
    private static final int REASONS_LOGGED = 10;

    public static final String INGESTED = "INGESTED";
    public static final String DUPLICATE = "DUPLICATE";
    public static final String REFUSED = "REFUSED";

    private final TermFileReader reader;
    private final SchoolMapper mapper = new SchoolMapper(SchoolDirectory.daNang());
    private final VaultStore vault;
    private final SchoolUtilityStore store;
    private final HouseholdGuardians guardians;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final PopulationIngest population;
    private final JobProgress progress;
    private final InboxTally tally = new InboxTally();

    public SchoolIngest(SchoolProperties properties, VaultStore vault, SchoolUtilityStore store, HouseholdGuardians guardians,
                        TransactionTemplate tx, Clock clock, PopulationIngest population, Jobs jobs) {
        this.reader = new TermFileReader(new TermFileLimits(properties.maxFileBytes(), properties.maxRowChars()));
        this.vault = vault;
        this.store = store;
        this.guardians = guardians;
        this.tx = tx;
        this.clock = clock;
        this.population = population;
        this.progress = jobs.job("school-term-file-ingest", "rows");
    }

    /**
     * Term files wait in the inbox until the population register is loaded, so that students link to
     * its citizens instead of becoming citizens of their own first.
     */
    public boolean acceptsFiles() {
        return population.changeFeedReady();
    }

    /** The result of one file, for the route. A class, not a record: Camel's bean cache hashes the body. */
    public static final class IngestedFile {
        private final List<VaultChange> changes;
        private final TermFileDelivery delivery;

        IngestedFile(List<VaultChange> changes, TermFileDelivery delivery) {
            this.changes = changes;
            this.delivery = delivery;
        }

        public List<VaultChange> getChanges() {
            return changes;
        }

        public TermFileDelivery getDelivery() {
            return delivery;
        }
    }

    /**
     * Ingests one term file.
     *
     * @param batchIndex the file's place in the inbox poll (0 starts the progress of a new batch)
     * @throws MalformedPayloadException when the file is refused whole (recorded with its reason first)
     */
    public IngestedFile ingest(String fileName, String path, int batchIndex) {
        if (batchIndex == 0) {
            tally.reset();
            progress.start("reading the school inbox");
        }
        Instant now = clock.instant();
        String deliveryId = UUID.randomUUID().toString();
        TermFile file;
        try {
            file = reader.read(Path.of(path));
        } catch (MalformedPayloadException refused) {
            store.recordTermFile(new TermFileDelivery(deliveryId, fileName, null, REFUSED, 0, 0, 0, refused.getMessage(), now),
                    List.of());
            tally.refused++;
            LOG.warn("School term file {} refused whole: {}", fileName, refused.getMessage());
            throw refused;
        }
        String key = file.idempotencyKey();
        int read = file.rows().size() + file.rejected().size();
        if (vault.isApplied(key)) {
            TermFileDelivery duplicate = new TermFileDelivery(deliveryId, fileName, key, DUPLICATE, read, 0, 0,
                    "the same file was ingested before; nothing changed", now);
            store.recordTermFile(duplicate, List.of());
            tally.duplicates++;
            LOG.debug("School term file {} was ingested before: nothing changed", fileName);
            return new IngestedFile(List.of(), duplicate);
        }

        List<RowRejection> rejections = new ArrayList<>();
        for (RejectedRow r : file.rejected()) {
            rejections.add(new RowRejection(r.line(), null, r.reason()));
        }
        List<MappedStudent> students = new ArrayList<>(file.rows().size());
        for (TermFileRow row : file.rows()) {
            try {
                students.add(mapper.map(row.record(), now));
            } catch (InvalidSourceRecordException badRow) {
                rejections.add(new RowRejection(row.line(), row.rowKey(), badRow.getMessage()));
            }
        }
        rejections.sort(Comparator.comparingInt(RowRejection::line));
        TermFileDelivery delivery = new TermFileDelivery(deliveryId, fileName, key, INGESTED, read, students.size(),
                rejections.size(), null, now);

        List<VaultChange> changes = tx.execute(status -> store(key, students, delivery, rejections));
        progress.advance(read);
        tally.files++;
        tally.stored += students.size();
        tally.rejected += rejections.size();
        if (rejections.isEmpty()) {
            LOG.debug("School term file {}: {} rows stored", fileName, students.size());
        } else {
            LOG.info("School term file {}: {} rows, {} stored, {} rejected: {}", fileName, read, students.size(),
                    rejections.size(), describe(rejections));
        }
        return new IngestedFile(changes == null ? List.of() : changes, delivery);
    }

    private List<VaultChange> store(String key, List<MappedStudent> students, TermFileDelivery delivery,
                                    List<RowRejection> rejections) {
        List<Mapped> records = students.stream().map(MappedStudent::student).toList();
        // Empty only when another writer got in between (the check above said not applied): retry the file.
        List<VaultChange> changes = vault.applyOnce(key, records).orElseThrow(() ->
                new IllegalStateException("the vault did not apply the term file (concurrent write); it is retried"));
        Map<String, LinkedCitizen> linked = store.linkedCitizensOf(records.stream().map(m -> m.record().sourceRef().key()).toList());
        List<SchoolResult> results = new ArrayList<>(students.size());
        List<StudentGuardian> studentGuardians = new ArrayList<>(students.size());
        for (MappedStudent s : students) {
            results.add(s.result());
            LinkedCitizen citizen = linked.get(s.student().record().sourceRef().key());
            if (citizen != null && citizen.registered()) {
                tally.linkedToResidents++;
            }
            guardians.guardianOf(s, citizen == null ? null : citizen.householdId()).ifPresent(studentGuardians::add);
        }
        store.saveSchoolResults(results, key);
        store.saveGuardians(studentGuardians);
        store.recordTermFile(delivery, rejections);
        return changes;
    }

    /** Called when a poll of the inbox has been worked through: the counts of the batch in the log. */
    public void inboxDrained() {
        progress.finish(String.format("%d files (%d duplicates, %d refused): %d rows stored (%d of their students linked "
                        + "to registered residents), %d rejected",
                tally.files + tally.duplicates + tally.refused, tally.duplicates, tally.refused, tally.stored,
                tally.linkedToResidents, tally.rejected));
    }

    private static String describe(List<RowRejection> rejections) {
        String listed = rejections.stream().limit(REASONS_LOGGED).map(r -> "line " + r.line() + " " + r.reason())
                .collect(Collectors.joining("; "));
        return rejections.size() > REASONS_LOGGED ? listed + "; …" : listed;
    }

    /** Counts of the files of one inbox poll (the file route is a single consumer). */
    private static final class InboxTally {
        int files;
        int duplicates;
        int refused;
        long stored;
        long linkedToResidents;
        long rejected;

        void reset() {
            files = 0;
            duplicates = 0;
            refused = 0;
            stored = 0;
            linkedToResidents = 0;
            rejected = 0;
        }
    }
}
