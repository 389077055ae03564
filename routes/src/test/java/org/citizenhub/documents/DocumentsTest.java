package org.citizenhub.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.citizenhub.HubIntegrationTest;
import org.citizenhub.Schemas;
import org.citizenhub.connectors.vault.DocumentStore;
import org.citizenhub.connectors.vault.DocumentStore.StoredDocument;
import org.citizenhub.connectors.vault.VaultJson;
import org.citizenhub.connectors.vault.VaultStore;
import org.citizenhub.mappings.citizen.Address;
import org.citizenhub.mappings.citizen.CitizenRecord;
import org.citizenhub.mappings.citizen.Mapped;
import org.citizenhub.mappings.citizen.PartialDate;
import org.citizenhub.mappings.citizen.PersonName;
import org.citizenhub.mappings.citizen.Provenance;
import org.citizenhub.mappings.citizen.Sex;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.documents.PemKeys;
import org.citizenhub.mappings.documents.TokenVerifier;
import org.citizenhub.operations.HubErrorHandling;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jms.core.JmsTemplate;

/**
 * Results and reusable documents through the running hub: the portal publishes over REST and JMS, reads the
 * documents and the PDFs back, and a scanner verifies the QR codes online and offline. Each test uses citizens
 * of its own (personal IDs that the synthetic population does not issue).
 */
class DocumentsTest extends HubIntegrationTest {

    private static final String NHUNG = "048196987601";
    private static final String MINH = "048092987602";
    private static final String NOBODY = "048090987609";

    TestRestTemplate http;
    @Autowired TestRestTemplate anonymous;

    /** The portal calls /api/portal/** with its own account (role PORTAL); scanners verify anonymously. */
    @Autowired
    void portalAccount(TestRestTemplate rest) {
        http = rest.withBasicAuth(PORTAL_ACCOUNT, PORTAL_PASSWORD);
    }
    @Autowired VaultStore vault;
    @Autowired DocumentStore documents;
    @Autowired ConnectionFactory connectionFactory;

    @BeforeEach
    void citizensAreInTheVault() {
        for (var person : List.of(new Object[] {NHUNG, new PersonName("Nguyễn", "Thị Hồng", "Nhung"), Sex.FEMALE, "1996-07-04"},
                new Object[] {MINH, new PersonName("Trần", "Quang", "Minh"), Sex.MALE, "1992-01-30"})) {
            String id = (String) person[0];
            if (vault.findByPersonalId(id).isEmpty()) {
                vault.upsert(List.of(new Mapped(new CitizenRecord(new Provenance(SourceSystem.POPULATION, id, Instant.now()), id, null,
                        (PersonName) person[1], PartialDate.parse((String) person[3]), (Sex) person[2], "Đà Nẵng",
                        new Address("12", "Bạch Đằng", "Phường Hải Châu", "20194", "", "Thành phố Đà Nẵng", null), null, null,
                        null, null, null), List.of())));
            }
        }
    }

    static String result(String personalId, String number, String licenceClass, byte[] pdf) {
        return """
                {"personalId": "%s", "procedure": "driving-licence-renewal", "documentType": "DRIVING_LICENCE",
                 "documentNumber": "%s", "issuer": "Sở Xây dựng thành phố Đà Nẵng", "issuedOn": "2026-01-15",
                 "validUntil": "2036-01-15", "data": {"licenceClass": "%s"}%s}
                """.formatted(personalId, number, licenceClass,
                pdf == null ? "" : ", \"pdfBase64\": \"" + Base64.getEncoder().encodeToString(pdf) + "\"");
    }

    private ResponseEntity<String> publish(String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.postForEntity("/api/portal/results", new HttpEntity<>(json, headers), String.class);
    }

    private static JsonNode json(String text) throws Exception {
        return VaultJson.mapper().readTree(text);
    }

    private static Set<ValidationMessage> validate(String schemaName, String json) throws Exception {
        return Schemas.validate(schemaName, json);
    }

    private static byte[] realPdf() throws Exception {
        try (PDDocument pdf = new PDDocument()) {
            pdf.addPage(new PDPage());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pdf.save(out);
            return out.toByteArray();
        }
    }

