package org.citizenhub.connectors.school.simulated;

import org.citizenhub.sandbox.school.*;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.citizenhub.connectors.MalformedPayloadException;
import org.citizenhub.connectors.school.GuardianContactField;
import org.citizenhub.connectors.school.GuardianContactPolicy;
import org.citizenhub.connectors.school.GuardianContactUpdate;
import org.citizenhub.connectors.school.RejectedRow;
import org.citizenhub.connectors.school.SchoolJson;
import org.citizenhub.connectors.school.TermFile;
import org.citizenhub.connectors.school.TermFileLimits;
import org.citizenhub.connectors.school.TermFileReader;
import org.citizenhub.connectors.school.TermFileRow;
import org.citizenhub.mappings.citizen.InvalidSourceRecordException;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.school.SchoolDirectory;
import org.citizenhub.mappings.school.SchoolMapper;
import org.citizenhub.mappings.school.SchoolRecord;
import org.citizenhub.sandbox.synthetic.PopulationGenerator;
import org.citizenhub.sandbox.synthetic.SyntheticDataset;
import org.citizenhub.sandbox.synthetic.SyntheticViews;
import org.citizenhub.sandbox.synthetic.ViewFields.School;
import org.citizenhub.sandbox.synthetic.ViewRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The school simulator over real files and real HTTP, read by the hub's own reader, codec and mapper. */
class SchoolSimulatorTest {

    private static final Instant NOW = Instant.parse("2025-10-01T08:00:00Z");
    private static SyntheticDataset dataset;
    private static SchoolSimulator simulator;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final TermFileReader reader = new TermFileReader(TermFileLimits.defaults());
    private final SchoolMapper mapper = new SchoolMapper(SchoolDirectory.daNang());
    private final SchoolJson json = new SchoolJson(64 * 1024);

