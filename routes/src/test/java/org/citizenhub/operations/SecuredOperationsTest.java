package org.citizenhub.operations;

import static org.assertj.core.api.Assertions.assertThat;

import org.citizenhub.HubTest;
import org.citizenhub.HubTestResources;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.apache.camel.test.spring.junit5.DisableJmx;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** The production security settings: accounts for console and API, and the Jolokia policy of config/. */
@TestPropertySource(properties = {
        "citizenhub.security.enabled=true",
        "citizenhub.security.operations.username=ops",
        "citizenhub.security.operations.password=ops-secret",
        "citizenhub.security.api.username=agency",
        "citizenhub.security.api.password=agency-secret",
        "management.endpoint.jolokia.config.policyLocation=file:../config/jolokia-access.xml",
})
@HubTest
@DisableJmx(false)
class SecuredOperationsTest {

    private static final HubTestResources OWN = HubTestResources.create();

    private static final String ROUTE_STATE =
            "/actuator/jolokia/read/org.apache.camel:context=citizen-hub,type=routes,name=\"population-change-apply\"/State";

    @Autowired TestRestTemplate http;

    /** A context of its own next to the shared one: its own data directory and ports. */
    @DynamicPropertySource
    static void ownResources(DynamicPropertyRegistry registry) {
        OWN.register(registry);
    }

    @Test
    void healthStaysOpenForProbes() {
        assertThat(http.getForEntity("/actuator/health", String.class).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void consoleJolokiaAndApiNeedAnAccount() {
        assertThat(http.getForEntity("/actuator/hawtio/", String.class).getStatusCode().value()).isEqualTo(401);
        assertThat(http.getForEntity(ROUTE_STATE, String.class).getStatusCode().value()).isEqualTo(401);
        assertThat(http.getForEntity("/api/citizens/048090001234", String.class).getStatusCode().value()).isEqualTo(401);
        assertThat(http.withBasicAuth("ops", "wrong").getForEntity("/actuator/hawtio/", String.class)
                .getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void anAgencyAccountReachesTheApiButNotTheConsole() {
        TestRestTemplate agency = http.withBasicAuth("agency", "agency-secret");
        assertThat(agency.getForEntity("/api/citizens/048090999999", String.class).getStatusCode().value()).isEqualTo(404);
        assertThat(agency.getForEntity("/actuator/hawtio/", String.class).getStatusCode().value()).isEqualTo(403);
        assertThat(agency.getForEntity(ROUTE_STATE, String.class).getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void operationsMayReadAndRestartRoutesButNotStopTheHub() {
        TestRestTemplate ops = http.withBasicAuth("ops", "ops-secret");
        assertThat(ops.getForEntity("/actuator/hawtio/", String.class).getStatusCode().value()).isEqualTo(200);
        assertThat(ops.getForObject(ROUTE_STATE, String.class)).contains("\"status\":200", "Started");

        String stopHub = ops.getForObject(
                "/actuator/jolokia/exec/org.apache.camel:context=citizen-hub,type=context,name=\"citizen-hub\"/stop()",
                String.class);
        String stopHubByName = ops.getForObject(
                "/actuator/jolokia/exec/org.apache.camel:context=citizen-hub,type=context,name=\"citizen-hub\"/stop",
                String.class);
        String diagnostics = ops.getForObject(
                "/actuator/jolokia/exec/com.sun.management:type=DiagnosticCommand/help(java.lang.String[])/x", String.class);

        assertThat(stopHub).contains("\"status\":403");
        assertThat(stopHubByName).contains("\"status\":403");
        assertThat(diagnostics).contains("\"status\":403");
        assertThat(ops.getForObject(ROUTE_STATE, String.class)).contains("Started");
    }
}
