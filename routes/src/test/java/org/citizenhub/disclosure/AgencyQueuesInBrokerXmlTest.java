package org.citizenhub.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.citizenhub.mappings.disclosure.Catalogue;
import org.citizenhub.mappings.disclosure.Catalogue.Agency;
import org.citizenhub.mappings.disclosure.CatalogueReader;
import org.junit.jupiter.api.Test;

/**
 * An external broker configured with config/broker/broker.xml gives every agency of config/agencies.yaml
 * exactly what the embedded broker gives it: send on its requests queue, consume on its replies and
 * events queues, nothing anywhere else; and it stamps the validated user on every message.
 */
class AgencyQueuesInBrokerXmlTest {

    @Test
    void everyAgencyHasItsQueuesAndOnlyThem() throws Exception {
        FileConfiguration broker = new FileConfiguration();
        FileDeploymentManager deployment = new FileDeploymentManager(
                Path.of("../config/broker/broker.xml").toAbsolutePath().toUri().toString());
        deployment.addDeployable(broker);
        deployment.readConfiguration();
        Catalogue catalogue = CatalogueReader.read(new FileInputStream("../config/procedures.yaml"), "procedures.yaml",
                new FileInputStream("../config/agencies.yaml"), "agencies.yaml");

        assertThat(broker.isPopulateValidatedUser()).isTrue();
        assertThat(broker.isRejectEmptyValidatedUser()).isTrue();
        Map<String, Set<Role>> security = broker.getSecurityRoles();
        Role results = roleIn(security, "hub.portal.results", "agency-portal");
        assertThat(results.isSend()).isTrue();
        assertThat(results.isConsume() || results.isBrowse()).isFalse();
        for (Agency agency : catalogue.agencies().values()) {
            String role = "agency-" + agency.id();
            assertThat(broker.getAddressConfigurations()).extracting(CoreAddressConfiguration::getName)
                    .contains(agency.requestQueue(), agency.replyQueue(), agency.eventQueue());
            Role requests = roleIn(security, agency.requestQueue(), role);
            assertThat(requests.isSend()).isTrue();
            assertThat(requests.isConsume() || requests.isBrowse() || requests.isCreateAddress()).isFalse();
            for (String queue : new String[] {agency.replyQueue(), agency.eventQueue()}) {
                Role reader = roleIn(security, queue, role);
                assertThat(reader.isConsume()).isTrue();
                assertThat(reader.isSend() || reader.isCreateAddress() || reader.isManage()).isFalse();
            }
            security.forEach((match, roles) -> {
                boolean portalResults = agency.id().equals("portal") && match.equals("hub.portal.results");
                if (!match.startsWith("hub.agency." + agency.id() + ".") && !portalResults) {
                    assertThat(roles).as(match).noneMatch(r -> r.getName().equals(role));
                }
            });
        }
    }

    private static Role roleIn(Map<String, Set<Role>> security, String match, String role) {
        assertThat(security).containsKey(match);
        return security.get(match).stream().filter(r -> r.getName().equals(role)).findFirst()
                .orElseThrow(() -> new AssertionError(role + " has no permission on " + match));
    }
}