    @Test
    void aResultPublishedOverRestIsStoredOnceAndServedBackWithItsPdfAndCertificate() throws Exception {
        byte[] issued = realPdf();

        ResponseEntity<String> stored = publish(result(NHUNG, "480196987601", "B", issued));
        ResponseEntity<String> again = publish(result(NHUNG, "480196987601", "B", issued));

        assertThat(stored.getStatusCode().value()).isEqualTo(201);
        assertThat(validate("portal-result-reply.schema.json", stored.getBody())).isEmpty();
        String documentId = json(stored.getBody()).get("documentId").asText();
        assertThat(again.getStatusCode().value()).isEqualTo(200);
        assertThat(json(again.getBody()).get("status").asText()).isEqualTo("UNCHANGED");
        assertThat(json(again.getBody()).get("documentId").asText()).isEqualTo(documentId);

        JsonNode list = json(http.getForObject("/api/portal/citizens/" + NHUNG + "/documents", String.class));
        assertThat(list.get("documents")).singleElement().satisfies(d -> {
            assertThat(d.get("id").asText()).isEqualTo(documentId);
            assertThat(d.get("documentType").asText()).isEqualTo("DRIVING_LICENCE");
            assertThat(d.get("data").get("licenceClass").asText()).isEqualTo("B");
            assertThat(d.get("hasPdf").asBoolean()).isTrue();
        });
        ResponseEntity<byte[]> pdf = http.getForEntity("/api/portal/documents/" + documentId + "/pdf", byte[].class);
        assertThat(pdf.getHeaders().getContentType()).hasToString("application/pdf");
        assertThat(pdf.getBody()).isEqualTo(issued);

        ResponseEntity<byte[]> certificate = http.getForEntity("/api/portal/documents/" + documentId + "/certificate.pdf", byte[].class);
        assertThat(certificate.getStatusCode().value()).isEqualTo(200);
        assertThat(certificate.getHeaders().getContentType()).hasToString("application/pdf");
        assertThat(PdfPages.text(certificate.getBody())).contains("Nguyễn Thị Hồng Nhung", "Giấy phép lái xe", "480196987601");
        String token = PdfPages.qrCode(certificate.getBody());

        String verdict = anonymous.getForObject("/api/verify/" + token, String.class);
        assertThat(json(verdict).get("valid").asBoolean()).isTrue();
        assertThat(json(verdict).get("documentType").asText()).isEqualTo("DRIVING_LICENCE");
        assertThat(json(verdict).get("documentStatus").asText()).isEqualTo("ACTIVE");
        assertThat(verdict).doesNotContain(NHUNG, "Nhung", "480196987601", documentId, vault.findByPersonalId(NHUNG).orElseThrow().citizenId());

        // a correction supersedes: the certificate printed before no longer verifies online
        ResponseEntity<String> corrected = publish(result(NHUNG, "480196987601", "C", issued));
        assertThat(json(corrected.getBody()).get("status").asText()).isEqualTo("SUPERSEDED");
        JsonNode after = json(anonymous.getForObject("/api/verify/" + token, String.class));
        assertThat(after.get("valid").asBoolean()).isFalse();
        assertThat(after.get("reason").asText()).isEqualTo("SUPERSEDED");
        assertThat(http.getForEntity("/api/portal/documents/" + documentId + "/certificate.pdf", String.class).getStatusCode().value())
                .isEqualTo(409);
    }

