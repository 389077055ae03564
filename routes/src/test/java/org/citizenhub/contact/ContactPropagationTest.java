package org.citizenhub.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.citizenhub.HubIntegrationTest;
import org.citizenhub.connectors.school.GuardianContactUpdate;
import org.citizenhub.connectors.utility.AccountContactUpdate;
import org.citizenhub.connectors.vault.SchoolUtilityStore;
import org.citizenhub.connectors.vault.VaultJson;
import org.citizenhub.connectors.vault.VaultStore;
import org.citizenhub.events.CitizenEvents;
import org.citizenhub.mappings.citizen.Address;
import org.citizenhub.mappings.citizen.CitizenField;
import org.citizenhub.mappings.citizen.GoldenCitizen;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.utility.ServiceAccount;
import org.citizenhub.connectors.vault.VaultChange;
import org.citizenhub.operations.HubErrorHandling;
import org.citizenhub.population.PopulationIngest;
import org.citizenhub.sandbox.population.PopulationSimulator;
import org.citizenhub.sandbox.school.ReceivedGuardianContact;
import org.citizenhub.sandbox.school.SchoolSimulator;
import org.citizenhub.sandbox.synthetic.Person;
import org.citizenhub.sandbox.synthetic.Population;
import org.citizenhub.sandbox.synthetic.PopulationChange;
import org.citizenhub.sandbox.utility.ReceivedContactUpdate;
import org.citizenhub.sandbox.utility.UtilitySimulator;
import org.citizenhub.school.HouseholdGuardians;
import org.citizenhub.utility.UtilitySync;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jms.core.JmsTemplate;

/**
 * Declare once, end to end: a move registered in the population simulator reaches the school system
 * (guardian contact) and the utilities (account contact) exactly once, each with only the fields it may
 * have; refusals and outages are parked with their reason and nothing is lost or applied twice.
 */
class ContactPropagationTest extends HubIntegrationTest {

    private static final Duration READY = Duration.ofSeconds(180);
    private static final Duration REACHED = Duration.ofSeconds(30);

    @Autowired PopulationSimulator registry;
    @Autowired SchoolSimulator school;
    @Autowired UtilitySimulator utilities;
    @Autowired Population population;
    @Autowired PopulationIngest populationIngest;
    @Autowired UtilitySync utilitySync;
    @Autowired SchoolUtilityStore store;
    @Autowired HouseholdGuardians guardians;
    @Autowired VaultStore vault;
    @Autowired CitizenEvents events;
    @Autowired ConnectionFactory connectionFactory;
    @Autowired TestRestTemplate http;
    @Autowired CamelContext camel;

    private JmsTemplate jms;
    private Connection connection;

    @BeforeEach
    void schoolAndUtilitiesAreLinked() throws Exception {
        await().atMost(READY).until(populationIngest::changeFeedReady);
        await().atMost(READY).until(() -> List.of(SourceSystem.ELECTRICITY, SourceSystem.WATER, SourceSystem.SANITATION)
                .stream().allMatch(p -> utilitySync.lastCompleteSync(p).isPresent()));
        await().atMost(READY).until(() -> store.schoolResultCount() >= school.studentCount());
        jms = new JmsTemplate(connectionFactory);
        connection = connectionFactory.createConnection();
        connection.start();
    }

    @AfterEach
    void systemsBehave() throws Exception {
        for (SourceSystem p : List.of(SourceSystem.ELECTRICITY, SourceSystem.WATER, SourceSystem.SANITATION)) {
            utilities.setFault(p, UtilitySimulator.Fault.NONE, Duration.ZERO);
        }
        school.setFault(SchoolSimulator.Fault.NONE, Duration.ZERO);
        connection.close();
    }

