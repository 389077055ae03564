package org.citizenhub.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.EnumSet;

import com.fasterxml.jackson.databind.JsonNode;
import org.citizenhub.HubIntegrationTest;
import org.citizenhub.Schemas;
import org.citizenhub.connectors.vault.ConsentStore;
import org.citizenhub.connectors.vault.VaultJson;
import org.citizenhub.connectors.vault.VaultStore;
import org.citizenhub.mappings.disclosure.DataCategory;
import org.citizenhub.population.PopulationIngest;
import org.citizenhub.sandbox.synthetic.Population;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The portal's consent calls through the running hub: grant, revoke, list, and every kind of bad request. */
@ExtendWith(OutputCaptureExtension.class)
class ConsentApiTest extends HubIntegrationTest {

    TestRestTemplate http;

    /** The portal calls /api/portal/** with its own account (role PORTAL). */
    @Autowired
    void portalAccount(TestRestTemplate rest) {
        http = rest.withBasicAuth(PORTAL_ACCOUNT, PORTAL_PASSWORD);
    }
    @Autowired Population population;
    @Autowired PopulationIngest ingest;
    @Autowired VaultStore vault;
    @Autowired ConsentStore consents;

    @BeforeEach
    void populationLoaded() {
        await().atMost(Duration.ofSeconds(120)).until(ingest::changeFeedReady);
    }

    private ResponseEntity<String> post(String path, String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.postForEntity(path, new HttpEntity<>(json, headers), String.class);
    }

    private static JsonNode json(ResponseEntity<String> answer) throws Exception {
        return VaultJson.mapper().readTree(answer.getBody());
    }

    private static String request(String personalId, String agency, String purpose, String categories) {
        return "{\"personalId\":\"" + personalId + "\",\"agency\":\"" + agency + "\",\"purpose\":\"" + purpose
                + "\",\"categories\":" + categories + "}";
    }

    @Test
    void grantsRevokesAndListsConsentsByPersonalId(CapturedOutput output) throws Exception {
        String personalId = population.people().get(41).personalId();
        String citizenId = vault.findByPersonalId(personalId).orElseThrow().citizenId();

        ResponseEntity<String> granted = post("/api/portal/consents",
                request(personalId, "social-insurance", "social-insurance-eligibility", "[\"IDENTITY\",\"ADDRESS\"]"));

        assertThat(granted.getStatusCode().value()).as(granted.getBody()).isEqualTo(200);
        assertThat(Schemas.validate("consent-reply.schema.json", granted.getBody())).isEmpty();
        assertThat(json(granted).get("status").asText()).isEqualTo("GRANTED");
        assertThat(json(granted).get("consents")).hasSize(2);
        assertThat(granted.getBody()).doesNotContain(citizenId);
        assertThat(consents.granted(citizenId, "social-insurance", "social-insurance-eligibility"))
                .containsExactlyInAnyOrder(DataCategory.IDENTITY, DataCategory.ADDRESS);

        ResponseEntity<String> again = post("/api/portal/consents",
                request(personalId, "social-insurance", "social-insurance-eligibility", "[\"IDENTITY\"]"));
        assertThat(json(again).get("consents").get(0).get("id")).isEqualTo(json(granted).get("consents").get(0).get("id"));

        ResponseEntity<String> revoked = post("/api/portal/consents/revoke",
                request(personalId, "social-insurance", "social-insurance-eligibility", "[\"ADDRESS\"]"));

        assertThat(revoked.getStatusCode().value()).isEqualTo(200);
        assertThat(Schemas.validate("consent-reply.schema.json", revoked.getBody())).isEmpty();
        assertThat(json(revoked).get("revoked").asInt()).isEqualTo(1);
        assertThat(json(revoked).get("stillGranted").toString()).isEqualTo("[\"IDENTITY\"]");
        assertThat(consents.granted(citizenId, "social-insurance", "social-insurance-eligibility")).containsExactly(DataCategory.IDENTITY);

        ResponseEntity<String> listed = http.getForEntity("/api/portal/citizens/" + personalId + "/consents", String.class);

        assertThat(listed.getStatusCode().value()).isEqualTo(200);
        assertThat(Schemas.validate("consent-reply.schema.json", listed.getBody())).isEmpty();
        JsonNode history = json(listed).get("consents");
        assertThat(history).hasSize(2);
        for (JsonNode c : history) {
            boolean address = c.get("category").asText().equals("ADDRESS");
            assertThat(c.get("active").asBoolean()).isEqualTo(!address);
            assertThat(c.has("revokedAt")).isEqualTo(address);
            assertThat(c.get("channel").asText()).isEqualTo("portal");
        }
        assertThat(output.getAll()).as("no personal data in the log").doesNotContain(personalId, citizenId);
    }

