package org.citizenhub.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.citizenhub.HubIntegrationTest;
import org.citizenhub.connectors.vault.LinkEvent;
import org.citizenhub.connectors.vault.VaultJson;
import org.citizenhub.connectors.vault.VaultStore;
import org.citizenhub.mappings.citizen.Address;
import org.citizenhub.mappings.citizen.CitizenField;
import org.citizenhub.mappings.citizen.CitizenRecord;
import org.citizenhub.mappings.citizen.GoldenCitizen;
import org.citizenhub.mappings.citizen.Mapped;
import org.citizenhub.mappings.citizen.PartialDate;
import org.citizenhub.mappings.citizen.PersonName;
import org.citizenhub.mappings.citizen.Provenance;
import org.citizenhub.mappings.citizen.Sex;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.citizen.SurvivorshipRules;
import org.citizenhub.population.PopulationIngest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Identity operations in the running hub: the linker learns links only once they are committed;
 * survivorship re-runs after a rule change (dry-run and real); the per-system summary.
 * Every test builds its own people (personal IDs outside the synthetic population) and looks only at them.
 */
class IdentityOperationsTest extends HubIntegrationTest {

    private static final Address HOME = new Address("K7/3", "Phan Châu Trinh", "Phường Hải Châu", "20305", "",
            "Thành phố Đà Nẵng", null);

    @Autowired VaultStore vault;
    @Autowired IdentityLinker linker;
    @Autowired SurvivorshipRerun rerun;
    @Autowired SurvivorshipPolicy policy;
    @Autowired PopulationIngest ingest;
    @Autowired TransactionTemplate tx;
    @Autowired TestRestTemplate http;
    @Autowired ConnectionFactory connectionFactory;

    @BeforeEach
    void populationLoaded() {
        await().atMost(Duration.ofSeconds(120)).until(ingest::changeFeedReady);
    }

    private static CitizenRecord record(SourceSystem system, String id, String personalId, PersonName name, String dob,
                                        String phone) {
        return new CitizenRecord(new Provenance(system, id, Instant.now()), personalId, null, name, PartialDate.parse(dob),
                Sex.FEMALE, null, HOME, null, null, phone, null, null);
    }

    @Test
    void aRolledBackLinkLeavesNoIndexEntry() {
        PersonName name = new PersonName("Tôn Nữ", "Thị", "Khuê");
        CitizenRecord first = record(SourceSystem.HEALTH, "IT-RB-1", null, name, "1979-02-14", "0905777311");
        CitizenRecord sameInTheSameTransaction = record(SourceSystem.SCHOOL, "IT-RB-2", null,
                new PersonName("TON NU", "THI", "KHUE"), "1979-02-14", "0905 777 311");

        tx.executeWithoutResult(status -> {
            vault.upsert(List.of(new Mapped(first, List.of())));
            String provisional = vault.linkHistory("HEALTH:IT-RB-1").get(0).toCitizenId();
            vault.upsert(List.of(new Mapped(sameInTheSameTransaction, List.of())));
            // inside the transaction the second record finds the first (staged), though nothing is committed
            assertThat(vault.linkHistory("SCHOOL:IT-RB-2")).singleElement().satisfies(e -> {
                assertThat(e.reason()).isEqualTo("LINKED");
                assertThat(e.toCitizenId()).isEqualTo(provisional);
            });
            assertThat(linker.isIndexed("HEALTH:IT-RB-1")).as("not in the index before commit").isFalse();
            status.setRollbackOnly();
        });

        assertThat(linker.isIndexed("HEALTH:IT-RB-1")).isFalse();
        assertThat(linker.isIndexed("SCHOOL:IT-RB-2")).isFalse();
        assertThat(vault.linkHistory("HEALTH:IT-RB-1")).isEmpty();

        // the same person arriving later is a new citizen, not linked to the rolled-back one
        CitizenRecord later = record(SourceSystem.WATER, "IT-RB-3", null, new PersonName("TON NU", "THI", "KHUE"),
                "1979-02-14", "+84905777311");
        vault.upsert(List.of(new Mapped(later, List.of())));
        LinkEvent placed = vault.linkHistory("WATER:IT-RB-3").get(0);
        assertThat(placed.reason()).isEqualTo("NEW");
        assertThat(vault.findById(placed.toCitizenId()).orElseThrow().sourceRecords()).hasSize(1);
        assertThat(linker.indexedCitizenOf("WATER:IT-RB-3")).contains(placed.toCitizenId());
    }

