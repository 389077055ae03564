package org.citizenhub.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;

import org.apache.camel.CamelContext;
import org.citizenhub.HubIntegrationTest;
import org.citizenhub.population.PopulationIngest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/** What operations and IT staff rely on: Hawtio/Jolokia by route id, metrics, health, YAML routes. */
class OperationsTest extends HubIntegrationTest {

    @Autowired TestRestTemplate http;
    @Autowired CamelContext camel;
    @Autowired PopulationIngest ingest;

    @Test
    void hawtioAndJolokiaShowTheRoutesByTheirIds() {
        assertThat(http.getForEntity("/actuator/hawtio/", String.class).getStatusCode().value()).isEqualTo(200);

        String routes = http.getForObject("/actuator/jolokia/search/org.apache.camel:type=routes,*", String.class);

        assertThat(routes).contains("population-initial-load", "population-change-feed", "population-change-apply",
                "agency-citizen-lookup", "citizen-changed-audit");
        String state = http.getForObject(
                "/actuator/jolokia/read/org.apache.camel:context=citizen-hub,type=routes,name=\"population-change-apply\"/State",
                String.class);
        assertThat(state).contains("\"value\":\"Started\"");
    }

    @Test
    void exposesHealthAndTheInitialLoadProgressAsMetrics() {
        await().atMost(Duration.ofSeconds(120)).until(ingest::changeFeedReady);

        assertThat(http.getForObject("/actuator/health", String.class)).contains("\"status\":\"UP\"");
        String metrics = http.getForObject("/actuator/prometheus", String.class);
        assertThat(metrics).contains("citizenhub_job_items_citizens_total{application=\"citizen-hub\",job=\"population-initial-load\"} 300.0");
        assertThat(metrics).contains("routeId=\"population-change-feed\"");
    }

    @Test
    void loadsTheShippedYamlRouteAndPicksUpANewOneWithoutARestart() throws Exception {
        assertThat(camel.getRoute("citizen-changed-audit")).isNotNull();

        Files.writeString(ROUTES_DIR.resolve("it-heartbeat.camel.yaml"), """
                - route:
                    id: it-heartbeat
                    from:
                      uri: timer:it-heartbeat?period=60000
                      steps:
                        - log: "heartbeat"
                """);

        await().atMost(Duration.ofSeconds(30)).until(() -> camel.getRoute("it-heartbeat") != null);
    }
}
