package org.citizenhub.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.TextMessage;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.citizenhub.connectors.vault.VaultJson;
import org.citizenhub.mappings.citizen.Address;
import org.citizenhub.mappings.citizen.PartialDate;
import org.citizenhub.mappings.citizen.Provenance;
import org.citizenhub.mappings.health.DrivingFitness;
import org.citizenhub.mappings.health.FhirR4;
import org.citizenhub.operations.HubErrorHandling;
import org.citizenhub.sandbox.health.SimulatorFaults;
import org.citizenhub.sandbox.synthetic.PopulationChange;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jms.core.JmsTemplate;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import org.citizenhub.HubIntegrationTest;
import org.citizenhub.connectors.vault.HealthEvidenceStore;
import org.citizenhub.connectors.vault.VaultStore;
import org.citizenhub.mappings.citizen.CitizenRecord;
import org.citizenhub.mappings.citizen.SourceRef;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.health.HealthCheckCertificate;
import org.citizenhub.mappings.health.HealthCheckCertificateMapper;
import org.citizenhub.mappings.health.PatientMapper;
import org.citizenhub.sandbox.health.FhirSimulator;
import org.citizenhub.sandbox.population.PopulationSimulator;
import org.citizenhub.sandbox.synthetic.Person;
import org.citizenhub.sandbox.synthetic.Population;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The health slice end to end: FHIR simulator ⇄ routes ⇄ vault, with the population simulator as the registry. */
class HealthSliceTest extends HubIntegrationTest {

    static final Duration SYNCED = Duration.ofSeconds(120);

    @Autowired FhirSimulator simulator;
    @Autowired PopulationSimulator registry;
    @Autowired Population population;
    @Autowired VaultStore vault;
    @Autowired HealthEvidenceStore evidence;
    @Autowired HealthSync sync;
    @Autowired HealthSubscriptions subscriptions;
    @Autowired HealthWriteBack writeBack;
    @Autowired PatientMapper mapper;
    @Autowired NamedParameterJdbcTemplate jdbc;
    @Autowired ConnectionFactory connectionFactory;
    @Autowired TestRestTemplate http;
    @Autowired MeterRegistry meters;
    @Autowired CamelContext camel;

    private Connection connection;

    @BeforeEach
    void hubHasSyncedTheHealthView() throws Exception {
        await().atMost(SYNCED).until(sync::firstSyncDone);
        connection = connectionFactory.createConnection();
        connection.start();
    }

    @AfterEach
    void systemsBehave() throws Exception {
        simulator.faults().clear();
        writeBack.beforeMerge(null);
        registry.setFault(PopulationSimulator.Fault.NONE, Duration.ZERO);
        connection.close();
    }

    @Test
    void syncsEverySeededPatientCertificateAndVaccinationOnStart() {
        List<Patient> seeded = seededPatients();
        Set<String> stored = Set.copyOf(jdbc.queryForList(
                "SELECT record_id FROM source_record WHERE source_system = 'HEALTH'", Map.of(), String.class));

        assertThat(seeded).hasSizeGreaterThan(200);
        assertThat(stored).containsAll(seeded.stream().map(p -> "Patient/" + p.getIdElement().getIdPart()).toList());
        List<Resource> certificates = simulator.repository().search("DiagnosticReport", r -> true);
        List<Resource> vaccinations = simulator.repository().search("Immunization", r -> true);
        assertThat(certificates).isNotEmpty();
        assertThat(vaccinations).isNotEmpty();
        assertThat(certificates).allSatisfy(r -> assertThat(evidence.storedVersion("DiagnosticReport/" + r.getIdElement().getIdPart()))
                .contains(r.getMeta().getVersionId()));
        assertThat(vaccinations).allSatisfy(r -> assertThat(evidence.storedVersion("Immunization/" + r.getIdElement().getIdPart()))
                .contains(r.getMeta().getVersionId()));
    }