    @BeforeAll
    static void start() {
        dataset = SyntheticViews.generate(PopulationGenerator.generate(7L, 4_000), 7L, EnumSet.of(SourceSystem.SCHOOL), Map.of());
        simulator = SchoolSimulator.of(dataset, 0).start();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private List<ViewRecord> view() {
        return dataset.view(SourceSystem.SCHOOL);
    }

    @Test
    void theHubReadsAndMapsEveryRowOfEveryTermFile(@TempDir Path inbox) throws IOException {
        List<Path> files = simulator.writeTermFiles(inbox);

        Set<String> rowKeys = new HashSet<>();
        int rows = 0;
        for (Path file : files) {
            TermFile termFile = reader.read(file);
            assertThat(termFile.rejected()).as(file.getFileName().toString()).isEmpty();
            for (TermFileRow row : termFile.rows()) {
                mapper.map(row.record(), NOW);
                assertThat(rowKeys.add(row.rowKey())).as("row key unique across files").isTrue();
                rows++;
            }
        }
        assertThat(rows).isEqualTo(simulator.studentCount()).isEqualTo(view().size()).isGreaterThan(300);
        assertThat(files).allSatisfy(f -> assertThat(f.getFileName().toString()).matches("hoc-ba_2025-2026_truong-[a-z0-9-]+\\.csv"));
        try (Stream<Path> left = Files.list(inbox)) {
            assertThat(left).as("no half-written temporary files").allMatch(p -> p.getFileName().toString().endsWith(".csv"));
        }
    }

    @Test
    void everySchoolOfTheViewIsInTheHubsSchoolDirectory() {
        assertThat(view()).extracting(r -> r.field(School.SCHOOL))
                .allSatisfy(school -> assertThat(SchoolDirectory.daNang().find(school)).as(school).isPresent());
    }

    @Test
    void filesInALegacyEncodingOrAsWorkbooksAreRefusedWhole(@TempDir Path inbox) {
        Path legacy = simulator.writeFaultyTermFile(inbox, TermFileFault.NOT_UTF8);
        Path workbook = simulator.writeFaultyTermFile(inbox, TermFileFault.NOT_CSV);

        assertThatThrownBy(() -> reader.read(legacy)).isInstanceOf(MalformedPayloadException.class)
                .hasMessageStartingWith("term file is not UTF-8");
        assertThatThrownBy(() -> reader.read(workbook)).isInstanceOf(MalformedPayloadException.class)
                .hasMessageStartingWith("term file is a ZIP archive");
    }

    @Test
    void badRowsAreReportedOneByOneAndTheCorrectionSupersedesThem(@TempDir Path inbox) {
        TermFile faulty = reader.read(simulator.writeFaultyTermFile(inbox, TermFileFault.BAD_ROWS));

        assertThat(faulty.rejected()).extracting(RejectedRow::line).containsExactly(10, 11);
        List<String> mapperRejections = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (TermFileRow row : faulty.rows()) {
            try {
                mapper.map(row.record(), NOW);
                kept.add(row.rowKey());
            } catch (InvalidSourceRecordException e) {
                mapperRejections.add(row.line() + ": " + e.getMessage());
            }
        }
        assertThat(kept).hasSize(5);
        assertThat(mapperRejections).containsExactly(
                "7: averageScore must be a number from 0 to 10",
                "8: school is not in the school directory",
                "9: birthDate is not a calendar date (dd/MM/yyyy)");

        TermFile corrected = reader.read(simulator.writeCorrectedTermFile(inbox));
        assertThat(corrected.rejected()).isEmpty();
        assertThat(corrected.fingerprint()).isNotEqualTo(faulty.fingerprint());
        assertThat(corrected.rows()).extracting(TermFileRow::rowKey)
                .containsExactlyElementsOf(view().subList(0, 10).stream().map(r -> "2025-2026/" + r.recordId()).toList());
        corrected.rows().forEach(row -> mapper.map(row.record(), NOW));
    }

    @Test
    void looksUpAStudentAsTheTermFileHasIt() throws Exception {
        ViewRecord pupil = view().get(42);

        HttpResponse<byte[]> found = get("/students/" + pupil.recordId());
        HttpResponse<byte[]> missing = get("/students/4899999999");

        assertThat(found.statusCode()).isEqualTo(200);
        SchoolRecord record = json.readStudent(new ByteArrayInputStream(found.body()));
        assertThat(record.studentCode()).isEqualTo(pupil.recordId());
        assertThat(record.fullName()).isEqualTo(pupil.field(School.FULL_NAME));
        assertThat(record.birthDate()).isEqualTo(pupil.field(School.BIRTH_DATE));
        assertThat(record.guardianPhone()).isEqualTo(pupil.field(School.GUARDIAN_PHONE));
        assertThat(missing.statusCode()).isEqualTo(404);
    }

    @Test
    void aContactUpdateSentTwiceWithTheSameRequestIdIsAppliedOnce() throws Exception {
        String code = view().get(1).recordId();
        GuardianContactUpdate update = new GuardianContactUpdate(
                GuardianContactUpdate.requestIdFor("SCHOOL:" + code + "/guardian", "golden-1:v2"), code,
                "0905999888", "12 Lê Lợi, Phường Hải Châu, Thành phố Đà Nẵng");
        byte[] body = json.guardianContactBody(update, GuardianContactPolicy.defaults()).orElseThrow();

        HttpResponse<byte[]> first = put(SchoolJson.guardianContactPath(code), update.requestId(), body);
        HttpResponse<byte[]> again = put(SchoolJson.guardianContactPath(code), update.requestId(), body);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(text(first)).contains("\"applied\"");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(text(again)).contains("already-applied");
        assertThat(simulator.receivedContactUpdates()).filteredOn(u -> u.studentCode().equals(code))
                .containsExactly(new ReceivedGuardianContact(code, update.requestId(),
                        Map.of("guardianPhone", "0905999888", "guardianAddress", "12 Lê Lợi, Phường Hải Châu, Thành phố Đà Nẵng")));
        assertThat(simulator.duplicateContactRequests()).isGreaterThanOrEqualTo(1);
        assertThat(simulator.student(code).orElseThrow()).containsEntry("guardianPhone", "0905999888");
    }

    @Test
    void acceptsOnlyTheAllowedFields() throws Exception {
        String code = view().get(2).recordId();
        String before = simulator.student(code).orElseThrow().get("guardianPhone");
        byte[] tooMuch = "{\"guardianPhone\":\"0905111000\",\"guardianName\":\"NGUYEN VAN A\"}".getBytes(StandardCharsets.UTF_8);

        HttpResponse<byte[]> refused = put(SchoolJson.guardianContactPath(code), "req-too-much", tooMuch);

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(text(refused)).contains("field not accepted: guardianName").doesNotContain("NGUYEN");
        assertThat(simulator.receivedContactUpdates()).noneMatch(u -> u.studentCode().equals(code));
        assertThat(simulator.student(code).orElseThrow()).containsEntry("guardianPhone", before);

        GuardianContactUpdate update = new GuardianContactUpdate("req-phone-only", code, "0905111000", "12 Lê Lợi");
        byte[] phoneOnly = json.guardianContactBody(update, new GuardianContactPolicy(EnumSet.of(GuardianContactField.PHONE))).orElseThrow();
        assertThat(put(SchoolJson.guardianContactPath(code), update.requestId(), phoneOnly).statusCode()).isEqualTo(200);
        assertThat(simulator.receivedContactUpdates()).filteredOn(u -> u.studentCode().equals(code))
                .singleElement().satisfies(u -> assertThat(u.fields()).containsOnlyKeys("guardianPhone"));
    }

    @Test
    void refusesARequestIdReusedForAnotherUpdateAndAnUpdateWithoutOne() throws Exception {
        String code = view().get(3).recordId();
        byte[] one = "{\"guardianPhone\":\"0905000001\"}".getBytes(StandardCharsets.UTF_8);
        byte[] other = "{\"guardianPhone\":\"0905000002\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(put(SchoolJson.guardianContactPath(code), "req-reused", one).statusCode()).isEqualTo(200);
        assertThat(put(SchoolJson.guardianContactPath(code), "req-reused", other).statusCode()).isEqualTo(409);
        assertThat(put(SchoolJson.guardianContactPath(code), null, other).statusCode()).isEqualTo(400);
        assertThat(put(SchoolJson.guardianContactPath("4899999999"), "req-nobody", one).statusCode()).isEqualTo(404);
        assertThat(simulator.student(code).orElseThrow()).containsEntry("guardianPhone", "0905000001");
    }

    @Test
    void misbehavesOnRequestAndRecoversWithoutApplyingAnything() throws Exception {
        String code = view().get(4).recordId();
        byte[] body = "{\"guardianPhone\":\"0905000004\"}".getBytes(StandardCharsets.UTF_8);
        try {
            assertThat(admin("/admin/fault?mode=unavailable").statusCode()).isEqualTo(200);
            assertThat(put(SchoolJson.guardianContactPath(code), "req-while-down", body).statusCode()).isEqualTo(503);
            assertThat(get("/students/" + code).statusCode()).isEqualTo(503);

            simulator.setFault(SchoolSimulator.Fault.GARBAGE, Duration.ZERO);
            HttpResponse<byte[]> garbage = get("/students/" + code);
            assertThat(garbage.statusCode()).isEqualTo(200);
            assertThatThrownBy(() -> json.readStudent(new ByteArrayInputStream(garbage.body())))
                    .isInstanceOf(MalformedPayloadException.class);
        } finally {
            admin("/admin/fault?mode=none");
        }
        assertThat(simulator.receivedContactUpdates()).noneMatch(u -> u.studentCode().equals(code));
        assertThat(put(SchoolJson.guardianContactPath(code), "req-while-down", body).statusCode())
                .as("the retry after the outage is applied").isEqualTo(200);
        assertThat(simulator.receivedContactUpdates()).filteredOn(u -> u.studentCode().equals(code)).hasSize(1);
    }

    private static HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<byte[]> admin(String pathAndQuery) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + pathAndQuery))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<byte[]> put(String path, String requestId, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        if (requestId != null) {
            request.header(SchoolJson.REQUEST_ID_HEADER, requestId);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

}
