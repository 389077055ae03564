package org.citizenhub.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.citizenhub.HubIntegrationTest;
import org.citizenhub.connectors.population.ChangeNotice;
import org.citizenhub.connectors.vault.VaultJson;
import org.citizenhub.connectors.vault.VaultStore;
import org.citizenhub.mappings.citizen.Address;
import org.citizenhub.mappings.citizen.GoldenCitizen;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.operations.HubErrorHandling;
import org.citizenhub.sandbox.population.PopulationSimulator;
import org.citizenhub.sandbox.synthetic.Person;
import org.citizenhub.sandbox.synthetic.Population;
import org.citizenhub.sandbox.synthetic.PopulationChange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jms.core.JmsTemplate;

/** The population slice end to end: registry simulator → routes → vault → events and lookups. */
class PopulationSliceTest extends HubIntegrationTest {

    private static final Duration LOADED = Duration.ofSeconds(120);

    @Autowired PopulationSimulator registry;
    @Autowired Population population;
    @Autowired PopulationIngest ingest;
    @Autowired VaultStore vault;
    @Autowired ConnectionFactory connectionFactory;
    @Autowired TestRestTemplate http;
    @Autowired CamelContext camel;

    private JmsTemplate jms;
    private Connection connection;
    private Session session;

    @BeforeEach
    void hubHasLoadedThePopulation() throws Exception {
        await().atMost(LOADED).until(ingest::changeFeedReady);
        jms = new JmsTemplate(connectionFactory);
        jms.setReceiveTimeout(10_000);
        connection = connectionFactory.createConnection();
        connection.start();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    @AfterEach
    void registryBehaves() throws Exception {
        registry.setFault(PopulationSimulator.Fault.NONE, Duration.ZERO);
        registry.start();
        connection.close();
    }

    @Test
    void loadsEveryResidentIntoTheVaultWithProvenance() {
        // other tests add citizens from other systems to the shared vault: check each resident instead of a total
        assertThat(population.people()).allSatisfy(p -> assertThat(vault.findByPersonalId(p.personalId())).isPresent());
        Person someone = population.people().get(17);

        GoldenCitizen golden = vault.findByPersonalId(someone.personalId()).orElseThrow();

        assertThat(golden.name().value()).isEqualTo(someone.name());
        assertThat(golden.permanentAddress().value()).isEqualTo(someone.permanentAddress());
        assertThat(golden.name().provenance().sourceSystem()).isEqualTo(SourceSystem.POPULATION);
        assertThat(golden.name().provenance().sourceRecordId()).isEqualTo(someone.personalId());
        // other systems' records of the same person may have been linked to it too
        assertThat(golden.sourceRecords()).extracting(r -> r.key()).contains("POPULATION:" + someone.personalId());
    }

    @Test
    void answersAnAgencyOverJmsWithTheCitizenAndProvenance() throws Exception {
        Person someone = population.people().get(3);

        JsonNode answer = lookupOverJms("{\"personalId\": \"" + someone.personalId() + "\"}");

        assertThat(answer.path("status").asText()).isEqualTo("FOUND");
        assertThat(answer.path("citizen").path("personalId").path("value").asText()).isEqualTo(someone.personalId());
        assertThat(answer.path("citizen").path("name").path("provenance").path("sourceSystem").asText()).isEqualTo("POPULATION");
        assertThat(answer.path("citizen").path("dateOfBirth").path("value").path("year").asInt())
                .isEqualTo(someone.dateOfBirth().getYear());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not JSON                          | {personalId:                  | MALFORMED_REQUEST",
            "no personalId field               | {\"id\": \"048090001234\"}      | MALFORMED_REQUEST",
            "too few digits                    | {\"personalId\": \"4809000\"}   | INVALID_ID",
            "letters                           | {\"personalId\": \"04809000123X\"} | INVALID_ID",
            "impossible century digit          | {\"personalId\": \"048690001234\"} | INVALID_ID",
    })
    void answersBadJmsRequestsWithAClearError(String what, String request, String code) throws Exception {
        JsonNode answer = lookupOverJms(request);
        assertThat(answer.path("status").asText()).isEqualTo("ERROR");
        assertThat(answer.path("error").path("code").asText()).isEqualTo(code);
        assertThat(answer.path("error").path("message").asText()).isNotBlank();
    }

    @Test
    void answersUnknownAndOversizedJmsRequests() throws Exception {
        assertThat(lookupOverJms("{\"personalId\": \"048090999999\"}").path("status").asText()).isEqualTo("NOT_FOUND");
        String huge = "{\"personalId\": \"048090001234\", \"padding\": \"" + "x".repeat(20_000) + "\"}";
        assertThat(lookupOverJms(huge).path("error").path("code").asText()).isEqualTo("MESSAGE_TOO_LARGE");
    }

    @Test
    void answersTheSameLookupOverRest() throws Exception {
        Person someone = population.people().get(5);

        ResponseEntity<String> found = http.getForEntity("/api/citizens/" + someone.personalId(), String.class);
        ResponseEntity<String> invalid = http.getForEntity("/api/citizens/12345", String.class);
        ResponseEntity<String> unknown = http.getForEntity("/api/citizens/048090999999", String.class);

        assertThat(found.getStatusCode().value()).isEqualTo(200);
        assertThat(json(found.getBody()).path("citizen").path("personalId").path("value").asText()).isEqualTo(someone.personalId());
        assertThat(invalid.getStatusCode().value()).isEqualTo(400);
        assertThat(json(invalid.getBody()).path("error").path("code").asText()).isEqualTo("INVALID_ID");
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void movesAnAddressFromTheChangeFeedAndPublishesOneEvent() throws Exception {
        Person mover = population.people().get(40);
        GoldenCitizen before = vault.findByPersonalId(mover.personalId()).orElseThrow();
        MessageConsumer events = session.createConsumer(session.createTopic("citizen.changed"),
                "citizenId = '" + before.citizenId() + "'");
        Address newHome = new Address("K12/5", "Nguyễn Văn Linh", "Phường Hải Châu", "20305", "", "Thành phố Đà Nẵng", null);

        registry.publish(PopulationChange.Type.ADDRESS_CHANGED, movedTo(mover, newHome));

        await().atMost(Duration.ofSeconds(20)).until(() ->
                vault.findByPersonalId(mover.personalId()).orElseThrow().permanentAddress().value().equals(newHome));
        TextMessage event = (TextMessage) events.receive(10_000);
        assertThat(event).isNotNull();
        JsonNode body = json(event.getText());
        assertThat(body.path("type").asText()).isEqualTo("CITIZEN_CHANGED");
        assertThat(body.path("version").asLong()).isEqualTo(before.version() + 1);
        assertThat(body.path("changedFields")).extracting(JsonNode::asText).containsExactly("PERMANENT_ADDRESS");
        assertThat(body.toString()).doesNotContain(mover.personalId(), "Nguyễn Văn Linh");
        assertThat(events.receive(1_000)).as("a second event for one move").isNull();
    }

    @Test
    void appliesAChangeDeliveredTwiceOnlyOnce() throws Exception {
        Person mover = population.people().get(41);
        Address newHome = new Address("7", "Bạch Đằng", "Phường Hải Châu", "20305", "", "Thành phố Đà Nẵng", null);
        long sequence = registry.publish(PopulationChange.Type.ADDRESS_CHANGED, movedTo(mover, newHome));
        await().atMost(Duration.ofSeconds(20)).until(() -> vault.isApplied("POPULATION:" + sequence));
        long version = vault.findByPersonalId(mover.personalId()).orElseThrow().version();
        NotifyBuilder redelivered = new NotifyBuilder(camel).fromRoute("population-change-apply").whenCompleted(2).create();

        // the same notice again, twice, past the broker's duplicate detection (as a replay would)
        sendNotice(new ChangeNotice(sequence, "ADDRESS_CHANGED", mover.personalId()), "twice-1");
        sendNotice(new ChangeNotice(sequence, "ADDRESS_CHANGED", mover.personalId()), "twice-2");

        assertThat(redelivered.matches(20, TimeUnit.SECONDS)).isTrue();
        assertThat(vault.findByPersonalId(mover.personalId()).orElseThrow().version()).isEqualTo(version);
    }

    @Test
    void parksAMalformedChangeNoticeWithItsReasonAtOnce() throws Exception {
        String testCase = UUID.randomUUID().toString();
        jms.send("hub.population.changes", s -> {
            Message m = s.createTextMessage("<not-json/>");
            m.setStringProperty("testCase", testCase);
            return m;
        });

        Message parked = parkedMessage(testCase);

        assertThat(parked.getStringProperty(HubErrorHandling.FAILURE_REASON)).contains("MalformedPayloadException");
        assertThat(parked.getStringProperty(HubErrorHandling.FAILED_ROUTE)).isEqualTo("population-change-apply");
        assertThat(parked.getStringProperty(HubErrorHandling.REPLAY_TO)).isEqualTo("hub.population.changes");
        assertThat(((TextMessage) parked).getText()).isEqualTo("<not-json/>");
    }

    @Test
    void parksChangesWhileTheRegistryIsDownKeepsServingAndAppliesThemOnceWhenItReturns() throws Exception {
        Person mover = population.people().get(42);
        Address newHome = new Address("99", "Trần Phú", "Phường Hải Châu", "20305", "", "Thành phố Đà Nẵng", null);
        long version = vault.findByPersonalId(mover.personalId()).orElseThrow().version();
        String testCase = UUID.randomUUID().toString();

        registry.stop();
        long sequence = registry.publish(PopulationChange.Type.ADDRESS_CHANGED, movedTo(mover, newHome));
        sendNotice(new ChangeNotice(sequence, "ADDRESS_CHANGED", mover.personalId()), testCase);

        Message parked = parkedMessage(testCase);
        assertThat(parked.getStringProperty(HubErrorHandling.FAILURE_REASON)).containsIgnoringCase("connect");
        // the other routes keep serving
        assertThat(http.getForEntity("/api/citizens/" + mover.personalId(), String.class).getStatusCode().value()).isEqualTo(200);
        jms.send("hub.dead-letter", s -> copyOf(s, parked));

        registry.start();
        assertThat(http.postForObject("/api/operations/dead-letters/replay", null, String.class)).startsWith("replayed");

        await().atMost(Duration.ofSeconds(20)).until(() ->
                vault.findByPersonalId(mover.personalId()).orElseThrow().permanentAddress().value().equals(newHome));
        await().atMost(Duration.ofSeconds(20)).until(() -> registryFeedCaughtUp(sequence));
        assertThat(vault.findByPersonalId(mover.personalId()).orElseThrow().version()).isEqualTo(version + 1);
    }

    @Test
    void parksAChangeWhenTheRegistryIsTooSlow() throws Exception {
        Person mover = population.people().get(43);
        String testCase = UUID.randomUUID().toString();
        registry.setFault(PopulationSimulator.Fault.SLOW, Duration.ofMillis(3_000));

        sendNotice(new ChangeNotice(999_001, "ADDRESS_CHANGED", mover.personalId()), testCase);

        Message parked = parkedMessage(testCase);
        assertThat(parked.getStringProperty(HubErrorHandling.FAILURE_REASON)).containsIgnoringCase("timeout");
        assertThat(vault.isApplied("POPULATION:999001")).isFalse();
    }

    @Test
    void parksAChangeWhenTheRegistryAnswersGarbage() throws Exception {
        Person mover = population.people().get(44);
        String testCase = UUID.randomUUID().toString();
        registry.setFault(PopulationSimulator.Fault.GARBAGE, Duration.ZERO);

        sendNotice(new ChangeNotice(999_002, "ADDRESS_CHANGED", mover.personalId()), testCase);

        Message parked = parkedMessage(testCase);
        assertThat(parked.getStringProperty(HubErrorHandling.FAILURE_REASON))
                .contains("MalformedPayloadException").doesNotContain("Bảo trì");
        assertThat(vault.isApplied("POPULATION:999002")).isFalse();
    }

    // ------------------------------------------------------------------ helpers

    private boolean registryFeedCaughtUp(long sequence) {
        return ingest.feedPosition() >= sequence;
    }

    private static Person movedTo(Person p, Address home) {
        return new Person(p.personKey(), p.personalId(), p.name(), p.sex(), p.dateOfBirth(), p.placeOfOrigin(),
                p.householdId(), p.relationToHead(), home, p.phone(), p.email(), p.dateOfDeath());
    }

    private void sendNotice(ChangeNotice notice, String testCase) {
        jms.send("hub.population.changes", s -> {
            Message m = s.createTextMessage(VaultJson.write(notice));
            m.setStringProperty("testCase", testCase);
            return m;
        });
    }

    /** Takes the parked message of one test case off the dead-letter queue. */
    private Message parkedMessage(String testCase) throws Exception {
        try (Session s = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageConsumer consumer = s.createConsumer(s.createQueue("hub.dead-letter"), "testCase = '" + testCase + "'")) {
            Message parked = consumer.receive(30_000);
            assertThat(parked).as("parked message of " + testCase).isNotNull();
            return parked;
        }
    }

    private static Message copyOf(Session s, Message parked) throws jakarta.jms.JMSException {
        Message copy = s.createTextMessage(((TextMessage) parked).getText());
        for (String name : List.of("testCase", HubErrorHandling.FAILURE_REASON, HubErrorHandling.FAILED_ROUTE,
                HubErrorHandling.REPLAY_TO)) {
            copy.setStringProperty(name, parked.getStringProperty(name));
        }
        return copy;
    }

    private JsonNode lookupOverJms(String request) throws Exception {
        Message reply = jms.sendAndReceive("hub.agency.citizen-lookup", s -> s.createTextMessage(request));
        assertThat(reply).as("reply to a lookup").isNotNull();
        return json(((TextMessage) reply).getText());
    }

    private static JsonNode json(String text) throws Exception {
        return VaultJson.mapper().readTree(text);
    }
}
