package org.citizenhub.school;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;

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
 * delivered again change nothing, a corrected file supersedes the rows it repeats. Files are taken in
 * delivery order by the inbox consumer and stored by workers ({@code citizenhub.school.workers}) side by
 * side, in delivery order wherever they name the same students ({@link DeliveryOrder}).
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
    private final DeliveryOrder order = new DeliveryOrder();
    private final InboxFiles inbox = new InboxFiles();

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

    /**
     * A term file read and mapped on the inbox consumer's thread, waiting for a worker to store it.
     * A class, not a record: Camel's bean cache hashes the body.
     */
    public static final class TakenFile {
        private final String deliveryId;
        private final String fileName;
        private final Instant receivedAt;
        private final String key;
        private final int read;
        private final List<MappedStudent> students;
        private final List<RowRejection> rejections;
        private final long turn;

        TakenFile(String deliveryId, String fileName, Instant receivedAt, String key, int read, List<MappedStudent> students,
                  List<RowRejection> rejections, long turn) {
            this.deliveryId = deliveryId;
            this.fileName = fileName;
            this.receivedAt = receivedAt;
            this.key = key;
            this.read = read;
            this.students = students;
            this.rejections = rejections;
            this.turn = turn;
        }
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
     * Takes one term file on the inbox consumer's thread, in delivery order: reads it (refused whole
     * when it is not a UTF-8 CSV term file), maps each row (bad rows reported one by one) and takes its
     * turn among the files being stored. Whatever happens to the file afterwards, its end is counted
     * when the exchange completes.
     *
     * @param lastOfPoll whether this is the last file of the inbox poll (the counts are logged once the
     *                   files taken so far are all done)
     * @throws MalformedPayloadException when the file is refused whole (recorded with its reason first)
     */
    public TakenFile take(String fileName, String path, boolean lastOfPoll, Exchange exchange) {
        long[] turn = {-1};
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                if (turn[0] >= 0) {
                    order.close(turn[0]);
                }
                inbox.finished();
            }
        });
        inbox.taken(lastOfPoll);
        Instant now = clock.instant();
        String deliveryId = UUID.randomUUID().toString();
        TermFile file;
        try {
            file = reader.read(Path.of(path));
        } catch (MalformedPayloadException refused) {
            store.recordTermFile(new TermFileDelivery(deliveryId, fileName, null, REFUSED, 0, 0, 0, refused.getMessage(), now),
                    List.of());
            inbox.refused();
            LOG.warn("School term file {} refused whole: {}", fileName, refused.getMessage());
            throw refused;
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
        Set<String> named = new HashSet<>();
        students.forEach(s -> named.add(s.result().studentCode()));
        turn[0] = order.register(named);
        return new TakenFile(deliveryId, fileName, now, file.idempotencyKey(), file.rows().size() + file.rejected().size(),
                students, rejections, turn[0]);
    }

    /**
     * Stores a taken file on a worker, once no file delivered before it about the same students is
     * still being stored: links the students in the vault, keeps their results and guardians — once
     * per file content: the same bytes delivered again change nothing, a corrected file supersedes
     * the rows it repeats.
     */
    public IngestedFile store(TakenFile file) throws InterruptedException {
        order.awaitTurn(file.turn);
        if (vault.isApplied(file.key)) {
            TermFileDelivery duplicate = new TermFileDelivery(file.deliveryId, file.fileName, file.key, DUPLICATE, file.read,
                    0, 0, "the same file was ingested before; nothing changed", file.receivedAt);
            store.recordTermFile(duplicate, List.of());
            inbox.duplicate();
            LOG.debug("School term file {} was ingested before: nothing changed", file.fileName);
            return new IngestedFile(List.of(), duplicate);
        }
        TermFileDelivery delivery = new TermFileDelivery(file.deliveryId, file.fileName, file.key, INGESTED, file.read,
                file.students.size(), file.rejections.size(), null, file.receivedAt);
        long[] linkedToResidents = {0};
        List<VaultChange> changes = tx.execute(status -> storeInTransaction(file, delivery, linkedToResidents));
        progress.advance(file.read);
        inbox.ingested(file.students.size(), linkedToResidents[0], file.rejections.size());
        if (file.rejections.isEmpty()) {
            LOG.debug("School term file {}: {} rows stored", file.fileName, file.students.size());
        } else {
            LOG.info("School term file {}: {} rows, {} stored, {} rejected: {}", file.fileName, file.read,
                    file.students.size(), file.rejections.size(), describe(file.rejections));
        }
        return new IngestedFile(changes == null ? List.of() : changes, delivery);
    }

    private List<VaultChange> storeInTransaction(TakenFile file, TermFileDelivery delivery, long[] linkedToResidents) {
        List<Mapped> records = file.students.stream().map(MappedStudent::student).toList();
        // Empty only when another writer got in between (the check above said not applied): retry the file.
        List<VaultChange> changes = vault.applyOnce(file.key, records).orElseThrow(() ->
                new IllegalStateException("the vault did not apply the term file (concurrent write); it is retried"));
        Map<String, LinkedCitizen> linked = store.linkedCitizensOf(records.stream().map(m -> m.record().sourceRef().key()).toList());
        List<SchoolResult> results = new ArrayList<>(file.students.size());
        List<StudentGuardian> studentGuardians = new ArrayList<>(file.students.size());
        for (MappedStudent s : file.students) {
            results.add(s.result());
            LinkedCitizen citizen = linked.get(s.student().record().sourceRef().key());
            if (citizen != null && citizen.registered()) {
                linkedToResidents[0]++;
            }
            guardians.guardianOf(s, citizen == null ? null : citizen.householdId()).ifPresent(studentGuardians::add);
        }
        store.saveSchoolResults(results, file.key);
        store.saveGuardians(studentGuardians);
        store.recordTermFile(delivery, file.rejections);
        return changes;
    }

    /**
     * The files taken from the inbox and not yet done, with their counts: the job starts with the first
     * file taken while none was open, and finishes (counts in the log) when the last file of a poll and
     * every file before it are done.
     */
    private final class InboxFiles {
        private int open;
        private boolean pollComplete;
        private int files;
        private int duplicates;
        private int refused;
        private long stored;
        private long linkedToResidents;
        private long rejected;
        private boolean running;

        synchronized void taken(boolean lastOfPoll) {
            if (open == 0 && !running) {
                files = duplicates = refused = 0;
                stored = linkedToResidents = rejected = 0;
                running = true;
                progress.start("reading the school inbox");
            }
            open++;
            pollComplete = lastOfPoll;
        }

        synchronized void ingested(long rows, long linked, long rejectedRows) {
            files++;
            stored += rows;
            linkedToResidents += linked;
            rejected += rejectedRows;
        }

        synchronized void duplicate() {
            duplicates++;
        }

        synchronized void refused() {
            refused++;
        }

        /** Under the lock, so that a file taken meanwhile starts the next run of the job only after this one finished. */
        synchronized void finished() {
            open--;
            if (open > 0 || !pollComplete || !running) {
                return;
            }
            running = false;
            progress.finish(String.format("%d files (%d duplicates, %d refused): %d rows stored (%d of their students "
                    + "linked to registered residents), %d rejected", files + duplicates + refused, duplicates, refused,
                    stored, linkedToResidents, rejected));
        }
    }

    private static String describe(List<RowRejection> rejections) {
        String listed = rejections.stream().limit(REASONS_LOGGED).map(r -> "line " + r.line() + " " + r.reason())
                .collect(Collectors.joining("; "));
        return rejections.size() > REASONS_LOGGED ? listed + "; …" : listed;
    }
}
