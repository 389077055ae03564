package org.citizenhub.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.citizenhub.HubIntegrationTest;
import org.citizenhub.Schemas;
import org.citizenhub.connectors.vault.AuditLog;
import org.citizenhub.connectors.vault.HealthEvidenceStore;
import org.citizenhub.connectors.vault.VaultJson;
import org.citizenhub.connectors.vault.VaultStore;
import org.citizenhub.health.HealthSync;
import org.citizenhub.mappings.citizen.CitizenRecord;
import org.citizenhub.mappings.citizen.GoldenCitizen;
import org.citizenhub.mappings.citizen.Provenance;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.health.DrivingFitness;
import org.citizenhub.mappings.health.FhirR4;
import org.citizenhub.mappings.health.HealthCheckCertificate;
import org.citizenhub.mappings.health.HealthCheckCertificateMapper;
import org.citizenhub.population.PopulationIngest;
import org.citizenhub.sandbox.agency.AgencyClient;
import org.citizenhub.sandbox.synthetic.Person;
import org.citizenhub.sandbox.synthetic.Population;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Flagship scenario 1 of the brief, end to end through the real broker, the FHIR simulator over HTTP
 * and the vault: a health centre records a driver health-check certificate in the health-record
 * system; the hub links it to the citizen; the citizen consents at the portal; the portal asks the hub
 * over JMS to pre-fill the renewal and gets identity and address from the population database, the
 * valid certificate from health records and the current licence from an earlier result — each with its
 * source and date, nothing left to declare; the new licence goes back into the vault as a document
 * (PDF + data); the citizen's access log shows the portal's use.
 */
class DrivingLicenceRenewalScenarioTest extends HubIntegrationTest {

    static final String PROCEDURE = "driving-licence-renewal";
    static final String PORTAL = "portal";
    static final String PORTAL_PASSWORD = "portal-dev-secret";
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    @Autowired PopulationIngest ingest;
    @Autowired HealthSync healthSync;
    @Autowired Population population;
    @Autowired VaultStore vault;
    @Autowired HealthEvidenceStore evidence;
    @Autowired AuditLog audit;
    @Autowired TestRestTemplate http;