    @Test
    void theDataSheetRendersTheGoldenRecordAndItsQrVerifiesOfflineWithThePublishedKey() throws Exception {
        ResponseEntity<byte[]> sheet = http.getForEntity("/api/portal/citizens/" + NHUNG + "/data-sheet.pdf", byte[].class);

        assertThat(sheet.getStatusCode().value()).isEqualTo(200);
        assertThat(PdfPages.text(sheet.getBody())).contains("Nguyễn Thị Hồng Nhung", "Thành phố Đà Nẵng", "Nữ / Female", NHUNG);
        String pem = anonymous.getForObject("/api/documents/signing-key", String.class);
        assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----");
        TokenVerifier.Check offline = new TokenVerifier(PemKeys.readPublicKey(pem)).check(PdfPages.qrCode(sheet.getBody()), Instant.now());
        assertThat(offline.valid()).isTrue();
        assertThat(http.getForEntity("/api/portal/citizens/" + NOBODY + "/data-sheet.pdf", String.class).getStatusCode().value())
                .isEqualTo(404);
        assertThat(http.getForEntity("/api/portal/citizens/12/data-sheet.pdf", String.class).getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void badResultsOverRestGetAnErrorCodeAndAreNotStored() throws Exception {
        record Case(String body, int status, String code) {
        }
        List<Case> cases = List.of(
                new Case("{\"personalId\": ", 400, "MALFORMED_RESULT"),
                new Case(result(MINH, "480092987602", "B", null).replace("\"issuer\"", "\"issuedBy\""), 400, "MALFORMED_RESULT"),
                new Case(result(NOBODY, "480090987609", "B", null), 422, "UNKNOWN_CITIZEN"),
                new Case(result(MINH, "480092987602", "B", "<html>not a PDF</html>".getBytes()), 400, "NOT_A_PDF"),
                new Case(result("04809298760", "480092987602", "B", null), 400, "INVALID_ID"));

        for (Case c : cases) {
            ResponseEntity<String> answer = publish(c.body());
            assertThat(answer.getStatusCode().value()).as(c.code()).isEqualTo(c.status());
            assertThat(json(answer.getBody()).get("error").get("code").asText()).isEqualTo(c.code());
            assertThat(validate("portal-result-reply.schema.json", answer.getBody())).isEmpty();
            assertThat(answer.getBody()).doesNotContain(MINH, NOBODY);
        }
        assertThat(documents.documentsOf(vault.findByPersonalId(MINH).orElseThrow().citizenId()))
                .noneMatch(d -> d.documentNumber().equals("480092987602"));
    }

    @Test
    void resultsFromTheQueueAreStoredAndBadOnesParkedWithTheirReason() throws Exception {
        JmsTemplate jms = new JmsTemplate(connectionFactory);
        String minhId = vault.findByPersonalId(MINH).orElseThrow().citizenId();

        jms.convertAndSend(DocumentRoutes.RESULTS_QUEUE, result(MINH, "480092987700", "A1", realPdf()));
        jms.send(DocumentRoutes.RESULTS_QUEUE, s -> withCase(s.createTextMessage(result(NOBODY, "480090987700", "B", null)), "docs-unknown"));
        jms.send(DocumentRoutes.RESULTS_QUEUE, s -> withCase(s.createTextMessage("not json at all"), "docs-garbage"));
        jms.send(DocumentRoutes.RESULTS_QUEUE, s -> withCase(s.createTextMessage(
                result(MINH, "480092987701", "B", "%PDF-1.4 but cut".getBytes())), "docs-not-pdf"));

        await().atMost(Duration.ofSeconds(30)).until(() -> documents.documentsOf(minhId).stream()
                .anyMatch(d -> d.documentNumber().equals("480092987700")));
        StoredDocument stored = documents.documentsOf(minhId).stream().filter(d -> d.documentNumber().equals("480092987700")).findFirst()
                .orElseThrow();
        assertThat(stored.hasPdf()).isTrue();
        assertThat(stored.procedure()).isEqualTo("driving-licence-renewal");

        Message unknown = parked("docs-unknown");
        assertThat(unknown.getStringProperty(HubErrorHandling.FAILURE_REASON)).startsWith("RejectedResultException: UNKNOWN_CITIZEN")
                .doesNotContain(NOBODY);
        assertThat(unknown.getStringProperty(HubErrorHandling.FAILED_ROUTE)).isEqualTo("portal-results-store");
        assertThat(unknown.getStringProperty(HubErrorHandling.REPLAY_TO)).isEqualTo(DocumentRoutes.RESULTS_QUEUE);
        assertThat(((TextMessage) unknown).getText()).as("the result is parked whole").isEqualTo(result(NOBODY, "480090987700", "B", null));
        assertThat(parked("docs-garbage").getStringProperty(HubErrorHandling.FAILURE_REASON)).contains("MALFORMED_RESULT");
        assertThat(parked("docs-not-pdf").getStringProperty(HubErrorHandling.FAILURE_REASON)).contains("NOT_A_PDF");
        assertThat(documents.documentsOf(minhId)).noneMatch(d -> d.documentNumber().equals("480092987701"));
    }

    @Test
    void theVerifyEndpointAnswersGarbageWithAVerdict() throws Exception {
        JsonNode verdict = json(anonymous.getForObject("/api/verify/not-a-token", String.class));

        assertThat(verdict.get("valid").asBoolean()).isFalse();
        assertThat(verdict.get("reason").asText()).isEqualTo("MALFORMED");
        assertThat(verdict.has("documentType")).isFalse();
    }

    @Test
    void theResultContractsExamplesConformAndABrokenResultDoesNot() throws Exception {
        JsonNode examples = json(Files.readString(Path.of("../contracts/portal-result.schema.json"))).get("examples");
        for (JsonNode example : examples) {
            assertThat(validate("portal-result.schema.json", example.toString())).isEmpty();
        }
        assertThat(validate("portal-result.schema.json", "{\"personalId\": \"048196987601\", \"documentType\": \"driving\"}")).isNotEmpty();
    }

    private static Message withCase(Message message, String testCase) throws jakarta.jms.JMSException {
        message.setStringProperty("testCase", testCase);
        return message;
    }

    private Message parked(String testCase) throws Exception {
        try (var connection = connectionFactory.createConnection()) {
            connection.start();
            try (Session s = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                 MessageConsumer consumer = s.createConsumer(s.createQueue("hub.dead-letter"), "testCase = '" + testCase + "'")) {
                Message parked = consumer.receive(30_000);
                assertThat(parked).as("parked " + testCase).isNotNull();
                return parked;
            }
        }
    }
}
