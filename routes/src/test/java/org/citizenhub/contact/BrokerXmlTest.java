package org.citizenhub.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.junit.jupiter.api.Test;

/** An external broker configured with config/broker/broker.xml has what contact propagation needs. */
class BrokerXmlTest {

    @Test
    void declaresTheContactPropagationQueuesAndTheDivertThatFeedsThem() throws Exception {
        FileConfiguration broker = new FileConfiguration();
        FileDeploymentManager deployment = new FileDeploymentManager(
                Path.of("../config/broker/broker.xml").toAbsolutePath().toUri().toString());
        deployment.addDeployable(broker);
        deployment.readConfiguration();

        assertThat(broker.getAddressConfigurations()).extracting(CoreAddressConfiguration::getName)
                .contains(ContactPropagationBroker.PROPAGATION_QUEUE, ContactPropagationBroker.UPDATES_QUEUE, "citizen.changed");
        assertThat(broker.getDivertConfigurations()).singleElement().satisfies(divert -> {
            assertThat(divert.getAddress()).isEqualTo("citizen.changed");
            assertThat(divert.getForwardingAddress()).isEqualTo(ContactPropagationBroker.PROPAGATION_QUEUE);
            assertThat(divert.isExclusive()).as("the other subscribers still get every event").isFalse();
            assertThat(divert.getFilterString()).isEqualTo(ContactPropagationBroker.DIVERT_FILTER);
        });
    }
}