    @Test
    void aConsentGivenOutsideThePortalIsListedToo() throws Exception {
        String personalId = population.people().get(42).personalId();
        String citizenId = vault.findByPersonalId(personalId).orElseThrow().citizenId();
        consents.grant(citizenId, "traffic-police", "driving-licence-renewal", EnumSet.of(DataCategory.HEALTH), "counter");

        JsonNode listed = json(http.getForEntity("/api/portal/citizens/" + personalId + "/consents", String.class));

        assertThat(listed.get("consents")).hasSize(1);
        assertThat(listed.get("consents").get(0).get("channel").asText()).isEqualTo("counter");
    }

    @Test
    void answersEveryKindOfBadRequestClearly(CapturedOutput output) throws Exception {
        String personalId = population.people().get(43).personalId();

        ResponseEntity<String> unknownCategory = post("/api/portal/consents",
                request(personalId, "traffic-police", "driving-licence-renewal", "[\"IDENTITY\",\"PASSPORT\"]"));
        assertThat(unknownCategory.getStatusCode().value()).isEqualTo(400);
        assertThat(json(unknownCategory).get("error").get("code").asText()).isEqualTo("UNKNOWN_CATEGORY");
        assertThat(json(unknownCategory).get("error").get("message").asText()).contains("PASSPORT", "IDENTITY, ADDRESS");

        assertError(post("/api/portal/consents", request(personalId, "Police", "p", "[\"IDENTITY\"]")), 400, "INVALID_REQUEST");
        assertError(post("/api/portal/consents", request(personalId, "traffic-police", "a".repeat(65), "[\"IDENTITY\"]")), 400,
                "INVALID_REQUEST");
        assertError(post("/api/portal/consents", request(personalId, "traffic-police", "driving-licence-renewal", "[]")), 400, "INVALID_REQUEST");
        assertError(post("/api/portal/consents", request(personalId, "traffic-police", "driving-licence-renewal", "\"IDENTITY\"")), 400, "INVALID_REQUEST");
        assertError(post("/api/portal/consents", request(personalId, "no-such-agency", "driving-licence-renewal", "[\"IDENTITY\"]")), 400,
                "UNKNOWN_AGENCY");
        assertError(post("/api/portal/consents", request(personalId, "social-insurance", "driving-licence-renewal", "[\"IDENTITY\"]")), 400,
                "NOT_A_PURPOSE_OF_THE_AGENCY");
        assertError(post("/api/portal/consents", "{not json"), 400, "MALFORMED_REQUEST");
        assertError(post("/api/portal/consents", "{\"agency\":\"traffic-police\",\"purpose\":\"driving-licence-renewal\",\"categories\":[\"IDENTITY\"]}"), 400,
                "MALFORMED_REQUEST");
        assertError(post("/api/portal/consents/revoke", request("12", "traffic-police", "driving-licence-renewal", "[\"IDENTITY\"]")), 400, "INVALID_ID");
        assertError(post("/api/portal/consents", request(personalId, "traffic-police", "driving-licence-renewal", "[\"IDENTITY\"]") + " ".repeat(17_000)), 413,
                "MESSAGE_TOO_LARGE");

        ResponseEntity<String> unknownCitizen = post("/api/portal/consents", request("048090999999", "traffic-police", "driving-licence-renewal", "[\"IDENTITY\"]"));
        assertThat(unknownCitizen.getStatusCode().value()).isEqualTo(404);
        assertThat(Schemas.validate("consent-reply.schema.json", unknownCitizen.getBody())).isEmpty();
        assertThat(http.getForEntity("/api/portal/citizens/048090999999/consents", String.class).getStatusCode().value())
                .isEqualTo(404);
        assertThat(http.getForEntity("/api/portal/citizens/abc/consents", String.class).getStatusCode().value()).isEqualTo(400);
        assertThat(output.getAll()).as("no personal data in the log").doesNotContain(personalId, "048090999999");
    }

    private static void assertError(ResponseEntity<String> answer, int status, String code) throws Exception {
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(status);
        assertThat(json(answer).get("error").get("code").asText()).isEqualTo(code);
        assertThat(Schemas.validate("consent-reply.schema.json", answer.getBody())).isEmpty();
    }

    @Test
    void theContractsExamplesConformAndTheRequestSchemaRejectsBadRequests() throws Exception {
        for (String schema : new String[] {"consent-request.schema.json", "consent-reply.schema.json",
                "citizen-disclosures-reply.schema.json"}) {
            for (JsonNode example : Schemas.examples(schema)) {
                assertThat(Schemas.validate(schema, example)).as(schema + " " + example).isEmpty();
            }
        }
        assertThat(Schemas.validate("consent-request.schema.json", request("049074538171", "traffic-police", "driving-licence-renewal", "[\"PASSPORT\"]")))
                .isNotEmpty();
        assertThat(Schemas.validate("consent-request.schema.json", request("049074538171", "Police", "p", "[\"IDENTITY\"]")))
                .isNotEmpty();
        assertThat(Schemas.validate("consent-request.schema.json", "{\"personalId\":\"049074538171\",\"agency\":\"traffic-police\"}"))
                .isNotEmpty();
        assertThat(Schemas.validate("consent-reply.schema.json", "{\"status\":\"REVOKED\"}")).isNotEmpty();
    }
}