    @Test
    void anUnmergedRecordIsIndexedUnderItsNewCitizen() {
        PersonName name = new PersonName("Âu Dương", "Minh", "Triết");
        vault.upsert(List.of(new Mapped(record(SourceSystem.POPULATION, "048179000731", "048179000731", name,
                "1979-08-08", "0905444731"), List.of())));
        String citizen = vault.findByPersonalId("048179000731").orElseThrow().citizenId();
        CitizenRecord water = record(SourceSystem.WATER, "IT-UM-1", null, new PersonName("AU DUONG", "MINH", "TRIET"),
                "1979-08-08", "0905444731");
        vault.upsert(List.of(new Mapped(water, List.of())));
        assertThat(linker.indexedCitizenOf("WATER:IT-UM-1")).contains(citizen);

        vault.unmerge("WATER:IT-UM-1");

        String split = vault.linkHistory("WATER:IT-UM-1").get(1).toCitizenId();
        assertThat(split).isNotEqualTo(citizen);
        assertThat(linker.indexedCitizenOf("WATER:IT-UM-1")).contains(split);
    }

    /** A registry resident and their own portal profile, the name typed without diacritics. */
    private String residentWithPortalProfile(String personalId, String portalId) {
        vault.upsert(List.of(new Mapped(record(SourceSystem.POPULATION, personalId, personalId,
                new PersonName("Khúc", "Thừa", "Dụ"), "1987-11-03", "0905123987"), List.of())));
        String citizen = vault.findByPersonalId(personalId).orElseThrow().citizenId();
        vault.upsert(List.of(new Mapped(record(SourceSystem.PORTAL, portalId, personalId,
                new PersonName("Khuc", "Thua", "Du"), "1987-11-03", "0905123987"), List.of())));
        assertThat(vault.findById(citizen).orElseThrow().sourceRecords()).extracting(r -> r.key())
                .as("the portal profile is linked to the resident").contains("PORTAL:" + portalId);
        return citizen;
    }

    private static final String PORTAL_NAME_FIRST = """
            default: [POPULATION, PORTAL, HEALTH, SCHOOL, ELECTRICITY, WATER, SANITATION]
            fields:
              NAME: [PORTAL, POPULATION]
              PHONE: [PORTAL, POPULATION, HEALTH, ELECTRICITY, WATER, SANITATION, SCHOOL]
              EMAIL: [PORTAL, POPULATION, HEALTH, ELECTRICITY, WATER, SANITATION, SCHOOL]
            """;

    @Test
    void aDryRunListsWhatARuleChangeWouldChangeAndWritesNothing() {
        String citizen = residentWithPortalProfile("048087000912", "IT-DRY-1");
        GoldenCitizen before = vault.findById(citizen).orElseThrow();
        assertThat(before.name().provenance().sourceSystem()).isEqualTo(SourceSystem.POPULATION);
        SurvivorshipRules inForce = policy.current();
        SurvivorshipRules portalNameFirst = SurvivorshipRules.parse(new java.io.StringReader(PORTAL_NAME_FIRST), "test");

        SurvivorshipRerun.Result result = rerun.run(portalNameFirst, true, 0, 5000);

        assertThat(result.dryRun()).isTrue();
        assertThat(result.changes()).filteredOn(c -> c.citizenId().equals(citizen)).singleElement().satisfies(c -> {
            assertThat(c.field()).isEqualTo(CitizenField.NAME);
            assertThat(c.from()).isEqualTo(SourceSystem.POPULATION);
            assertThat(c.to()).isEqualTo(SourceSystem.PORTAL);
            assertThat(c.valueChanged()).isTrue();
        });
        assertThat(result.citizensExamined()).isGreaterThanOrEqualTo(1);
        assertThat(result.transitions()).anySatisfy(t -> {
            assertThat(t.field()).isEqualTo("NAME");
            assertThat(t.to()).isEqualTo("PORTAL");
        });
        assertThat(result.eventsPublished()).isZero();
        // nothing written: same golden record, same version, the rules in force unchanged
        assertThat(vault.findById(citizen)).contains(before);
        assertThat(policy.current()).isEqualTo(inForce);
        // and under the rules in force nothing would change for this citizen
        assertThat(rerun.run(inForce, true, 0, 5000).changes()).noneMatch(c -> c.citizenId().equals(citizen));
    }

