package org.citizenhub.agency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;
import org.citizenhub.HubIntegrationTest;
import org.citizenhub.Schemas;
import org.citizenhub.connectors.vault.VaultChange;
import org.citizenhub.connectors.vault.VaultJson;
import org.citizenhub.events.CitizenEvents;
import org.citizenhub.mappings.citizen.CitizenField;
import org.citizenhub.population.PopulationIngest;
import org.citizenhub.sandbox.synthetic.Population;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/** What the hub sends agencies conforms to the JSON Schemas in contracts/. */
class ContractsTest extends HubIntegrationTest {

    @Autowired TestRestTemplate http;
    @Autowired Population population;
    @Autowired PopulationIngest ingest;
    @Autowired CitizenEvents events;
    @Autowired CitizenLookup lookup;

    private static Set<ValidationMessage> validate(String schemaName, String json) throws Exception {
        return Schemas.validate(schemaName, json);
    }

    @Test
    void lookupRepliesOfEveryKindConform() throws Exception {
        await().atMost(Duration.ofSeconds(120)).until(ingest::changeFeedReady);
        String id = population.people().get(9).personalId();

        for (String path : new String[] {"/api/citizens/" + id, "/api/citizens/048090999999", "/api/citizens/12"}) {
            String body = http.getForObject(path, String.class);
            assertThat(validate("citizen-lookup-reply.schema.json", body)).as(path).isEmpty();
        }
        assertThat(validate("citizen-lookup-reply.schema.json", VaultJson.write(lookup.answerRequest("x".repeat(20_000)))))
                .isEmpty();
    }

    @Test
    void theSchemasRejectMessagesThatBreakThem() throws Exception {
        assertThat(validate("citizen-lookup-reply.schema.json", "{\"status\":\"FOUND\"}")).isNotEmpty();
        assertThat(validate("citizen-lookup-reply.schema.json", "{\"status\":\"ERROR\",\"error\":{\"code\":\"OOPS\",\"message\":\"x\"}}"))
                .isNotEmpty();
        assertThat(validate("citizen-lookup-request.schema.json", "{\"id\":\"048090001234\"}")).isNotEmpty();
    }

    @Test
    void theRequestExampleAndEventsConform() throws Exception {
        await().atMost(Duration.ofSeconds(120)).until(ingest::changeFeedReady);
        assertThat(validate("citizen-lookup-request.schema.json", "{\"personalId\": \"048 090 001 234\"}")).isEmpty();
        var golden = lookup.byPersonalId(population.people().get(9).personalId()).citizen();

        String event = events.changedEventJson(new VaultChange(golden, false, Set.of(CitizenField.PERMANENT_ADDRESS),
                golden.sourceRecords().get(0)));

        assertThat(validate("citizen-changed-event.schema.json", event)).isEmpty();
    }
}