    @Test
    void movesAnAddressToTheSchoolAndEveryUtilityOnceWithOnlyTheAllowedFields() throws Exception {
        Person holder = aResidentWith(g -> accountsOf(g).stream().map(ServiceAccount::provider).distinct().count() >= 2,
                g -> !accountsOf(g).isEmpty());
        Person guardian = aResidentWith(g -> !guardians.studentsGuardedBy(g).isEmpty(), g -> false);
        Address newHome = new Address("K45/7", "Hà Huy Tập", "Phường Thanh Khê", "20200", "", "Thành phố Đà Nẵng", null);
        String sent = newHome.oneLine();

        GoldenCitizen movedHolder = move(holder, newHome);
        GoldenCitizen movedGuardian = holder == guardian ? movedHolder : move(guardian, newHome);

        List<ServiceAccount> accounts = accountsOf(movedHolder);
        List<String> students = guardians.studentsGuardedBy(movedGuardian);
        for (ServiceAccount account : accounts) {
            if (account.provider() == SourceSystem.SANITATION) {
                continue; // its policy allows the phone only: checked below, once the others have arrived
            }
            String requestId = AccountContactUpdate.requestIdFor(account.sourceRef().key(), changeKey(movedHolder));
            await().atMost(REACHED).until(() -> receivedBy(account.provider(), requestId).size() == 1);
            assertThat(receivedBy(account.provider(), requestId).get(0).fields()).isEqualTo(Map.of(
                    account.provider() == SourceSystem.ELECTRICITY ? "diaChiLienHe" : "mailingAddress", sent));
        }
        for (String studentCode : students) {
            String requestId = GuardianContactUpdate.requestIdFor("SCHOOL:" + studentCode + "/guardian", changeKey(movedGuardian));
            await().atMost(REACHED).until(() -> receivedBySchool(requestId).size() == 1);
            assertThat(receivedBySchool(requestId).get(0)).isEqualTo(
                    new ReceivedGuardianContact(studentCode, requestId, Map.of("guardianAddress", sent)));
        }

        // the same event again, as a redelivery or a replay would bring it: nobody hears of the move twice
        NotifyBuilder replanned = new NotifyBuilder(camel).fromRoute("contact-propagation").whenCompleted(1).create();
        int schoolDuplicates = school.duplicateContactRequests();
        jms.send(ContactPropagationBroker.PROPAGATION_QUEUE, s -> s.createTextMessage(events.changedEventJson(
                new VaultChange(movedHolder, false, Set.of(CitizenField.PERMANENT_ADDRESS), null))));
        assertThat(replanned.matches(20, TimeUnit.SECONDS)).isTrue();

        for (ServiceAccount account : accounts) {
            assertThat(utilities.receivedContactUpdates(account.provider()))
                    .filteredOn(u -> u.customerCode().equals(account.customerCode()) && u.fields().containsValue(sent))
                    .as(account.provider() + " account").hasSize(account.provider() == SourceSystem.SANITATION ? 0 : 1);
        }
        assertThat(school.receivedContactUpdates()).filteredOn(u -> u.fields().containsValue(sent))
                .extracting(ReceivedGuardianContact::studentCode).containsExactlyInAnyOrderElementsOf(students);
        assertThat(school.duplicateContactRequests()).isEqualTo(schoolDuplicates);
    }

    @Test
    void anUpdateDeliveredTwiceIsSentOnce() throws Exception {
        ServiceAccount account = anAccountOf(SourceSystem.WATER);
        ContactUpdateOrder order = order(account, "0905" + (100_000 + (int) (Math.random() * 800_000)));
        NotifyBuilder handled = new NotifyBuilder(camel).fromRoute("contact-update-send")
                .filter(e -> order.equals(e.getProperty("order"))).whenDone(2).create();

        send(order, "twice-1");
        send(order, "twice-2");

        assertThat(handled.matches(20, TimeUnit.SECONDS)).isTrue();
        assertThat(receivedBy(SourceSystem.WATER, order.requestId())).hasSize(1);
        assertThat(store.isSent(order.requestId())).isTrue();
    }

    @Test
    void parksAnUpdateTheProviderRefusesAtOnceWithItsReason() throws Exception {
        ContactUpdateOrder unknownAccount = new ContactUpdateOrder(UUID.randomUUID().toString(), SourceSystem.WATER,
                "DNW99999999", "no-such-citizen", 1, "0905000111", null, null);
        String testCase = UUID.randomUUID().toString();

        send(unknownAccount, testCase);

        Message parked = parkedMessage(testCase);
        assertThat(parked.getStringProperty(HubErrorHandling.FAILURE_REASON))
                .isEqualTo("RefusedRequestException: WATER refused the contact update: HTTP 404 (the record is unknown there)");
        assertThat(parked.getStringProperty(HubErrorHandling.FAILED_ROUTE)).isEqualTo("contact-update-send");
        assertThat(parked.getStringProperty(HubErrorHandling.REPLAY_TO)).isEqualTo(ContactPropagationBroker.UPDATES_QUEUE);
        assertThat(utilities.refusedContactUpdates(SourceSystem.WATER)).containsOnlyOnce("404 no such account");
        assertThat(store.isSent(unknownAccount.requestId())).isFalse();
    }

    @Test
    void retriesAProviderThatIsDownThenParksAndAppliesOnceWhenReplayed() throws Exception {
        ServiceAccount account = anAccountOf(SourceSystem.ELECTRICITY);
        ContactUpdateOrder order = order(account, "0935" + (100_000 + (int) (Math.random() * 800_000)));
        String testCase = UUID.randomUUID().toString();
        utilities.setFault(SourceSystem.ELECTRICITY, UtilitySimulator.Fault.UNAVAILABLE, Duration.ZERO);

        send(order, testCase);

        Message parked = parkedMessage(testCase);
        assertThat(parked.getStringProperty(HubErrorHandling.FAILURE_REASON))
                .isEqualTo("SystemUnavailableException: ELECTRICITY answered the contact update with HTTP 503");
        assertThat(receivedBy(SourceSystem.ELECTRICITY, order.requestId())).isEmpty();

        utilities.setFault(SourceSystem.ELECTRICITY, UtilitySimulator.Fault.NONE, Duration.ZERO);
        jms.send("hub.dead-letter", s -> copyOf(s, parked));
        assertThat(http.postForObject("/api/operations/dead-letters/replay", null, String.class)).startsWith("replayed");

        await().atMost(REACHED).until(() -> store.isSent(order.requestId()));
        assertThat(receivedBy(SourceSystem.ELECTRICITY, order.requestId())).hasSize(1);
    }

