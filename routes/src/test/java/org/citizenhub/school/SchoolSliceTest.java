package org.citizenhub.school;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.citizenhub.HubIntegrationTest;
import org.citizenhub.connectors.vault.SchoolUtilityStore;
import org.citizenhub.connectors.vault.SchoolUtilityStore.RowRejection;
import org.citizenhub.connectors.vault.SchoolUtilityStore.TermFileDelivery;
import org.citizenhub.connectors.vault.VaultJson;
import org.citizenhub.connectors.vault.VaultStore;
import org.citizenhub.mappings.citizen.GoldenCitizen;
import org.citizenhub.mappings.citizen.SourceRef;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.school.SchoolResult;
import org.citizenhub.population.PopulationIngest;
import org.citizenhub.sandbox.school.SchoolSimulator;
import org.citizenhub.sandbox.school.TermFileFault;
import org.citizenhub.sandbox.synthetic.Person;
import org.citizenhub.sandbox.synthetic.Population;
import org.citizenhub.sandbox.synthetic.SyntheticDataset;
import org.citizenhub.sandbox.synthetic.ViewFields.School;
import org.citizenhub.sandbox.synthetic.ViewRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/** The school slice end to end: term files in the inbox → route → vault (linked students, results, guardians). */
class SchoolSliceTest extends HubIntegrationTest {

    private static final Duration INGESTED = Duration.ofSeconds(120);

    @Autowired SchoolSimulator school;
    @Autowired @Qualifier("schoolAndUtilityViews") SyntheticDataset views;
    @Autowired Population population;
    @Autowired PopulationIngest populationIngest;
    @Autowired SchoolProperties properties;
    @Autowired SchoolUtilityStore store;
    @Autowired HouseholdGuardians guardians;
    @Autowired VaultStore vault;
    @Autowired TestRestTemplate http;
    @Autowired CamelContext camel;

    private Path inbox;
    private Map<String, Person> people;

    @BeforeEach
    void termFilesOfTheStartAreIngested() {
        inbox = Path.of(properties.inbox());
        people = population.people().stream().collect(Collectors.toMap(Person::personKey, Function.identity()));
        await().atMost(INGESTED).until(populationIngest::changeFeedReady);
        await().atMost(INGESTED).until(() -> store.schoolResultCount() >= pupils().size() && inboxIsEmpty());
    }

    @Test
    void ingestsEveryTermFileOnStartAndLinksStudentsWithAnIdToTheirCitizen() {
        ViewRecord pupil = pupils().stream().filter(this::carriesTheirOwnPersonalId).findFirst().orElseThrow();
        Person person = people.get(pupil.personKey());

        GoldenCitizen golden = vault.findByPersonalId(person.personalId()).orElseThrow();

        assertThat(golden.sourceRecords()).contains(new SourceRef(SourceSystem.POPULATION, person.personalId()),
                new SourceRef(SourceSystem.SCHOOL, pupil.recordId()));
        assertThat(store.schoolResultsOf(golden.citizenId())).extracting(SchoolResult::studentCode).contains(pupil.recordId());
        assertThat(store.studentsLinkedToResidents()).isGreaterThan(pupils().size() / 4);
        assertThat(store.termFiles(500)).filteredOn(d -> d.status().equals(SchoolIngest.INGESTED))
                .extracting(TermFileDelivery::fileName).allMatch(name -> name.startsWith("hoc-ba_"));
    }