    @Test
    void aCitizenRenewsADrivingLicenceWithoutDeclaringAnything() throws Exception {
        await().atMost(Duration.ofSeconds(120)).until(() -> ingest.changeFeedReady() && healthSync.firstSyncDone());
        Driver driver = aDriverWithALinkedPatient();
        LocalDate today = LocalDate.now(VIETNAM);

        // 1. a health centre records the certificate in the health-record system (FHIR, over HTTP)
        LocalDate examined = today.minusDays(5);
        DiagnosticReport report = HealthCheckCertificateMapper.toFhir(new HealthCheckCertificate("Patient/" + driver.patientId(),
                examined, examined, examined.plusMonths(12), DrivingFitness.FIT, "B", "Đủ điều kiện sức khỏe lái xe hạng B",
                new Provenance(SourceSystem.HEALTH, "clinic", Instant.now())));
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + SHARED.fhirPort() + "/fhir/DiagnosticReport"))
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(FhirR4.encode(report))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        // ... and the hub keeps it as evidence of the right citizen
        await().atMost(Duration.ofSeconds(60)).until(() -> evidence.certificatesOf(driver.citizenId()).stream()
                .anyMatch(c -> c.issued().equals(examined) && c.licenceClass().equals("B")));

        // 2. the licence being renewed, an earlier procedure's result
        publishResult(driver.person(), "DL-OLD-" + driver.person().personalId(), today.minusYears(10), today.plusDays(20), null);

        // 3. the citizen consents at the portal to the renewal's use of their data
        consent(driver.person(), "IDENTITY", "ADDRESS", "CONTACT", "HEALTH", "DOCUMENTS");

        // 4. the portal asks the hub to pre-fill the form, over JMS with its own account
        JsonNode prefill = prefillOverJms(driver.person());
        // kept for the contract's example (contracts/agency-answer.schema.json)
        java.nio.file.Files.writeString(java.nio.file.Path.of("target/prefill-answer-example.json"), prefill.toPrettyString());
        assertThat(Schemas.validate("agency-answer.schema.json", prefill)).isEmpty();
        assertThat(prefill.path("status").asText()).isEqualTo("OK");
        assertThat(prefill.path("toDeclare")).as("the citizen types nothing").isEmpty();
        assertThat(prefill.path("withheld")).isEmpty();
        for (String field : List.of("PERSONAL_ID", "NAME", "DATE_OF_BIRTH", "SEX", "PERMANENT_ADDRESS")) {
            JsonNode value = AgencyAccessTest.field(prefill, field);
            assertThat(value.path("source").asText()).as(field).isEqualTo("POPULATION");
            assertThat(value.path("verified").asBoolean()).as(field).isTrue();
            assertThat(value.path("retrievedAt").asText()).as(field).isNotBlank();
        }
        assertThat(AgencyAccessTest.field(prefill, "PERSONAL_ID").path("value").asText()).isEqualTo(driver.person().personalId());
        JsonNode certificate = evidence(prefill, "HEALTH_CHECK_CERTIFICATE");
        assertThat(certificate.path("status").asText()).isEqualTo("VALID");
        assertThat(certificate.path("source").asText()).isEqualTo("HEALTH");
        assertThat(certificate.path("issued").asText()).isEqualTo(examined.toString());
        assertThat(certificate.path("details").path("licenceClass").asText()).isEqualTo("B");
        JsonNode licence = evidence(prefill, "DRIVING_LICENCE");
        assertThat(licence.path("status").asText()).isEqualTo("VALID");
        assertThat(licence.path("details").path("documentNumber").asText()).isEqualTo("DL-OLD-" + driver.person().personalId());

        // 5. the new licence goes back into the vault as a document: structured data and its PDF
        String newNumber = "DL-NEW-" + driver.person().personalId();
        publishResult(driver.person(), newNumber, today, today.plusYears(10), licencePdf(newNumber));
        JsonNode documents = portalGet("/api/portal/citizens/" + driver.person().personalId() + "/documents");
        assertThat(documents.findValuesAsText("documentNumber")).contains(newNumber);
        JsonNode renewed = evidence(prefillOverJms(driver.person()), "DRIVING_LICENCE");
        assertThat(renewed.path("details").path("documentNumber").asText()).isEqualTo(newNumber);

        // 6. the citizen sees who used their data, and why; the access log is intact
        JsonNode disclosures = portalGet("/api/portal/citizens/" + driver.person().personalId() + "/disclosures");
        assertThat(disclosures.toString()).contains("\"portal\"", PROCEDURE, "HEALTH", "DOCUMENTS");
        assertThat(audit.verify().intact()).isTrue();
    }

    record Driver(Person person, String citizenId, String patientId) {
    }

    /** A living adult resident whose golden record holds exactly one Patient of the health system. */
    private Driver aDriverWithALinkedPatient() {
        for (Person person : population.people().subList(20, population.people().size())) {
            if (person.dateOfDeath() != null || person.dateOfBirth().getYear() > 2000) {
                continue;
            }
            GoldenCitizen golden = vault.findByPersonalId(person.personalId()).orElse(null);
            if (golden == null) {
                continue;
            }
            List<CitizenRecord> patients = vault.sourceRecordsOf(golden.citizenId()).stream()
                    .filter(r -> r.provenance().sourceSystem() == SourceSystem.HEALTH).toList();
            if (patients.size() == 1 && golden.name() != null && golden.dateOfBirth() != null && golden.sex() != null
                    && golden.permanentAddress() != null && golden.currentAddress() != null && golden.phone() != null) {
                String reference = patients.get(0).provenance().sourceRecordId();
                return new Driver(person, golden.citizenId(), reference.substring(reference.indexOf('/') + 1));
            }
        }
        throw new AssertionError("no resident with exactly one linked Patient and a complete record");
    }

    private JsonNode prefillOverJms(Person person) throws Exception {
        try (AgencyClient portal = AgencyClient.connect("tcp://127.0.0.1:" + BROKER_PORT, PORTAL, PORTAL_PASSWORD)) {
            return VaultJson.mapper().readTree(portal.request(VaultJson.write(Map.of("operation", "prefill",
                    "procedure", PROCEDURE, "personalId", person.personalId(), "requestId", "GPLX-" + person.personalId())), 10_000));
        }
    }

    private void consent(Person person, String... categories) {
        ResponseEntity<String> answer = portal().postForEntity("/api/portal/consents", json(Map.of("personalId",
                person.personalId(), "agency", PORTAL, "purpose", PROCEDURE, "categories", List.of(categories))), String.class);
        assertThat(answer.getStatusCode().is2xxSuccessful()).as(answer.getBody()).isTrue();
    }

    private void publishResult(Person person, String number, LocalDate issued, LocalDate validUntil, byte[] pdf) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("personalId", person.personalId());
        result.put("procedure", PROCEDURE);
        result.put("documentType", "DRIVING_LICENCE");
        result.put("documentNumber", number);
        result.put("issuer", "Sở Xây dựng thành phố Đà Nẵng");
        result.put("issuedOn", issued.toString());
        result.put("validUntil", validUntil.toString());
        result.put("data", Map.of("licenceClass", "B"));
        if (pdf != null) {
            result.put("pdfBase64", Base64.getEncoder().encodeToString(pdf));
        }
        ResponseEntity<String> answer = portal().postForEntity("/api/portal/results", json(result), String.class);
        assertThat(answer.getStatusCode().is2xxSuccessful()).as(answer.getBody()).isTrue();
    }

    private JsonNode portalGet(String path) throws Exception {
        ResponseEntity<String> answer = portal().getForEntity(path, String.class);
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        return VaultJson.mapper().readTree(answer.getBody());
    }

    private TestRestTemplate portal() {
        return http.withBasicAuth(PORTAL, PORTAL_PASSWORD);
    }

    private static HttpEntity<String> json(Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(VaultJson.write(body), headers);
    }

    private static JsonNode evidence(JsonNode answer, String type) {
        for (JsonNode item : answer.path("evidence")) {
            if (item.path("type").asText().equals(type)) {
                return item;
            }
        }
        throw new AssertionError("no evidence " + type + " in " + answer.path("evidence"));
    }

    /** The licence as the issuing office renders it (a real one-page PDF). */
    private static byte[] licencePdf(String number) throws Exception {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream text = new PDPageContentStream(document, page)) {
                text.beginText();
                text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 14);
                text.newLineAtOffset(72, 700);
                text.showText("Driving licence " + number + ", class B");
                text.endText();
            }
            document.save(out);
            return out.toByteArray();
        }
    }
}