    @Test
    void aProviderThatTimesOutIsParkedAndTheReplayAppliesTheUpdateOnce() throws Exception {
        ServiceAccount account = anAccountOf(SourceSystem.WATER);
        ContactUpdateOrder order = order(account, "0945" + (100_000 + (int) (Math.random() * 800_000)));
        String testCase = UUID.randomUUID().toString();
        // slower than the hub waits: the provider applies the update, but the hub never hears it did
        utilities.setFault(SourceSystem.WATER, UtilitySimulator.Fault.SLOW, Duration.ofMillis(2_500));

        send(order, testCase);

        Message parked = parkedMessage(testCase);
        assertThat(parked.getStringProperty(HubErrorHandling.FAILURE_REASON)).containsIgnoringCase("timed out");
        assertThat(store.isSent(order.requestId())).isFalse();

        utilities.setFault(SourceSystem.WATER, UtilitySimulator.Fault.NONE, Duration.ZERO);
        jms.send("hub.dead-letter", s -> copyOf(s, parked));
        assertThat(http.postForObject("/api/operations/dead-letters/replay", null, String.class)).startsWith("replayed");

        await().atMost(REACHED).until(() -> store.isSent(order.requestId()));
        assertThat(receivedBy(SourceSystem.WATER, order.requestId())).as("applied once, however often it was sent").hasSize(1);
        assertThat(utilities.duplicateContactRequests(SourceSystem.WATER)).isPositive();
    }

    // ------------------------------------------------------------------ helpers

    /** A living resident whose golden record passes the test (linked accounts, guarded students …), else the fallback. */
    private Person aResidentWith(Predicate<GoldenCitizen> wanted, Predicate<GoldenCitizen> fallback) {
        for (Predicate<GoldenCitizen> test : List.of(wanted, fallback)) {
            for (Person p : population.people()) {
                GoldenCitizen golden = p.dateOfDeath() == null ? vault.findByPersonalId(p.personalId()).orElse(null) : null;
                if (golden != null && test.test(golden)) {
                    return p;
                }
            }
        }
        throw new AssertionError("no resident of the synthetic population fits");
    }

    private List<ServiceAccount> accountsOf(GoldenCitizen golden) {
        return store.accountsOf(golden.citizenId());
    }

    private ServiceAccount anAccountOf(SourceSystem provider) {
        Person holder = aResidentWith(g -> accountsOf(g).stream().anyMatch(a -> a.provider() == provider), g -> false);
        GoldenCitizen golden = vault.findByPersonalId(holder.personalId()).orElseThrow();
        return accountsOf(golden).stream().filter(a -> a.provider() == provider).findFirst().orElseThrow();
    }

    private static ContactUpdateOrder order(ServiceAccount account, String phone) {
        return new ContactUpdateOrder(UUID.randomUUID().toString(), account.provider(), account.customerCode(),
                "test-citizen", 1, phone, null, null);
    }

    private GoldenCitizen move(Person p, Address newHome) {
        long version = vault.findByPersonalId(p.personalId()).orElseThrow().version();
        registry.publish(PopulationChange.Type.ADDRESS_CHANGED, new Person(p.personKey(), p.personalId(), p.name(), p.sex(),
                p.dateOfBirth(), p.placeOfOrigin(), p.householdId(), p.relationToHead(), newHome, p.phone(), p.email(),
                p.dateOfDeath()));
        await().atMost(REACHED).until(() -> vault.findByPersonalId(p.personalId()).orElseThrow().version() > version);
        GoldenCitizen moved = vault.findByPersonalId(p.personalId()).orElseThrow();
        assertThat(moved.permanentAddress().value()).isEqualTo(newHome);
        return moved;
    }

    private static String changeKey(GoldenCitizen golden) {
        return golden.citizenId() + ":" + golden.version();
    }

    private List<ReceivedContactUpdate> receivedBy(SourceSystem provider, String requestId) {
        return utilities.receivedContactUpdates(provider).stream().filter(u -> u.requestId().equals(requestId)).toList();
    }

    private List<ReceivedGuardianContact> receivedBySchool(String requestId) {
        return school.receivedContactUpdates().stream().filter(u -> u.requestId().equals(requestId)).toList();
    }

    private void send(ContactUpdateOrder order, String testCase) {
        jms.send(ContactPropagationBroker.UPDATES_QUEUE, s -> {
            Message m = s.createTextMessage(VaultJson.write(order));
            m.setStringProperty("testCase", testCase);
            return m;
        });
    }

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
        List<String> names = new ArrayList<>(List.of("testCase", HubErrorHandling.FAILURE_REASON, HubErrorHandling.FAILED_ROUTE,
                HubErrorHandling.REPLAY_TO));
        for (String name : names) {
            copy.setStringProperty(name, parked.getStringProperty(name));
        }
        return copy;
    }
}