    @Test
    void answersACitizensSchoolRecordsOverRest() throws Exception {
        ViewRecord pupil = pupils().stream().filter(this::carriesTheirOwnPersonalId).findFirst().orElseThrow();
        String citizenId = vault.findByPersonalId(people.get(pupil.personKey()).personalId()).orElseThrow().citizenId();

        ResponseEntity<String> found = http.getForEntity("/api/citizens/" + citizenId + "/school-records", String.class);
        ResponseEntity<String> unknown = http.getForEntity("/api/citizens/no-such-citizen/school-records", String.class);

        assertThat(found.getStatusCode().value()).isEqualTo(200);
        JsonNode results = VaultJson.mapper().readTree(found.getBody()).path("results");
        assertThat(results).extracting(r -> r.path("studentCode").asText()).contains(pupil.recordId());
        assertThat(results.get(0).path("schoolYear").path("startYear").asInt()).isEqualTo(2025);
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void linksAGuardianThroughTheStudentsHousehold() {
        // a pupil linked by personal ID whose guardian, as the row names them, lives in the pupil's household
        ViewRecord pupil = pupils().stream().filter(this::carriesTheirOwnPersonalId)
                .filter(p -> householdMemberNamed(p).isPresent()).findFirst().orElseThrow();
        Person guardian = householdMemberNamed(pupil).orElseThrow();

        GoldenCitizen guardianGolden = vault.findByPersonalId(guardian.personalId()).orElseThrow();

        assertThat(guardians.studentsGuardedBy(guardianGolden)).contains(pupil.recordId());
        GoldenCitizen pupilGolden = vault.findByPersonalId(people.get(pupil.personKey()).personalId()).orElseThrow();
        assertThat(guardians.studentsGuardedBy(pupilGolden)).as("a pupil is nobody's guardian").isEmpty();
    }

    @Test
    void theSameTermFilesDeliveredAgainChangeNothing() {
        ViewRecord pupil = pupils().get(20);
        String rowKey = "2025-2026/" + pupil.recordId();
        String deliveredBy = store.schoolResult(rowKey).orElseThrow().deliveryKey();
        // other slices keep syncing into the shared vault: count the school's own records only
        long sourceRecords = vault.sourceRecordCount(SourceSystem.SCHOOL);
        long duplicatesBefore = deliveries(SchoolIngest.DUPLICATE).size();
        NotifyBuilder taken = new NotifyBuilder(camel).fromRoute("school-term-file-ingest").whenCompleted(1).create();

        List<Path> again = school.writeTermFiles(inbox);

        assertThat(taken.matches(60, TimeUnit.SECONDS)).isTrue();
        await().atMost(INGESTED).until(() -> deliveries(SchoolIngest.DUPLICATE).size() == duplicatesBefore + again.size());
        assertThat(store.schoolResult(rowKey).orElseThrow().deliveryKey()).isEqualTo(deliveredBy);
        assertThat(vault.sourceRecordCount(SourceSystem.SCHOOL)).isEqualTo(sourceRecords);
        assertThat(store.schoolResultCount()).isEqualTo(pupils().size());
    }

    @Test
    void reportsBadRowsOneByOneKeepsTheGoodOnesAndACorrectionSupersedesThem() {
        Path faulty = school.writeFaultyTermFile(inbox, TermFileFault.BAD_ROWS);

        TermFileDelivery report = await().atMost(INGESTED).until(() -> latestDeliveryOf(faulty), Optional::isPresent).orElseThrow();

        assertThat(report.status()).isEqualTo(SchoolIngest.INGESTED);
        assertThat(report.rowsRead()).isEqualTo(10);
        assertThat(report.rowsStored()).isEqualTo(5);
        assertThat(report.rowsRejected()).isEqualTo(5);
        List<RowRejection> rejected = store.rowRejectionsOf(report.deliveryId());
        assertThat(rejected).extracting(RowRejection::line).containsExactly(7, 8, 9, 10, 11);
        assertThat(rejected).extracting(RowRejection::reason).containsExactly(
                "averageScore must be a number from 0 to 10",
                "school is not in the school directory",
                "birthDate is not a calendar date (dd/MM/yyyy)",
                "row has an unterminated quoted field",
                "row has 11 fields, the header has 12");
        assertThat(rejected).extracting(RowRejection::rowKey).startsWith("2025-2026/" + pupils().get(5).recordId());
        for (ViewRecord good : pupils().subList(0, 5)) {
            assertThat(store.schoolResult("2025-2026/" + good.recordId()).orElseThrow().deliveryKey()).isEqualTo(report.deliveryKey());
        }
        assertThat(store.schoolResult("2025-2026/" + pupils().get(5).recordId()).orElseThrow().deliveryKey())
                .as("a rejected row leaves the stored result as it was").isNotEqualTo(report.deliveryKey());

        Path corrected = school.writeCorrectedTermFile(inbox);
        TermFileDelivery correction = await().atMost(INGESTED).until(() -> latestDeliveryOf(corrected), Optional::isPresent).orElseThrow();

        assertThat(correction.status()).isEqualTo(SchoolIngest.INGESTED);
        assertThat(correction.rowsStored()).isEqualTo(10);
        assertThat(store.rowRejectionsOf(correction.deliveryId())).isEmpty();
        for (ViewRecord pupil : pupils().subList(0, 10)) {
            SchoolUtilityStore.StoredSchoolResult stored = store.schoolResult("2025-2026/" + pupil.recordId()).orElseThrow();
            assertThat(stored.deliveryKey()).isEqualTo(correction.deliveryKey());
            assertThat(stored.result().school()).isEqualTo(pupil.field(School.SCHOOL));
        }
    }

    @Test
    void refusesAFileInALegacyEncodingOrAWorkbookWholeWithItsReason() throws Exception {
        Path legacy = school.writeFaultyTermFile(inbox, TermFileFault.NOT_UTF8);
        TermFileDelivery refusedLegacy = await().atMost(INGESTED).until(() -> latestDeliveryOf(legacy), Optional::isPresent).orElseThrow();
        Path workbook = school.writeFaultyTermFile(inbox, TermFileFault.NOT_CSV);
        TermFileDelivery refusedWorkbook = await().atMost(INGESTED).until(() -> latestDeliveryOf(workbook), Optional::isPresent).orElseThrow();

        assertThat(refusedLegacy.status()).isEqualTo(SchoolIngest.REFUSED);
        assertThat(refusedLegacy.reason()).startsWith("term file is not UTF-8");
        assertThat(refusedLegacy.rowsStored()).isZero();
        assertThat(refusedWorkbook.status()).isEqualTo(SchoolIngest.REFUSED);
        assertThat(refusedWorkbook.reason()).startsWith("term file is a ZIP archive");
        await().atMost(Duration.ofSeconds(20)).until(() -> failedFiles().stream()
                .anyMatch(f -> f.endsWith(legacy.getFileName().toString())) && failedFiles().stream()
                .anyMatch(f -> f.endsWith(workbook.getFileName().toString())));
        assertThat(inbox.resolve(legacy.getFileName())).doesNotExist();

        JsonNode listed = VaultJson.mapper().readTree(http.getForObject("/api/school/term-files", String.class));
        assertThat(listed.path("deliveries")).anySatisfy(d -> {
            assertThat(d.path("delivery").path("fileName").asText()).isEqualTo(legacy.getFileName().toString());
            assertThat(d.path("delivery").path("reason").asText()).startsWith("term file is not UTF-8");
        });
    }

    // ------------------------------------------------------------------ helpers

    private List<ViewRecord> pupils() {
        return views.view(SourceSystem.SCHOOL);
    }

    private boolean carriesTheirOwnPersonalId(ViewRecord pupil) {
        Person person = people.get(pupil.personKey());
        return person != null && person.personalId().equals(pupil.field(School.PERSONAL_ID));
    }

    /** The member of the pupil's household whose name is the row's guardian name, as the register writes it. */
    private Optional<Person> householdMemberNamed(ViewRecord pupil) {
        Person child = people.get(pupil.personKey());
        String guardianName = pupil.field(School.GUARDIAN_NAME);
        return population.people().stream()
                .filter(p -> p.householdId().equals(child.householdId()) && p != child && p.dateOfDeath() == null)
                .filter(p -> HouseholdGuardians.nameKey(p.name()).equals(
                        HouseholdGuardians.nameKey(org.citizenhub.mappings.citizen.PersonName.parseFamilyFirst(guardianName.isBlank()
                                ? "-" : guardianName))))
                .findFirst();
    }

    private List<TermFileDelivery> deliveries(String status) {
        return store.termFiles(1_000).stream().filter(d -> d.status().equals(status)).toList();
    }

    private Optional<TermFileDelivery> latestDeliveryOf(Path file) {
        return store.termFiles(1_000).stream().filter(d -> d.fileName().equals(file.getFileName().toString())).findFirst();
    }

    private boolean inboxIsEmpty() throws IOException {
        try (Stream<Path> files = Files.list(inbox)) {
            return files.noneMatch(Files::isRegularFile);
        }
    }

    private List<String> failedFiles() throws IOException {
        Path failed = inbox.resolve(".failed");
        if (!Files.isDirectory(failed)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(failed)) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }
}
