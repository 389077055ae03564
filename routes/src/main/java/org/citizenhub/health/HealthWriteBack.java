package org.citizenhub.health;

import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.citizenhub.connectors.MalformedPayloadException;
import org.citizenhub.connectors.health.ConflictRetryingUpdater;
import org.citizenhub.connectors.health.CreateOutcome;
import org.citizenhub.connectors.health.PatientDirectory;
import org.citizenhub.connectors.vault.VaultJson;
import org.citizenhub.connectors.vault.VaultStore;
import org.citizenhub.events.CitizenChangedEvent;
import org.citizenhub.mappings.citizen.Address;
import org.citizenhub.mappings.citizen.CitizenField;
import org.citizenhub.mappings.citizen.CitizenRecord;
import org.citizenhub.mappings.citizen.GoldenCitizen;
import org.citizenhub.mappings.citizen.Provenance;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.citizen.Sourced;
import org.citizenhub.mappings.health.PatientMapper;
import org.citizenhub.mappings.id.PersonalIdNumber;
import org.hl7.fhir.r4.model.Patient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Golden-record changes written back to the health-record system: when a citizen's permanent address
 * or phone changes because another system says so (a move registered in the population database, a
 * phone declared in the portal), every Patient linked to that citizen gets the new value.
 *
 * <ul>
 *   <li>Each Patient is updated with optimistic locking ({@link ConflictRetryingUpdater}): read, set
 *       only the changed fields, PUT with If-Match; a 412/409 means somebody wrote in between, so it
 *       reads again and merges onto the fresh version.</li>
 *   <li>The value written is the golden record's current one, not the event's: a late or repeated
 *       event writes the latest value or, finding it there already, nothing.</li>
 *   <li>A value that came from the health system itself is never sent back to it, and the hub's own
 *       write, read back by the next sync, changes the health source record but not the golden record
 *       (a more authoritative source holds the value): no new event, no loop.</li>
 *   <li>A Patient the vault knows only from an inbox bundle is not on the server: the hub creates it
 *       there, conditionally on the personal ID (If-None-Exist), so two racing changes make one Patient.
 *       Only citizens with a valid personal ID are created.</li>
 * </ul>
 */
@Component
public class HealthWriteBack {

    private static final Logger LOG = LoggerFactory.getLogger(HealthWriteBack.class);

    static final Set<CitizenField> FIELDS = EnumSet.of(CitizenField.PERMANENT_ADDRESS, CitizenField.PHONE);
    private static final String SERVER_PATIENT = "Patient/";
    private static final String INBOX_PATIENT = HealthIngest.INBOX_PREFIX + "Patient/";

    private final VaultStore vault;
    private final ConflictRetryingUpdater updater;
    private final PatientDirectory directory;
    private final Clock clock;
    private final Counter updates;
    private final Counter conflicts;
    private volatile Consumer<Patient> beforeMerge = patient -> { };

    public HealthWriteBack(VaultStore vault, ConflictRetryingUpdater healthUpdater, PatientDirectory patientDirectory,
                           Clock clock, MeterRegistry meters) {
        this.vault = vault;
        this.updater = healthUpdater;
        this.directory = patientDirectory;
        this.clock = clock;
        this.updates = Counter.builder("citizenhub.health.writeback.updates")
                .description("Patients changed on the FHIR server by the write-back").register(meters);
        this.conflicts = Counter.builder("citizenhub.health.writeback.conflicts")
                .description("write-back rounds repeated because the Patient changed meanwhile (412/409)").register(meters);
    }

    /** Whether a {@code citizen.changed} event asks anything of the health system. */
    public boolean concerns(String eventJson) {
        return concerns(read(eventJson));
    }