    @Test
    void linksPatientsByTrustworthyIdToTheRegistrysCitizenAndNeverByAnUntrustedOne() {
        int residents = 0;
        int linkedRight = 0;
        int linkedWrong = 0;
        int wrongButConsistent = 0;
        int untrusted = 0;
        for (Patient patient : seededPatients()) {
            String id = patient.getIdElement().getIdPart();
            SourceRef source = new SourceRef(SourceSystem.HEALTH, "Patient/" + id);
            CitizenRecord stored = storedRecord(source).orElseThrow();
            List<CitizenRecord> linked = vault.sourceRecordsOf(citizenOf(source.key()));
            Optional<String> registryRecord = linked.stream().filter(r -> r.provenance().sourceSystem() == SourceSystem.POPULATION)
                    .map(r -> r.provenance().sourceRecordId()).findFirst();
            if (mapper.toCitizenRecord(patient, Instant.now()).hasTrustworthyPersonalId()) {
                assertThat(stored.personalId()).isNotNull();
                Optional<Person> resident = personOf(id);
                if (resident.isPresent()) {
                    residents++;
                    if (registryRecord.equals(Optional.of(resident.get().personalId()))) {
                        linkedRight++;
                    } else {
                        assertThat(stored.personalId()).as("only a wrong number that looks right stays unlinked")
                                .isNotEqualTo(resident.get().personalId());
                        wrongButConsistent++;
                    }
                }
                if (registryRecord.isPresent() && !registryRecord.equals(resident.map(Person::personalId))) {
                    linkedWrong++;
                }
            } else {
                untrusted++;
                assertThat(stored.personalId()).as("an untrusted ID stays out of the record").isNull();
                assertThat(vault.findingsOf(source)).anySatisfy(f -> assertThat(f.field()).isEqualTo("personalId"));
                // never linked on the untrusted number; identity resolution may still link it on other
                // evidence (name, birth date, address, phone), but only to the person it describes
                registryRecord.ifPresent(registry -> assertThat(personOf(id).map(Person::personalId))
                        .as("a Patient with an untrusted ID linked only to its own person").contains(registry));
            }
        }
        System.out.printf("health linking on start: %d residents' Patients with a trustworthy ID, %d linked to the right registry "
                + "citizen, %d linked to a wrong one, %d left apart (a wrong number consistent with birth date and sex); "
                + "%d Patients with a missing or untrusted ID kept apart%n",
                residents, linkedRight, linkedWrong, wrongButConsistent, untrusted);
        assertThat(untrusted).as("the synthetic health view has wrong and missing IDs").isPositive();
        assertThat(linkedWrong).isZero();
        assertThat(linkedRight).isGreaterThanOrEqualTo(residents * 95 / 100);
    }

    @Test
    void keepsACertificateAsEvidenceOfTheCitizenOfItsPatient() {
        DiagnosticReport report = simulator.repository().search("DiagnosticReport", r -> true).stream()
                .map(DiagnosticReport.class::cast)
                .filter(r -> HealthCheckCertificateMapper.fromFhir(r, Instant.now()).isPresent())
                .findFirst().orElseThrow();
        HealthCheckCertificate expected = HealthCheckCertificateMapper.fromFhir(report, Instant.now()).orElseThrow();
        String citizen = citizenOf("HEALTH:" + report.getSubject().getReference());

        assertThat(evidence.certificatesOf(citizen)).anySatisfy(c -> {
            assertThat(c.patientReference()).isEqualTo(expected.patientReference());
            assertThat(c.issued()).isEqualTo(expected.issued());
            assertThat(c.validUntil()).isEqualTo(expected.validUntil());
            assertThat(c.conclusion()).isEqualTo(expected.conclusion());
            assertThat(c.licenceClass()).isEqualTo(expected.licenceClass());
        });
    }

