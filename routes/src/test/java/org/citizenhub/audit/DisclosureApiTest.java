package org.citizenhub.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.EnumSet;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.citizenhub.HubIntegrationTest;
import org.citizenhub.connectors.vault.AuditCheckpoints;
import org.citizenhub.connectors.vault.AuditLog;
import org.citizenhub.connectors.vault.VaultJson;
import org.citizenhub.connectors.vault.VaultStore;
import org.citizenhub.Schemas;
import org.citizenhub.mappings.disclosure.DataCategory;
import org.citizenhub.population.PopulationIngest;
import org.citizenhub.sandbox.synthetic.Population;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/** The citizen's access log and the operations' check of the chain, through the running hub. */
@ExtendWith(OutputCaptureExtension.class)
class DisclosureApiTest extends HubIntegrationTest {

    TestRestTemplate http;

    /** The portal calls /api/portal/** with its own account (role PORTAL). */
    @Autowired
    void portalAccount(TestRestTemplate rest) {
        http = rest.withBasicAuth(PORTAL_ACCOUNT, PORTAL_PASSWORD);
    }
    @Autowired Population population;
    @Autowired PopulationIngest ingest;
    @Autowired VaultStore vault;
    @Autowired AuditLog log;
    @Autowired CamelContext camel;

    @Test
    void aCitizenSeesWhoReceivedWhichDataWhenAndWhyNewestFirst(CapturedOutput output) throws Exception {
        await().atMost(Duration.ofSeconds(120)).until(ingest::changeFeedReady);
        String personalId = population.people().get(51).personalId();
        String citizenId = vault.findByPersonalId(personalId).orElseThrow().citizenId();
        String otherCitizen = vault.findByPersonalId(population.people().get(52).personalId()).orElseThrow().citizenId();
        log.record(new AuditLog.Disclosure("social-insurance", "social-insurance-eligibility", citizenId,
                EnumSet.of(DataCategory.IDENTITY, DataCategory.ADDRESS), "consent", "JMS", "ID:req-1"));
        log.record(new AuditLog.Disclosure("traffic-police", "driving-licence-renewal", otherCitizen,
                EnumSet.of(DataCategory.IDENTITY), "consent", "JMS", null));
        log.record(new AuditLog.Disclosure("traffic-police", "driving-licence-renewal", citizenId,
                EnumSet.of(DataCategory.HEALTH), "citizen-request", "REST", null));

        ResponseEntity<String> answer = http.getForEntity("/api/portal/citizens/" + personalId + "/disclosures", String.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(Schemas.validate("citizen-disclosures-reply.schema.json", answer.getBody())).isEmpty();
        assertThat(answer.getBody()).doesNotContain(citizenId);
        JsonNode disclosures = VaultJson.mapper().readTree(answer.getBody()).get("disclosures");
        assertThat(disclosures).hasSize(2);
        assertThat(disclosures.get(0).get("agency").asText()).isEqualTo("traffic-police");
        assertThat(disclosures.get(0).get("legalBasis").asText()).isEqualTo("citizen-request");
        assertThat(disclosures.get(1).get("purpose").asText()).isEqualTo("social-insurance-eligibility");
        assertThat(disclosures.get(1).get("categories").toString()).isEqualTo("[\"IDENTITY\",\"ADDRESS\"]");
        assertThat(disclosures.get(1).get("requestId").asText()).isEqualTo("ID:req-1");
        assertThat(disclosures.get(0).get("sequence").asLong()).isGreaterThan(disclosures.get(1).get("sequence").asLong());

        ResponseEntity<String> unknown = http.getForEntity("/api/portal/citizens/048090999999/disclosures", String.class);
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(Schemas.validate("citizen-disclosures-reply.schema.json", unknown.getBody())).isEmpty();
        ResponseEntity<String> invalid = http.getForEntity("/api/portal/citizens/12/disclosures", String.class);
        assertThat(invalid.getStatusCode().value()).isEqualTo(400);
        assertThat(Schemas.validate("citizen-disclosures-reply.schema.json", invalid.getBody())).isEmpty();
        assertThat(output.getAll()).as("no personal data in the log").doesNotContain(personalId, citizenId);
    }

    @Test
    void operationsVerifyTheChainOverRestAndTheHeadIsCheckpointed(CapturedOutput output) throws Exception {
        log.record(new AuditLog.Disclosure("traffic-police", "p", "some-citizen", EnumSet.of(DataCategory.IDENTITY), "consent", "JMS", null));
        assertThat(camel.getRoute("audit-checkpoint")).isNotNull();
        long head = log.readHead().orElseThrow().sequence();
        log.checkpoint();

        ResponseEntity<String> verdict = http.getForEntity("/api/operations/audit/verify", String.class);

        assertThat(verdict.getStatusCode().value()).as(verdict.getBody()).isEqualTo(200);
        JsonNode json = VaultJson.mapper().readTree(verdict.getBody());
        assertThat(json.get("intact").asBoolean()).isTrue();
        assertThat(json.get("checked").asLong()).isGreaterThanOrEqualTo(head);
        String checkpoints = Files.readString(DATA_DIR.resolve("audit").resolve(AuditCheckpoints.FILE_NAME));
        assertThat(checkpoints).contains("v1 " + head + " ");
        assertThat(DATA_DIR.resolve("audit").resolve("checkpoint-key.pub")).exists();
        // the hub's log is captured here (so the "no personal data" checks above can fail)
        assertThat(output.getAll()).contains("Access log verified: true");
    }
}