    @Test
    void aRuleChangeInTheFileIsShownThenAppliedThroughRestAndPublished() throws Exception {
        String citizen = residentWithPortalProfile("048087000913", "IT-RUN-1");
        GoldenCitizen before = vault.findById(citizen).orElseThrow();
        Path file = SHARED.survivorshipFile();
        String original = Files.readString(file, StandardCharsets.UTF_8);
        try (Connection connection = connectionFactory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer events = session.createConsumer(session.createTopic("citizen.changed"),
                    "citizenId = '" + citizen + "'");
            Files.writeString(file, PORTAL_NAME_FIRST, StandardCharsets.UTF_8);

            JsonNode dry = rest("/api/operations/survivorship/rerun?dryRun=true&limit=5000", 200);
            assertThat(dry.path("dryRun").asBoolean()).isTrue();
            assertThat(changesOf(dry, citizen)).containsExactly("NAME POPULATION→PORTAL");
            assertThat(dry.toString()).doesNotContain("Khúc", "Khuc", "048087000913");
            assertThat(vault.findById(citizen)).contains(before);
            assertThat(events.receive(500)).as("no event for a dry-run").isNull();

            JsonNode applied = rest("/api/operations/survivorship/rerun?dryRun=false&limit=5000", 200);

            assertThat(applied.path("dryRun").asBoolean()).isFalse();
            assertThat(changesOf(applied, citizen)).containsExactly("NAME POPULATION→PORTAL");
            assertThat(applied.path("eventsPublished").asLong()).isGreaterThanOrEqualTo(1);
            GoldenCitizen after = vault.findById(citizen).orElseThrow();
            assertThat(after.version()).isEqualTo(before.version() + 1);
            assertThat(after.name().provenance().sourceSystem()).isEqualTo(SourceSystem.PORTAL);
            TextMessage event = (TextMessage) events.receive(10_000);
            assertThat(event).as("citizen.changed for the changed citizen").isNotNull();
            JsonNode body = VaultJson.mapper().readTree(event.getText());
            assertThat(body.path("version").asLong()).isEqualTo(after.version());
            assertThat(body.path("changedFields")).extracting(JsonNode::asText).containsExactly("NAME");
            // later writes keep the new rules: the dry-run under the file now finds nothing for this citizen
            assertThat(changesOf(rest("/api/operations/survivorship/rerun?limit=5000", 200), citizen)).isEmpty();
        } finally {
            Files.writeString(file, original, StandardCharsets.UTF_8);
            rest("/api/operations/survivorship/rerun?dryRun=false&limit=0", 200);
        }
        assertThat(vault.findById(citizen).orElseThrow().name().provenance().sourceSystem())
                .isEqualTo(SourceSystem.POPULATION);
        assertThat(policy.current()).isEqualTo(SurvivorshipRules.defaults());
    }

    @Test
    void aBrokenRulesFileIsRefusedNamingTheLineAndChangesNothing() throws Exception {
        Path file = SHARED.survivorshipFile();
        String original = Files.readString(file, StandardCharsets.UTF_8);
        SurvivorshipRules inForce = policy.current();
        try {
            Files.writeString(file, "default: [POPULATION]\nfields:\n  NAME: [PORTAL, REGISTRY]\n", StandardCharsets.UTF_8);

            JsonNode refused = rest("/api/operations/survivorship/rerun?dryRun=false", 422);

            assertThat(refused.path("error").asText()).contains("line 3", "unknown source system 'REGISTRY'");
            assertThat(policy.current()).isEqualTo(inForce);
            assertThat(rest("/api/operations/survivorship/rerun?dryRun=maybe", 400).path("error").asText())
                    .contains("dryRun");
        } finally {
            Files.writeString(file, original, StandardCharsets.UTF_8);
        }
    }

    @Test
    void theSummaryCountsEachSystemsLinksReviewsAndNewCitizensFromTheVault() throws Exception {
        JsonNode before = rest("/api/operations/identity/summary", 200);
        vault.upsert(List.of(new Mapped(record(SourceSystem.SANITATION, "IT-SUM-1", null,
                new PersonName("Lã", "Văn", "Cầu"), "1950-01-01", "0905000951"), List.of())));

        JsonNode after = rest("/api/operations/identity/summary", 200);

        JsonNode sanitationBefore = system(before, "SANITATION");
        JsonNode sanitationAfter = system(after, "SANITATION");
        assertThat(sanitationAfter.path("records").asLong()).isEqualTo(sanitationBefore.path("records").asLong() + 1);
        assertThat(sanitationAfter.path("newCitizen").asLong()).isEqualTo(sanitationBefore.path("newCitizen").asLong() + 1);
        JsonNode population = system(after, "POPULATION");
        assertThat(population.path("records").asLong()).isGreaterThanOrEqualTo(300);
        assertThat(population.path("newCitizen").asLong()).isGreaterThanOrEqualTo(300);
        assertThat(after.path("total").path("records").asLong()).isGreaterThanOrEqualTo(population.path("records").asLong());
    }

    private static JsonNode system(JsonNode summary, String system) {
        for (JsonNode s : summary.path("systems")) {
            if (s.path("system").asText().equals(system)) {
                return s;
            }
        }
        return VaultJson.mapper().createObjectNode();
    }

    private static List<String> changesOf(JsonNode result, String citizen) {
        List<String> found = new java.util.ArrayList<>();
        for (JsonNode c : result.path("changes")) {
            if (c.path("citizenId").asText().equals(citizen)) {
                found.add(c.path("field").asText() + " " + c.path("from").asText() + "→" + c.path("to").asText());
            }
        }
        return found;
    }

    private JsonNode rest(String path, int status) throws Exception {
        ResponseEntity<String> response = path.contains("summary") ? http.getForEntity(path, String.class)
                : http.postForEntity(path, null, String.class);
        assertThat(response.getStatusCode().value()).as(path + ": " + response.getBody()).isEqualTo(status);
        return VaultJson.mapper().readTree(response.getBody());
    }
}