    @Test
    void refusesNotificationsWithoutTheSharedSecret() {
        assertThat(notify(HttpMethod.POST, "", null, null, null).getStatusCode().value()).isEqualTo(401);
        assertThat(notify(HttpMethod.POST, "", "not-the-secret", null, null).getStatusCode().value()).isEqualTo(403);
        assertThat(notify(HttpMethod.PUT, "/Patient/1", "not-the-secret", "application/fhir+json", "{}").getStatusCode().value())
                .isEqualTo(403);
        assertThat(notify(HttpMethod.POST, "", subscriptions.secret(), null, null).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void writesAnAddressMoveBackToTheLinkedPatientExactlyOnce() throws Exception {
        LinkedResident mover = linkedResident(0);
        long patientVersion = version(mover.patientId());
        long goldenVersion = vault.findById(mover.citizenId()).orElseThrow().version();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer events = session.createConsumer(session.createTopic("citizen.changed"), "citizenId = '" + mover.citizenId() + "'");
        Address newHome = new Address("K7/21", "Hoàng Diệu", "Phường Hải Châu", "20305", "", "Thành phố Đà Nẵng", null);

        registry.publish(PopulationChange.Type.ADDRESS_CHANGED, moved(mover.person(), newHome, mover.person().phone()));

        await().atMost(Duration.ofSeconds(30)).until(() -> version(mover.patientId()) == patientVersion + 1);
        assertThat(homeOf(patient(mover.patientId()))).isEqualTo(newHome);
        Patient before = (Patient) simulator.repository().vread("Patient", mover.patientId(), String.valueOf(patientVersion)).orElseThrow();
        assertThat(homeOf(before)).isNotEqualTo(newHome);
        // the hub's own write comes back through the sync into the health source record ...
        await().atMost(Duration.ofSeconds(30)).until(() -> storedRecord(healthPatient(mover.patientId()))
                .map(CitizenRecord::permanentAddress).equals(Optional.of(newHome)));
        TextMessage event = (TextMessage) events.receive(10_000);
        assertThat(event).as("the event of the move").isNotNull();
        assertThat(json(event.getText()).path("causeSystem").asText()).isEqualTo("POPULATION");
        // ... and changes nothing there: no event, no second write
        assertThat(events.receive(2_000)).as("an event caused by the hub's own write").isNull();
        assertThat(version(mover.patientId())).isEqualTo(patientVersion + 1);
        assertThat(vault.findById(mover.citizenId()).orElseThrow().version()).isEqualTo(goldenVersion + 1);
    }

    @Test
    void mergesOntoTheClinicsWriteWhenThePatientChangesBetweenTheHubsReadAndWrite() {
        LinkedResident mover = linkedResident(1);
        long patientVersion = version(mover.patientId());
        double conflicts = meters.get("citizenhub.health.writeback.conflicts").counter().count();
        String clinicsEmail = "clinic-" + mover.patientId() + "@benhvien.example.vn";
        AtomicInteger rounds = new AtomicInteger();
        writeBack.beforeMerge(read -> {
            if (read.getIdElement().getIdPart().equals(mover.patientId()) && rounds.getAndIncrement() == 0) {
                // a clinic stores a new version after the hub has read, before the hub writes
                Patient clinic = patient(mover.patientId());
                clinic.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(clinicsEmail);
                simulator.store(clinic);
            }
        });
        Address newHome = new Address("3", "Lý Tự Trọng", "Phường Hải Châu", "20305", "", "Thành phố Đà Nẵng", null);

        registry.publish(PopulationChange.Type.ADDRESS_CHANGED, moved(mover.person(), newHome, mover.person().phone()));

        await().atMost(Duration.ofSeconds(30)).until(() -> version(mover.patientId()) == patientVersion + 2);
        Patient merged = patient(mover.patientId());
        assertThat(homeOf(merged)).isEqualTo(newHome);
        assertThat(merged.getTelecom()).as("the clinic's write survives the merge").anyMatch(t -> clinicsEmail.equals(t.getValue()));
        assertThat(rounds.get()).as("read, 412, read again, write").isEqualTo(2);
        assertThat(meters.get("citizenhub.health.writeback.conflicts").counter().count()).isEqualTo(conflicts + 1);
    }

    @Test
    void createsAPatientKnownOnlyFromTheInboxOnceWhenTwoWriteBacksRace() throws Exception {
        Person resident = residentWithoutPatient();
        String citizen = citizenOf("POPULATION:" + resident.personalId());
        String uuid = UUID.randomUUID().toString();
        dropIntoInbox("clinic-" + uuid + ".json", bundleOf(resident, uuid));
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(inbox().resolve(".done/clinic-" + uuid + ".json")));
        assertThat(vault.sourceRecordsOf(citizen)).anySatisfy(r -> assertThat(r.provenance().sourceRecordId()).isEqualTo("inbox:Patient/" + uuid));
        assertThat(evidence.certificatesOf(citizen)).anySatisfy(c -> assertThat(c.licenceClass()).isEqualTo("B"));
        assertThat(patientsOnServer(resident)).as("the inbox writes nothing to the server").isEmpty();

        // the first write-back waits, after reading the Patient it made sure of, until the second has done the same
        CountDownLatch secondInFlight = new CountDownLatch(1);
        AtomicInteger rounds = new AtomicInteger();
        writeBack.beforeMerge(read -> {
            if (read.getIdentifier().stream().noneMatch(i -> resident.personalId().equals(i.getValue()))) {
                return; // another test's or a background change's write-back: not part of this race
            }
            if (rounds.getAndIncrement() == 0) {
                awaitQuietly(secondInFlight);
            } else {
                secondInFlight.countDown();
            }
        });
        Address firstHome = new Address("15", "Bạch Đằng", "Phường Hải Châu", "20305", "", "Thành phố Đà Nẵng", null);
        Address secondHome = new Address("28", "Trần Phú", "Phường Hải Châu", "20305", "", "Thành phố Đà Nẵng", null);
        registry.publish(PopulationChange.Type.ADDRESS_CHANGED, moved(resident, firstHome, resident.phone()));
        await().atMost(Duration.ofSeconds(30)).until(() -> firstHome.equals(vault.findById(citizen).orElseThrow().permanentAddress().value()));
        registry.publish(PopulationChange.Type.ADDRESS_CHANGED, moved(resident, secondHome, "0935246813"));

        await().atMost(Duration.ofSeconds(40)).until(() -> patientsOnServer(resident).size() == 1
                && secondHome.equals(homeOf(patientsOnServer(resident).get(0))));
        assertThat(secondInFlight.getCount()).as("the two write-backs overlapped").isZero();
        Patient created = patientsOnServer(resident).get(0);
        assertThat(mapper.toCitizenRecord(created, Instant.now()).record().phone()).isEqualTo("0935246813");
        // the next sync links the created Patient to the citizen; still one Patient
        await().atMost(Duration.ofSeconds(30)).until(() -> vault.sourceRecordsOf(citizen).stream()
                .anyMatch(r -> r.provenance().sourceRecordId().equals("Patient/" + created.getIdElement().getIdPart())));
        assertThat(patientsOnServer(resident)).hasSize(1);
    }

    @Test
    void storesTheCertificateAFullResourceNotificationCarries() {
        LinkedResident driver = linkedResident(2);
        String id = "cb-" + UUID.randomUUID().toString().substring(0, 8);
        LocalDate issued = LocalDate.of(2025, 9, 12);
        DiagnosticReport report = HealthCheckCertificateMapper.toFhir(new HealthCheckCertificate("Patient/" + driver.patientId(),
                issued, issued, issued.plusYears(1).minusDays(1), DrivingFitness.FIT, "A1",
                "Đủ điều kiện sức khỏe lái xe hạng A1", new Provenance(SourceSystem.HEALTH, "test", Instant.now())));
        report.setId(id);
        report.getMeta().setVersionId("1").setLastUpdated(new Date());

        ResponseEntity<String> answer = notify(HttpMethod.PUT, "/DiagnosticReport/" + id, subscriptions.secret(),
                "application/fhir+json", FhirR4.encode(report));

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> evidence.storedVersion("DiagnosticReport/" + id).isPresent());
        assertThat(evidence.certificatesOf(driver.citizenId())).anySatisfy(c -> {
            assertThat(c.licenceClass()).isEqualTo("A1");
            assertThat(c.issued()).isEqualTo(issued);
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "truncated JSON | application/fhir+json | {\"resourceType\":\"Patient\",\"name\":[{\"fam  | INVALID_JSON",
            "an HTML page   | text/html             | <html><body>Đăng nhập</body></html>              | text/html",
            "another type   | application/fhir+json | {\"resourceType\":\"Immunization\"}              | WRONG_RESOURCE_TYPE",
    })
    void parksANotificationItCannotReadWithTheReason(String what, String contentType, String body, String reason) throws Exception {
        String id = "bad-" + UUID.randomUUID().toString().substring(0, 8);

        ResponseEntity<String> answer = notify(HttpMethod.PUT, "/Patient/" + id, subscriptions.secret(), contentType, body);

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        Message parked = parkedMessage(HealthIngest.NOTIFICATION_PATH + " LIKE '%/Patient/" + id + "'");
        assertThat(parked.getStringProperty(HubErrorHandling.FAILURE_REASON)).contains("FhirInputException").contains(reason)
                .doesNotContain("Đăng nhập");
        assertThat(parked.getStringProperty(HubErrorHandling.FAILED_ROUTE)).isEqualTo("health-notification-apply");
        assertThat(parked.getStringProperty(HubErrorHandling.REPLAY_TO)).isEqualTo(HealthIngest.NOTIFICATIONS_QUEUE);
        assertThat(((TextMessage) parked).getText()).isEqualTo(body);
    }

    @Test
    void parksAWriteBackWhileTheServerFailsAndAppliesItOnceWhenReplayed() throws Exception {
        LinkedResident mover = linkedResident(3);
        long patientVersion = version(mover.patientId());
        Address newHome = new Address("41", "Pasteur", "Phường Hải Châu", "20305", "", "Thành phố Đà Nẵng", null);
        simulator.faults().failAll(SimulatorFaults.Fault.SERVER_ERROR);

        registry.publish(PopulationChange.Type.ADDRESS_CHANGED, moved(mover.person(), newHome, mover.person().phone()));

        Message parked = parkedMessage("citizenId = '" + mover.citizenId() + "' AND "
                + HubErrorHandling.FAILED_ROUTE + " = 'health-patient-writeback'");
        assertThat(parked.getStringProperty(HubErrorHandling.FAILURE_REASON)).contains("FhirServerException").contains("500");
        assertThat(parked.getStringProperty(HubErrorHandling.REPLAY_TO)).isEqualTo("hub.health.writeback");
        assertThat(version(mover.patientId())).isEqualTo(patientVersion);

        simulator.faults().clear();
        NotifyBuilder twoWriteBacks = new NotifyBuilder(camel).fromRoute("health-patient-writeback").whenCompleted(2).create();
        replay(parked);
        await().atMost(Duration.ofSeconds(20)).until(() -> version(mover.patientId()) == patientVersion + 1);
        assertThat(homeOf(patient(mover.patientId()))).isEqualTo(newHome);
        replay(parked);

        assertThat(twoWriteBacks.matches(20, TimeUnit.SECONDS)).isTrue();
        assertThat(version(mover.patientId())).as("the same change replayed again writes nothing").isEqualTo(patientVersion + 1);
    }

    @ParameterizedTest
    @EnumSource(value = SimulatorFaults.Fault.class, names = {"HTML_PAGE", "INVALID_JSON"})
    void resumesTheSyncWhereItStoppedWhenTheServerAnswersGarbage(SimulatorFaults.Fault fault) throws Exception {
        LinkedResident patientOfAClinic = linkedResident(fault == SimulatorFaults.Fault.HTML_PAGE ? 4 : 5);
        String newPhone = fault == SimulatorFaults.Fault.HTML_PAGE ? "0935111222" : "0935333444";
        simulator.faults().failAll(fault);

        Patient clinic = patient(patientOfAClinic.patientId());
        PatientMapper.applyPhone(clinic, newPhone);
        simulator.store(clinic);

        Message parked = parkedMessage(HubErrorHandling.FAILED_ROUTE + " = 'health-notification-apply' AND "
                + HubErrorHandling.FAILURE_REASON + " LIKE '%" + (fault == SimulatorFaults.Fault.HTML_PAGE ? "text/html" : "not valid JSON") + "%'");
        assertThat(parked.getStringProperty(HubErrorHandling.FAILURE_REASON)).contains("FhirServerException");
        assertThat(storedRecord(healthPatient(patientOfAClinic.patientId())).orElseThrow().phone()).isNotEqualTo(newPhone);

        simulator.faults().clear();
        await().atMost(Duration.ofSeconds(30)).until(() -> newPhone.equals(
                storedRecord(healthPatient(patientOfAClinic.patientId())).orElseThrow().phone()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not JSON                 | INVALID_JSON",
            "a reference to nowhere   | UNKNOWN_REFERENCE",
            "a Patient without a name | has no usable name",
    })
    void refusesABadBundleIntoFailedWithAReasonFile(String what, String reason) throws Exception {
        String name = "bad-" + UUID.randomUUID().toString().substring(0, 8) + ".json";
        // other slices keep syncing into the shared vault: count the health system's own records only
        long healthRecords = vault.sourceRecordCount(SourceSystem.HEALTH);

        dropIntoInbox(name, switch (what.strip()) {
            case "not JSON" -> "<Bundle xmlns=\"http://hl7.org/fhir\"/>";
            case "a reference to nowhere" -> {
                Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
                Immunization dose = new Immunization().setStatus(Immunization.ImmunizationStatus.COMPLETED)
                        .setPatient(new Reference("urn:uuid:" + UUID.randomUUID()));
                dose.getVaccineCode().setText("Sởi");
                bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(dose)
                        .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Immunization");
                yield FhirR4.encode(bundle);
            }
            default -> {
                Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
                bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(new Patient().setGender(
                        org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.FEMALE)).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
                yield FhirR4.encode(bundle);
            }
        });

        Path failed = inbox().resolve(".failed");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(failed.resolve(name + ".reason.txt")) && Files.exists(failed.resolve(name)));
        assertThat(Files.readString(failed.resolve(name + ".reason.txt"))).contains(reason);
        assertThat(inbox().resolve(".done").resolve(name)).doesNotExist();
        assertThat(vault.sourceRecordCount(SourceSystem.HEALTH)).isEqualTo(healthRecords);
    }

    // ------------------------------------------------------------------ helpers

    /** A resident whose one Patient is linked to their registry citizen by a trustworthy ID. */
    record LinkedResident(Person person, String patientId, String citizenId) {
    }

    /**
     * The {@code slot}th such resident, from the 100th person on (the population tests use the first ones):
     * each test moves its own person.
     */
    LinkedResident linkedResident(int slot) {
        Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < population.people().size(); i++) {
            index.put(population.people().get(i).personKey(), i);
        }
        List<LinkedResident> found = new java.util.ArrayList<>();
        for (Patient patient : seededPatients()) {
            String id = patient.getIdElement().getIdPart();
            Optional<Person> person = personOf(id);
            if (person.isEmpty() || person.get().dateOfDeath() != null || index.get(person.get().personKey()) < 100
                    || !mapper.toCitizenRecord(patient, Instant.now()).hasTrustworthyPersonalId()) {
                continue;
            }
            String citizen = citizenOf(healthPatient(id).key());
            List<CitizenRecord> records = vault.sourceRecordsOf(citizen);
            if (records.stream().filter(r -> r.provenance().sourceSystem() == SourceSystem.HEALTH).count() == 1
                    && records.stream().anyMatch(r -> r.provenance().sourceRecordId().equals(person.get().personalId()))) {
                found.add(new LinkedResident(person.get(), id, citizen));
            }
        }
        assertThat(found).hasSizeGreaterThan(slot);
        return found.get(slot);
    }

