package org.citizenhub.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.citizenhub.HubIntegrationTest;
import org.citizenhub.Schemas;
import org.citizenhub.connectors.vault.VaultJson;
import org.citizenhub.connectors.vault.VaultStore;
import org.citizenhub.mappings.citizen.Address;
import org.citizenhub.mappings.citizen.GoldenCitizen;
import org.citizenhub.population.PopulationIngest;
import org.citizenhub.sandbox.agency.AgencyClient;
import org.citizenhub.sandbox.population.PopulationSimulator;
import org.citizenhub.sandbox.synthetic.PopulationChange;
import org.citizenhub.sandbox.synthetic.Person;
import org.citizenhub.sandbox.synthetic.Population;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Least privilege, through the real broker and the REST API: each agency authenticates, reaches only
 * its own queues, cannot pass for another, gets only what its purpose and the citizen's consent allow,
 * and a revocation holds from the next request.
 */
class AgencyAccessTest extends HubIntegrationTest {

    static final Duration LOADED = Duration.ofSeconds(120);
    static final String BROKER = "tcp://127.0.0.1:" + BROKER_PORT;
    static final String SOCIAL = "social-insurance";
    static final String SOCIAL_PASSWORD = "social-insurance-dev-secret";
    static final String TRAFFIC = "traffic-police";
    static final String TRAFFIC_PASSWORD = "traffic-police-dev-secret";
    static final String PURPOSE = "social-insurance-eligibility";

    @Autowired PopulationIngest ingest;
    @Autowired Population population;
    @Autowired PopulationSimulator registry;
    @Autowired VaultStore vault;
    @Autowired TestRestTemplate http;

    @BeforeEach
    void populationIsLoaded() {
        await().atMost(LOADED).until(ingest::changeFeedReady);
    }