    /**
     * Writes the event's address and phone changes back to the citizen's Patients.
     *
     * @return how many Patients changed on the server
     */
    public int apply(String eventJson) {
        CitizenChangedEvent event = read(eventJson);
        if (!concerns(event)) {
            return 0;
        }
        Optional<GoldenCitizen> found = vault.findById(event.citizenId());
        if (found.isEmpty()) {
            return 0;
        }
        GoldenCitizen golden = found.get();
        Address address = wanted(event, CitizenField.PERMANENT_ADDRESS, golden.permanentAddress());
        String phone = wanted(event, CitizenField.PHONE, golden.phone());
        if (address == null && phone == null) {
            return 0;
        }

        Set<String> patientIds = new LinkedHashSet<>();
        boolean knownOnlyFromInbox = false;
        for (CitizenRecord record : vault.sourceRecordsOf(golden.citizenId())) {
            String recordId = record.provenance().sourceRecordId();
            if (record.provenance().sourceSystem() != SourceSystem.HEALTH) {
                continue;
            }
            if (recordId.startsWith(SERVER_PATIENT)) {
                patientIds.add(recordId.substring(SERVER_PATIENT.length()));
            } else if (recordId.startsWith(INBOX_PATIENT)) {
                knownOnlyFromInbox = true;
            }
        }
        if (knownOnlyFromInbox && hasValidPersonalId(golden)) {
            CreateOutcome outcome = directory.createIfAbsent(patientRecordOf(golden));
            if (outcome.created()) {
                LOG.info("Created {} on the FHIR server for a citizen known from an inbox bundle", outcome.reference());
            }
            patientIds.add(outcome.id());
        }

        int changed = 0;
        for (String id : patientIds) {
            ConflictRetryingUpdater.Outcome outcome = updater.update(Patient.class, id, patient -> {
                beforeMerge.accept(patient);
                boolean any = false;
                if (address != null) {
                    any |= PatientMapper.applyPermanentAddress(patient, address);
                }
                if (phone != null) {
                    any |= PatientMapper.applyPhone(patient, phone);
                }
                return any;
            });
            conflicts.increment(outcome.attempts() - 1);
            if (outcome.changed()) {
                changed++;
                updates.increment();
                LOG.info("Wrote {} back to {} (now version {}, {} attempt(s))",
                        event.changedFields().stream().filter(f -> FIELDS.stream().anyMatch(w -> w.name().equals(f))).toList(),
                        outcome.reference(), outcome.versionId(), outcome.attempts());
            }
        }
        return changed;
    }

    /**
     * Runs {@code hook} on each Patient just read and about to be merged (after the read, before the
     * write): lets a test play a clinic that writes at exactly the wrong moment.
     */
    void beforeMerge(Consumer<Patient> hook) {
        this.beforeMerge = hook == null ? patient -> { } : hook;
    }

    private static boolean concerns(CitizenChangedEvent event) {
        return "CITIZEN_CHANGED".equals(event.type())
                && !SourceSystem.HEALTH.name().equals(event.causeSystem())
                && event.changedFields() != null
                && event.changedFields().stream().anyMatch(f -> FIELDS.stream().anyMatch(w -> w.name().equals(f)));
    }

    /** The golden value of a field the event changed, unless it came from the health system itself. */
    private static <T> T wanted(CitizenChangedEvent event, CitizenField field, Sourced<T> value) {
        if (!event.changedFields().contains(field.name()) || value == null || value.value() == null
                || value.provenance().sourceSystem() == SourceSystem.HEALTH) {
            return null;
        }
        return value.value();
    }

    private static CitizenChangedEvent read(String json) {
        CitizenChangedEvent event = VaultJson.read(json == null ? "" : json, CitizenChangedEvent.class);
        if (event.citizenId() == null || event.type() == null) {
            throw new MalformedPayloadException("citizen.changed event lacks citizenId or type");
        }
        return event;
    }

    private static boolean hasValidPersonalId(GoldenCitizen golden) {
        return golden.personalId() != null && PersonalIdNumber.validate(golden.personalId().value(),
                valueOf(golden.dateOfBirth()), valueOf(golden.sex())).isEmpty();
    }

    /** What the health system may know of the citizen: identity, permanent address, phone. */
    private CitizenRecord patientRecordOf(GoldenCitizen golden) {
        return new CitizenRecord(new Provenance(SourceSystem.HEALTH, golden.citizenId(), clock.instant()),
                valueOf(golden.personalId()), null, valueOf(golden.name()), valueOf(golden.dateOfBirth()), valueOf(golden.sex()),
                null, valueOf(golden.permanentAddress()), null, null, valueOf(golden.phone()), null, null);
    }

    private static <T> T valueOf(Sourced<T> sourced) {
        return sourced == null ? null : sourced.value();
    }
}