    /** A living adult resident (from the 100th person on) the FHIR server has no Patient of. */
    Person residentWithoutPatient() {
        return population.people().stream().skip(100)
                .filter(p -> p.dateOfDeath() == null && p.dateOfBirth().isBefore(LocalDate.of(2000, 1, 1)))
                .filter(p -> patientsOnServer(p).isEmpty())
                .filter(p -> vault.findByPersonalId(p.personalId()).isPresent())
                .findFirst().orElseThrow();
    }

    List<Patient> patientsOnServer(Person person) {
        return simulator.repository().search("Patient", r -> person.personalId().equals(
                mapper.personalIdOf((Patient) r).orElse(null))).stream().map(Patient.class::cast).toList();
    }

    Patient patient(String id) {
        return (Patient) simulator.repository().read("Patient", id).orElseThrow();
    }

    long version(String patientId) {
        return Long.parseLong(patient(patientId).getMeta().getVersionId());
    }

    Address homeOf(Patient patient) {
        return mapper.toCitizenRecord(patient, Instant.now()).record().permanentAddress();
    }

    static SourceRef healthPatient(String id) {
        return new SourceRef(SourceSystem.HEALTH, "Patient/" + id);
    }

    static Person moved(Person p, Address home, String phone) {
        return new Person(p.personKey(), p.personalId(), p.name(), p.sex(), p.dateOfBirth(), p.placeOfOrigin(),
                p.householdId(), p.relationToHead(), home, phone, p.email(), p.dateOfDeath());
    }