    @Test
    void anAnonymousOrWrongPasswordConnectionIsRefused() {
        assertThatThrownBy(() -> {
            try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(BROKER)) {
                factory.createConnection().close();
            }
        }).isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> AgencyClient.connect(BROKER, SOCIAL, "guess").close()).isInstanceOf(JMSSecurityException.class);
    }

    @Test
    void anAgencyReachesOnlyItsOwnQueues() throws Exception {
        try (AgencyClient social = AgencyClient.connect(BROKER, SOCIAL, SOCIAL_PASSWORD)) {
            Session session = social.session();
            assertRefused(() -> session.createConsumer(session.createQueue("hub.agency.traffic-police.replies")));
            assertRefused(() -> session.createConsumer(session.createQueue("hub.agency.traffic-police.events")));
            assertRefused(() -> session.createConsumer(session.createQueue("hub.agency.social-insurance.requests")));
            assertRefused(() -> session.createProducer(session.createQueue("hub.agency.traffic-police.requests"))
                    .send(session.createTextMessage("{}")));
            assertRefused(() -> session.createProducer(session.createQueue("hub.agency.citizen-lookup"))
                    .send(session.createTextMessage("{}")));
            assertRefused(() -> session.createConsumer(session.createTopic("citizen.changed")));
            assertRefused(() -> session.createProducer(session.createQueue("hub.agency.social-insurance.shadow"))
                    .send(session.createTextMessage("{}")));
            assertRefused(() -> session.createProducer(session.createQueue("hub.portal.results"))
                    .send(session.createTextMessage("{}")));
        }
        try (AgencyClient portal = AgencyClient.connect(BROKER, PORTAL_ACCOUNT, PORTAL_PASSWORD)) {
            Session session = portal.session();
            // the portal publishes procedure results (a bad one, parked with its reason), but reads no one's replies
            session.createProducer(session.createQueue("hub.portal.results")).send(session.createTextMessage("{}"));
            assertRefused(() -> session.createConsumer(session.createQueue("hub.portal.results")));
            assertRefused(() -> session.createConsumer(session.createQueue("hub.agency.traffic-police.replies")));
        }
    }

    @Test
    void theCallerIsTheBrokerValidatedAccountNeverAHeader() throws Exception {
        Person citizen = adult(10);
        try (AgencyClient social = AgencyClient.connect(BROKER, SOCIAL, SOCIAL_PASSWORD)) {
            Session session = social.session();
            // a prefill of the traffic police's procedure, dressed up as coming from the traffic police
            TextMessage spoofed = session.createTextMessage(prefill("driving-licence-renewal", citizen));
            spoofed.setStringProperty("JMSXUserID", TRAFFIC);
            spoofed.setStringProperty("hubCaller", TRAFFIC);
            spoofed.setStringProperty("agency", TRAFFIC);
            spoofed.setJMSCorrelationID("spoof-1");
            session.createProducer(session.createQueue("hub.agency.social-insurance.requests")).send(spoofed);
            TextMessage reply = (TextMessage) session.createConsumer(session.createQueue("hub.agency.social-insurance.replies"),
                    "JMSCorrelationID = 'spoof-1'").receive(10_000);

            JsonNode answer = VaultJson.mapper().readTree(reply.getText());
            assertThat(answer.path("status").asText()).isEqualTo("DENIED");
            assertThat(answer.path("agency").asText()).isEqualTo(SOCIAL);
            assertThat(answer.has("fields")).isFalse();
        }
    }

    @Test
    void anAgencyGetsOnlyWhatItsPurposeAndTheConsentAllow() throws Exception {
        Person citizen = adult(11);
        grant(citizen, SOCIAL, PURPOSE, "IDENTITY", "ADDRESS");

        JsonNode answer = ask(SOCIAL, SOCIAL_PASSWORD, lookup(citizen, "IDENTITY", "ADDRESS", "CONTACT", "HEALTH"));

        assertThat(answer.path("status").asText()).isEqualTo("OK");
        assertThat(categoriesOf(answer.path("fields"))).containsOnly("IDENTITY", "ADDRESS");
        assertThat(answer.path("fields").findValuesAsText("field")).contains("NAME", "PERSONAL_ID", "PERMANENT_ADDRESS");
        assertThat(withheld(answer)).containsEntry("CONTACT", "NOT_FOR_PURPOSE").containsEntry("HEALTH", "NOT_FOR_PURPOSE");
        JsonNode name = field(answer, "NAME");
        assertThat(name.path("source").asText()).isEqualTo("POPULATION");
        assertThat(name.path("verified").asBoolean()).isTrue();
        assertThat(name.path("retrievedAt").asText()).isNotBlank();
    }

    @Test
    void aRevocationHoldsFromTheNextRequest() throws Exception {
        Person citizen = adult(12);
        grant(citizen, SOCIAL, PURPOSE, "IDENTITY", "ADDRESS");
        assertThat(categoriesOf(ask(SOCIAL, SOCIAL_PASSWORD, lookup(citizen, "IDENTITY", "ADDRESS")).path("fields")))
                .containsOnly("IDENTITY", "ADDRESS");

        revoke(citizen, SOCIAL, PURPOSE, "ADDRESS");

        JsonNode after = ask(SOCIAL, SOCIAL_PASSWORD, lookup(citizen, "IDENTITY", "ADDRESS"));
        assertThat(categoriesOf(after.path("fields"))).containsOnly("IDENTITY");
        assertThat(withheld(after)).containsEntry("ADDRESS", "NO_CONSENT");
    }

    @Test
    void withoutConsentNothingIsDisclosed() throws Exception {
        Person citizen = adult(13);
        JsonNode answer = ask(SOCIAL, SOCIAL_PASSWORD, lookup(citizen, "IDENTITY", "ADDRESS"));
        assertThat(answer.path("status").asText()).isEqualTo("OK");
        assertThat(answer.path("fields")).isEmpty();
        assertThat(withheld(answer)).containsEntry("IDENTITY", "NO_CONSENT").containsEntry("ADDRESS", "NO_CONSENT");
    }

    @Test
    void anAgencyCannotUseAPurposeItIsNotGranted() throws Exception {
        Person citizen = adult(14);
        grant(citizen, SOCIAL, PURPOSE, "IDENTITY");
        JsonNode answer = ask(SOCIAL, SOCIAL_PASSWORD, prefill("driving-licence-renewal", citizen));
        assertThat(answer.path("status").asText()).isEqualTo("DENIED");
        assertThat(answer.has("fields")).isFalse();
    }

    @Test
    void badRequestsGetAClearErrorAndTheRouteGoesOn() throws Exception {
        assertThat(ask(SOCIAL, SOCIAL_PASSWORD, "{not json").path("error").path("code").asText()).isEqualTo("MALFORMED_REQUEST");
        assertThat(ask(SOCIAL, SOCIAL_PASSWORD, "{\"operation\":\"lookup\",\"purpose\":\"" + PURPOSE
                + "\",\"personalId\":\"04809\",\"categories\":[\"IDENTITY\"]}").path("error").path("code").asText())
                .isEqualTo("INVALID_ID");
        assertThat(ask(SOCIAL, SOCIAL_PASSWORD, "{\"operation\":\"prefill\",\"procedure\":\"no-such\",\"personalId\":\"048090001234\"}")
                .path("error").path("code").asText()).isEqualTo("UNKNOWN_PROCEDURE");
        String huge = "{\"operation\":\"lookup\",\"padding\":\"" + "x".repeat(20_000) + "\"}";
        assertThat(ask(SOCIAL, SOCIAL_PASSWORD, huge).path("error").path("code").asText()).isEqualTo("MESSAGE_TOO_LARGE");
        // and a good request still works after them
        assertThat(ask(SOCIAL, SOCIAL_PASSWORD, lookup(adult(15), "IDENTITY")).path("status").asText()).isEqualTo("OK");
    }

    @Test
    void restCallersAuthenticateAsTheirAgency() throws Exception {
        Person citizen = adult(16);
        grant(citizen, SOCIAL, PURPOSE, "IDENTITY");
        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);
        HttpEntity<String> request = new HttpEntity<>(lookup(citizen, "IDENTITY"), json);

        assertThat(http.postForEntity("/api/agency/requests", request, String.class).getStatusCode().value()).isEqualTo(401);
        assertThat(http.withBasicAuth(SOCIAL, "guess").postForEntity("/api/agency/requests", request, String.class)
                .getStatusCode().value()).isEqualTo(401);
        assertThat(http.withBasicAuth(SOCIAL, SOCIAL_PASSWORD).getForEntity("/api/portal/citizens/" + citizen.personalId()
                + "/disclosures", String.class).getStatusCode().value()).isEqualTo(403);

        ResponseEntity<String> answer = http.withBasicAuth(SOCIAL, SOCIAL_PASSWORD)
                .postForEntity("/api/agency/requests", request, String.class);
        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        JsonNode body = VaultJson.mapper().readTree(answer.getBody());
        assertThat(body.path("agency").asText()).isEqualTo(SOCIAL);
        assertThat(categoriesOf(body.path("fields"))).containsOnly("IDENTITY");
    }

    @Test
    void changeEventsCarryOnlyTheCategoriesAnAgencyMayReceive() throws Exception {
        Person citizen = adult(17);
        grant(citizen, SOCIAL, PURPOSE, "IDENTITY", "ADDRESS");
        try (AgencyClient social = AgencyClient.connect(BROKER, SOCIAL, SOCIAL_PASSWORD);
             AgencyClient traffic = AgencyClient.connect(BROKER, TRAFFIC, TRAFFIC_PASSWORD)) {
            Address newHome = new Address("K7/3", "Lê Duẩn", "Phường Hải Châu", "20194", "", "Thành phố Đà Nẵng", null);
            move(citizen, newHome);

            JsonNode event = nextEventAbout(social, citizen);
            assertThat(Schemas.validate("agency-event.schema.json", event)).as(event.toString()).isEmpty();
            assertThat(event.path("changes").findValuesAsText("field")).contains("PERMANENT_ADDRESS");
            assertThat(categoriesOf(event.path("changes"))).containsOnly("ADDRESS");
            // the traffic police subscribe to addresses too, but this citizen gave them no consent
            assertThat(eventsAbout(traffic, citizen)).isEmpty();
        }
    }

    @Test
    void theContractsExamplesConformAndBrokenMessagesDoNot() throws Exception {
        for (String schema : List.of("agency-request.schema.json", "agency-answer.schema.json")) {
            for (JsonNode example : Schemas.examples(schema)) {
                assertThat(Schemas.validate(schema, example)).as(schema + " " + example).isEmpty();
            }
        }
        assertThat(Schemas.validate("agency-request.schema.json", "{\"operation\":\"prefill\",\"personalId\":\"048090001234\"}"))
                .isNotEmpty();
        assertThat(Schemas.validate("agency-request.schema.json", "{\"operation\":\"lookup\",\"purpose\":\"x\","
                + "\"personalId\":\"048090001234\",\"categories\":[\"SHOE_SIZE\"]}")).isNotEmpty();
        assertThat(Schemas.validate("agency-answer.schema.json", "{\"status\":\"OK\"}")).isNotEmpty();
        assertThat(Schemas.validate("agency-answer.schema.json", "{\"status\":\"DENIED\"}")).isNotEmpty();
    }

    // --- helpers ---------------------------------------------------------------------------------------

    Person adult(int slot) {
        List<Person> adults = population.people().stream()
                .filter(p -> p.dateOfDeath() == null && p.dateOfBirth().getYear() < 2000 && p.phone() != null)
                .toList();
        return adults.get(40 + slot);
    }

    static String lookup(Person citizen, String... categories) {
        return VaultJson.write(Map.of("operation", "lookup", "purpose", PURPOSE, "personalId", citizen.personalId(),
                "categories", List.of(categories)));
    }

    static String prefill(String procedure, Person citizen) {
        return VaultJson.write(Map.of("operation", "prefill", "procedure", procedure, "personalId", citizen.personalId()));
    }

    /** Sends a request as the agency; every answer, whatever its status, conforms to the contract. */
    static JsonNode ask(String agency, String password, String request) throws Exception {
        try (AgencyClient client = AgencyClient.connect(BROKER, agency, password)) {
            JsonNode answer = VaultJson.mapper().readTree(client.request(request, 10_000));
            assertThat(Schemas.validate("agency-answer.schema.json", answer)).as(answer.toString()).isEmpty();
            return answer;
        }
    }

    void grant(Person citizen, String agency, String purpose, String... categories) {
        consent("/api/portal/consents", citizen, agency, purpose, categories);
    }

    void revoke(Person citizen, String agency, String purpose, String... categories) {
        consent("/api/portal/consents/revoke", citizen, agency, purpose, categories);
    }

    private void consent(String path, Person citizen, String agency, String purpose, String... categories) {
        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);
        String body = VaultJson.write(Map.of("personalId", citizen.personalId(), "agency", agency, "purpose", purpose,
                "categories", List.of(categories)));
        ResponseEntity<String> answer = http.withBasicAuth("portal", "portal-dev-secret")
                .postForEntity(path, new HttpEntity<>(body, json), String.class);
        assertThat(answer.getStatusCode().is2xxSuccessful()).as(answer.getBody()).isTrue();
    }

    void move(Person p, Address newHome) {
        long version = vault.findByPersonalId(p.personalId()).orElseThrow().version();
        registry.publish(PopulationChange.Type.ADDRESS_CHANGED, new Person(p.personKey(), p.personalId(), p.name(), p.sex(),
                p.dateOfBirth(), p.placeOfOrigin(), p.householdId(), p.relationToHead(), newHome, p.phone(), p.email(),
                p.dateOfDeath()));
        await().atMost(Duration.ofSeconds(30)).until(() -> vault.findByPersonalId(p.personalId()).orElseThrow().version() > version);
        GoldenCitizen moved = vault.findByPersonalId(p.personalId()).orElseThrow();
        assertThat(moved.permanentAddress().value()).isEqualTo(newHome);
    }

    static JsonNode nextEventAbout(AgencyClient client, Person citizen) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            String event = client.nextEvent(1_000);
            if (event != null && event.contains(citizen.personalId())) {
                return VaultJson.mapper().readTree(event);
            }
        }
        throw new AssertionError("no event about the citizen within 30 s");
    }

    static List<String> eventsAbout(AgencyClient client, Person citizen) throws Exception {
        List<String> about = new java.util.ArrayList<>();
        String event;
        while ((event = client.nextEvent(3_000)) != null) {
            if (event.contains(citizen.personalId())) {
                about.add(event);
            }
        }
        return about;
    }

    static List<String> categoriesOf(JsonNode values) {
        return values.findValuesAsText("category");
    }

    static Map<String, String> withheld(JsonNode answer) {
        Map<String, String> withheld = new java.util.HashMap<>();
        answer.path("withheld").forEach(w -> withheld.put(w.path("category").asText(), w.path("reason").asText()));
        return withheld;
    }

    static JsonNode field(JsonNode answer, String name) {
        for (JsonNode value : answer.path("fields")) {
            if (value.path("field").asText().equals(name)) {
                return value;
            }
        }
        throw new AssertionError("no field " + name + " in " + answer.path("fields").findValuesAsText("field"));
    }

    static void assertRefused(ThrowingAction action) {
        assertThatThrownBy(action::run).isInstanceOf(JMSSecurityException.class);
    }

    interface ThrowingAction {
        void run() throws JMSException;
    }
}
