package org.citizenhub.connectors.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import org.citizenhub.mappings.citizen.Address;
import org.citizenhub.mappings.citizen.CitizenRecord;
import org.citizenhub.mappings.citizen.PartialDate;
import org.citizenhub.mappings.citizen.PersonName;
import org.citizenhub.mappings.citizen.Provenance;
import org.citizenhub.mappings.citizen.Sex;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.health.IdentifierSystems;
import org.citizenhub.mappings.health.PatientMapper;
import org.citizenhub.sandbox.health.FhirSimulator;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The two races of write-back: concurrent updates of one Patient, and concurrent creates of one citizen. */
class WriteBackRaceTest {

    private static final Address NEW_HOME =
            new Address("9", "Bạch Đằng", "Phường Hải Châu", "20207", "", "Thành phố Đà Nẵng", null);

    private final PatientMapper mapper = new PatientMapper(IdentifierSystems.DEFAULT);
    private FhirSimulator simulator;
    private FhirRestClient client;
    private ExecutorService threads;

    @BeforeEach
    void start() {
        simulator = new FhirSimulator().load(TestSeeds.patients(5));
        simulator.start(0);
        client = new FhirRestClient(FhirClientSettings.defaults(URI.create(simulator.baseUrl())));
        threads = Executors.newFixedThreadPool(8);
    }

    @AfterEach
    void stop() throws InterruptedException {
        threads.shutdownNow();
        threads.awaitTermination(5, TimeUnit.SECONDS);
        simulator.close();
    }

    @Test
    void twoConcurrentUpdatesBothLandAndNoneIsLost() throws Exception {
        ConflictRetryingUpdater updater = new ConflictRetryingUpdater(client);
        // both writers read version 1 before either writes: one of them must get a 412 and merge
        CyclicBarrier bothHaveRead = new CyclicBarrier(2);
        Future<ConflictRetryingUpdater.Outcome> address = threads.submit(() -> updater.update(Patient.class, "hs-00002",
                onceAfterBarrier(bothHaveRead, p -> PatientMapper.applyPermanentAddress(p, NEW_HOME))));
        Future<ConflictRetryingUpdater.Outcome> phone = threads.submit(() -> updater.update(Patient.class, "hs-00002",
                onceAfterBarrier(bothHaveRead, p -> PatientMapper.applyPhone(p, "0935777888"))));

        ConflictRetryingUpdater.Outcome a = address.get(20, TimeUnit.SECONDS);
        ConflictRetryingUpdater.Outcome b = phone.get(20, TimeUnit.SECONDS);

        assertThat(a.changed()).isTrue();
        assertThat(b.changed()).isTrue();
        assertThat(a.attempts() + b.attempts()).as("exactly one writer retried").isEqualTo(3);
        Patient stored = (Patient) simulator.repository().read("Patient", "hs-00002").orElseThrow();
        assertThat(stored.getMeta().getVersionId()).isEqualTo("3");
        CitizenRecord merged = mapper.toCitizenRecord(stored, Instant.now()).record();
        assertThat(merged.permanentAddress()).isEqualTo(NEW_HOME);
        assertThat(merged.phone()).isEqualTo("0935777888");
    }

    @Test
    void theSameChangeAgainWritesNothing() {
        ConflictRetryingUpdater updater = new ConflictRetryingUpdater(client);

        ConflictRetryingUpdater.Outcome first = updater.update(Patient.class, "hs-00001", p -> PatientMapper.applyPermanentAddress(p, NEW_HOME));
        ConflictRetryingUpdater.Outcome again = updater.update(Patient.class, "hs-00001", p -> PatientMapper.applyPermanentAddress(p, NEW_HOME));

        assertThat(first.changed()).isTrue();
        assertThat(again.changed()).isFalse();
        assertThat(again.versionId()).isEqualTo(first.versionId()).isEqualTo("2");
    }

    @Test
    void givesUpAfterTheConfiguredAttemptsWhenEveryWriteConflicts() {
        ConflictRetryingUpdater updater = new ConflictRetryingUpdater(new FhirRestClient(client.settings().withMaxUpdateAttempts(3)));

        assertThatThrownBy(() -> updater.update(Patient.class, "hs-00003", p -> {
            // a clinic writes between our read and our write, every time
            simulator.store(simulator.repository().read("Patient", "hs-00003").orElseThrow());
            return PatientMapper.applyPhone(p, "0935000001");
        }))
                .isInstanceOfSatisfying(FhirServerException.class, e -> assertThat(e.kind()).isEqualTo(FhirServerException.Kind.CONFLICT))
                .hasMessage("PUT Patient/hs-00003: still conflicting after 3 attempts");
    }

    @Test
    void refusesToUpdateAPatientThatDoesNotExist() {
        assertThatThrownBy(() -> new ConflictRetryingUpdater(client).update(Patient.class, "nope", p -> true))
                .isInstanceOfSatisfying(FhirServerException.class, e -> assertThat(e.kind()).isEqualTo(FhirServerException.Kind.NOT_FOUND));
    }

    @Test
    void racingCreatesOfOneCitizenMakeOnePatient() throws Exception {
        PatientDirectory directory = new PatientDirectory(client, mapper);
        CitizenRecord citizen = new CitizenRecord(new Provenance(SourceSystem.POPULATION, "048199004321", Instant.now()),
                "048199004321", null, new PersonName("Hồ", "Thị", "Xuân"), PartialDate.parse("1999-04-30"), Sex.FEMALE,
                null, NEW_HOME, null, null, "0905000123", null, null);
        int writers = 8;
        CyclicBarrier start = new CyclicBarrier(writers);
        List<Future<CreateOutcome>> results = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            results.add(threads.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                return directory.createIfAbsent(citizen);
            }));
        }
        List<CreateOutcome> outcomes = new ArrayList<>();
        for (Future<CreateOutcome> result : results) {
            outcomes.add(result.get(20, TimeUnit.SECONDS));
        }

        assertThat(outcomes).filteredOn(CreateOutcome::created).hasSize(1);
        assertThat(outcomes).extracting(CreateOutcome::id).containsOnly(outcomes.get(0).id());
        assertThat(directory.findByPersonalId("048 199 004321")).singleElement()
                .satisfies(p -> assertThat(p.getIdElement().getIdPart()).isEqualTo(outcomes.get(0).id()));
    }

    @Test
    void refusesAnUnconditionalCreateWithoutPersonalId() {
        Patient withoutId = new Patient();
        withoutId.addName().setFamily("Ngô").addGiven("Bảo");

        assertThatThrownBy(() -> new PatientDirectory(client, mapper).createIfAbsent(withoutId))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The change, waiting on the barrier the first time it runs (after the updater's read). */
    private static Predicate<Patient> onceAfterBarrier(CyclicBarrier barrier,
                                                                          Predicate<Patient> change) {
        AtomicBoolean first = new AtomicBoolean(true);
        return patient -> {
            if (first.getAndSet(false)) {
                try {
                    barrier.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("the other writer never read", e);
                }
            }
            return change.test(patient);
        };
    }
}