    /** A clinic's transaction bundle: the resident's Patient and a driver health-check certificate, by urn:uuid. */
    String bundleOf(Person resident, String patientUuid) {
        Patient patient = mapper.toPatient(new CitizenRecord(new Provenance(SourceSystem.HEALTH, "clinic", Instant.now()),
                resident.personalId(), null, resident.name(), PartialDate.of(resident.dateOfBirth()), resident.sex(), null,
                resident.permanentAddress(), null, null, resident.phone(), null, null));
        LocalDate examined = LocalDate.of(2025, 8, 20);
        DiagnosticReport certificate = HealthCheckCertificateMapper.toFhir(new HealthCheckCertificate("urn:uuid:" + patientUuid,
                examined, examined, examined.plusYears(1).minusDays(1), DrivingFitness.FIT, "B",
                "Đủ điều kiện sức khỏe lái xe hạng B", new Provenance(SourceSystem.HEALTH, "clinic", Instant.now())));
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        bundle.addEntry().setFullUrl("urn:uuid:" + patientUuid).setResource(patient)
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(certificate)
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("DiagnosticReport");
        return FhirR4.encode(bundle);
    }

    Path inbox() {
        return DATA_DIR.resolve("inbox/fhir");
    }

    /** Writes the file beside the inbox and moves it in, as a clinic's upload should. */
    void dropIntoInbox(String name, String content) throws Exception {
        Files.createDirectories(inbox());
        Path staged = Files.writeString(DATA_DIR.resolve(name + ".part"), content);
        Files.move(staged, inbox().resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Puts a parked message back on the dead-letter queue and asks operations to replay it. */
    void replay(Message parked) {
        JmsTemplate jms = new JmsTemplate(connectionFactory);
        jms.send("hub.dead-letter", s -> {
            Message copy = s.createTextMessage(((TextMessage) parked).getText());
            for (String name : List.of("citizenId", HubErrorHandling.FAILURE_REASON, HubErrorHandling.FAILED_ROUTE,
                    HubErrorHandling.REPLAY_TO)) {
                copy.setStringProperty(name, parked.getStringProperty(name));
            }
            return copy;
        });
        assertThat(http.postForObject("/api/operations/dead-letters/replay", null, String.class)).startsWith("replayed");
    }

    static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static JsonNode json(String text) throws Exception {
        return VaultJson.mapper().readTree(text);
    }


    /** The Patients the simulator was loaded with (not the ones tests create). */
    List<Patient> seededPatients() {
        return simulator.repository().search("Patient", r -> simulator.personKeyOf(r.getIdElement().getIdPart()).isPresent())
                .stream().map(Patient.class::cast).sorted(Comparator.comparing(p -> p.getIdElement().getIdPart())).toList();
    }

    Optional<Person> personOf(String patientId) {
        Map<String, Person> byKey = population.people().stream().collect(Collectors.toMap(Person::personKey, Function.identity()));
        return simulator.personKeyOf(patientId).map(byKey::get);
    }

    Optional<CitizenRecord> storedRecord(SourceRef source) {
        List<String> citizens = jdbc.queryForList("SELECT citizen_id FROM source_record WHERE source_key = :key",
                Map.of("key", source.key()), String.class);
        return citizens.stream().findFirst().flatMap(c -> vault.sourceRecordsOf(c).stream()
                .filter(r -> r.sourceRef().equals(source)).findFirst());
    }

    String citizenOf(String sourceKey) {
        return jdbc.queryForObject("SELECT citizen_id FROM source_record WHERE source_key = :key", Map.of("key", sourceKey), String.class);
    }

    ResponseEntity<String> notify(HttpMethod method, String path, String secret, String contentType, String body) {
        HttpHeaders headers = new HttpHeaders();
        if (secret != null) {
            headers.add(HealthSubscriptions.SECRET_HEADER, secret);
        }
        if (contentType != null) {
            headers.add(HttpHeaders.CONTENT_TYPE, contentType);
        }
        return http.exchange(HealthSubscriptions.CALLBACK_PATH + path, method, new HttpEntity<>(body, headers), String.class);
    }

    /** Takes one parked message matching the selector off the dead-letter queue. */
    Message parkedMessage(String selector) throws Exception {
        try (Session s = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageConsumer consumer = s.createConsumer(s.createQueue("hub.dead-letter"), selector)) {
            Message parked = consumer.receive(30_000);
            assertThat(parked).as("parked message where " + selector).isNotNull();
            return parked;
        }
    }
}
