package org.citizenhub.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import org.citizenhub.HubIntegrationTest;
import org.citizenhub.connectors.vault.VaultJson;
import org.citizenhub.population.PopulationIngest;
import org.citizenhub.sandbox.synthetic.Person;
import org.citizenhub.sandbox.synthetic.Population;
import jakarta.jms.ConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.jms.core.JmsTemplate;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Whatever agencies and the portal send — good requests, bad ones, requests full of someone's data —
 * the hub's log (every logger, every level it writes, exception messages included) never carries a
 * personal ID number or a full name of the synthetic population.
 */
class NoPersonalDataInLogsTest extends HubIntegrationTest {

    @Autowired PopulationIngest ingest;
    @Autowired Population population;
    @Autowired TestRestTemplate http;
    @Autowired ConnectionFactory connectionFactory;

    @Test
    void disclosuresGoodAndBadLeaveNoPersonalDataInTheLog() throws Exception {
        await().atMost(Duration.ofSeconds(120)).until(ingest::changeFeedReady);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(captured);
        List<Person> people = population.people().subList(60, 66);
        try {
            for (Person person : people) {
                String id = person.personalId();
                String name = person.name().family() + " " + person.name().given();
                AgencyAccessTest.ask("social-insurance", "social-insurance-dev-secret", VaultJson.write(Map.of(
                        "operation", "lookup", "purpose", "social-insurance-eligibility", "personalId", id,
                        "categories", List.of("IDENTITY"))));
                AgencyAccessTest.ask("social-insurance", "social-insurance-dev-secret", "{\"operation\":\"lookup\",\"personalId\":\""
                        + id + "\",\"name\":\"" + name + "\"");                       // truncated JSON
                AgencyAccessTest.ask("traffic-police", "traffic-police-dev-secret", VaultJson.write(Map.of(
                        "operation", "prefill", "procedure", "no-such-procedure", "personalId", id)));
                post("/api/portal/results", "{\"personalId\":\"" + id + "\",\"procedure\":\"driving-licence-renewal\","
                        + "\"documentType\":\"DRIVING_LICENCE\",\"documentNumber\":\"X\",\"issuer\":\"" + name
                        + "\",\"issuedOn\":\"31/02/2020\",\"data\":{}}");                   // impossible date
                // over JMS a bad result is parked, and the parking is logged with its reason
                new JmsTemplate(connectionFactory).convertAndSend("hub.portal.results", "{\"personalId\":\"" + id
                        + "\",\"procedure\":\"driving-licence-renewal\",\"documentType\":\"DRIVING_LICENCE\","
                        + "\"documentNumber\":\"" + id + "\",\"issuer\":\"" + name + "\",\"issuedOn\":\"" + name + "\",\"data\":{}}");
                post("/api/portal/consents", "{\"personalId\":\"" + id + "\",\"agency\":\"social-insurance\","
                        + "\"purpose\":\"social-insurance-eligibility\",\"categories\":[\"" + name + "\"]}"); // unknown category
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> parkings(captured) >= people.size());
        } finally {
            root.detachAppender(captured);
        }

        String log = events(captured).stream().map(NoPersonalDataInLogsTest::text).collect(Collectors.joining("\n"));
        Set<String> secrets = people.stream().flatMap(p -> java.util.stream.Stream.of(p.personalId(),
                p.name().family() + " " + (p.name().middle().isEmpty() ? "" : p.name().middle() + " ") + p.name().given()))
                .collect(Collectors.toSet());
        for (String secret : secrets) {
            assertThat(log).as("the log").doesNotContain(secret);
        }
    }

    /** The events so far (the appender adds under its own lock). */
    private static List<ILoggingEvent> events(ListAppender<ILoggingEvent> captured) {
        synchronized (captured) {
            return new ArrayList<>(captured.list);
        }
    }

    private static long parkings(ListAppender<ILoggingEvent> captured) {
        return events(captured).stream().filter(e -> e.getFormattedMessage().startsWith("Parked a message from portal-results")).count();
    }

    private void post(String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        http.withBasicAuth("portal", "portal-dev-secret").postForEntity(path, new HttpEntity<>(body, headers), String.class);
    }

    private static String text(ILoggingEvent event) {
        List<String> parts = new ArrayList<>();
        parts.add(event.getFormattedMessage());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            parts.add(t.getClassName() + ": " + t.getMessage());
        }
        return String.join(" | ", parts);
    }
}
