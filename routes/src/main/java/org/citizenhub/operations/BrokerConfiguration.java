package org.citizenhub.operations;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Policy of the embedded broker, the same as {@code config/broker/broker.xml} sets on an external one:
 * a message the broker could not deliver after 5 attempts goes to {@code DLQ}, an expired one to
 * {@code ExpiryQueue}; duplicate detection
 * (on by default) drops a message whose {@code _AMQ_DUPL_ID} it has seen.
 */
@Configuration(proxyBeanMethods = false)
public class BrokerConfiguration {

    @Bean
    ArtemisConfigurationCustomizer hubBrokerPolicy(BrokerProperties broker) {
        return configuration -> {
            if (broker.tcpAcceptor() != null && !broker.tcpAcceptor().isBlank()) {
                // agencies and tools connect over TCP; the hub itself uses the in-VM connector
                try {
                    configuration.addAcceptorConfiguration("agencies", broker.tcpAcceptor());
                } catch (Exception e) {
                    throw new IllegalStateException("invalid citizenhub.broker.tcp-acceptor", e);
                }
            }
            configuration.addAddressSetting("#", new AddressSettings()
                    .setDeadLetterAddress(SimpleString.of("DLQ"))
                    .setExpiryAddress(SimpleString.of("ExpiryQueue"))
                    .setMaxDeliveryAttempts(5)
                    .setRedeliveryDelay(1000));
            configuration.setIDCacheSize(100_000);
            configuration.setPersistIDCache(true);
            configuration.setJMXManagementEnabled(true);
        };
    }
}
