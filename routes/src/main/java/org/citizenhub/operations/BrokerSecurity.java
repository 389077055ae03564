package org.citizenhub.operations;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;
import org.citizenhub.disclosure.DisclosureProperties;
import org.citizenhub.mappings.disclosure.Catalogue;
import org.citizenhub.mappings.disclosure.Catalogue.Agency;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportSelector;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * Who may do what on the embedded broker. Every connection authenticates: the hub with its own account,
 * each agency of {@code config/agencies.yaml} with its own. Per-address permissions: an agency may only
 * send to {@code hub.agency.<id>.requests} and only read {@code hub.agency.<id>.replies} and
 * {@code hub.agency.<id>.events}; everything else is the hub's alone, and agencies can create no address
 * or queue (auto-creation is also off under {@code hub.agency.#}). The broker stamps every message with
 * the user it authenticated ({@code JMSXUserID}, overwriting whatever the sender put there); the hub
 * takes the calling agency from that, never from a header. An external broker gets the same rules from
 * {@code config/broker/broker.xml}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "spring.artemis.mode", havingValue = "embedded")
@EnableConfigurationProperties(ArtemisProperties.class)
@Import(BrokerSecurity.EmbeddedBroker.class)
public class BrokerSecurity {

    /**
     * Spring Boot's Artemis auto-configuration backs off entirely (embedded server and its properties
     * included) once the hub defines its own {@link ConnectionFactory}; this brings back its embedded
     * server configuration (package-private in Spring Boot, hence imported by name).
     */
    static final class EmbeddedBroker implements ImportSelector {
        @Override
        public String[] selectImports(AnnotationMetadata metadata) {
            return new String[] {"org.springframework.boot.autoconfigure.jms.artemis.ArtemisEmbeddedServerConfiguration"};
        }
    }

    static final String HUB_ROLE = "hub";

    /** The hub's password on the embedded broker: configured, or random for this run. */
    @Bean
    HubBrokerCredentials hubBrokerCredentials(BrokerProperties broker) {
        String password = broker.hubPassword();
        if (password == null || password.isBlank()) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            password = HexFormat.of().formatHex(random);
        }
        return new HubBrokerCredentials(BrokerProperties.HUB_USER, password);
    }

    /** The hub's account and password on its embedded broker. */
    public record HubBrokerCredentials(String user, String password) {
        @Override
        public String toString() {
            return "HubBrokerCredentials[" + user + "]";
        }
    }

    @Bean
    ArtemisConfigurationCustomizer agencyPermissions(Catalogue catalogue) {
        return configuration -> {
            configuration.setSecurityEnabled(true);
            configuration.setPopulateValidatedUser(true);
            configuration.setRejectEmptyValidatedUser(true);
            Role hub = new Role(HUB_ROLE, true, true, true, true, true, true, true, true, true, true, true, true);
            configuration.putSecurityRoles("#", Set.of(hub));
            for (Agency agency : catalogue.agencies().values()) {
                String role = roleOf(agency);
                configuration.putSecurityRoles(agency.requestQueue(), Set.of(hub, sendOnly(role)));
                configuration.putSecurityRoles(agency.replyQueue(), Set.of(hub, consumeOnly(role)));
                configuration.putSecurityRoles(agency.eventQueue(), Set.of(hub, consumeOnly(role)));
                configuration.addAddressConfiguration(queue(agency.requestQueue()));
                configuration.addAddressConfiguration(queue(agency.replyQueue()));
                configuration.addAddressConfiguration(queue(agency.eventQueue()));
            }
            // merged with the broker-wide settings of BrokerConfiguration (dead letters, expiry)
            configuration.addAddressSetting("hub.agency.#", new AddressSettings()
                    .setAutoCreateAddresses(false)
                    .setAutoCreateQueues(false));
        };
    }

    /** The accounts, given to the broker before it starts (Spring Boot offers no other hook for them). */
    @Bean
    static BeanPostProcessor brokerAccounts(ObjectProvider<Catalogue> catalogue, ObjectProvider<DisclosureProperties> disclosure,
                                            ObjectProvider<HubBrokerCredentials> hubCredentials) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof EmbeddedActiveMQ broker) {
                    SecurityConfiguration accounts = new SecurityConfiguration();
                    HubBrokerCredentials hub = hubCredentials.getObject();
                    accounts.addUser(hub.user(), hub.password());
                    accounts.addRole(hub.user(), HUB_ROLE);
                    Map<String, String> passwords = disclosure.getObject().accounts();
                    for (Agency agency : catalogue.getObject().agencies().values()) {
                        String password = passwords == null ? null : passwords.get(agency.id());
                        if (password == null || password.isBlank()) {
                            continue; // no password, no account: the agency cannot connect
                        }
                        accounts.addUser(agency.id(), password);
                        accounts.addRole(agency.id(), roleOf(agency));
                    }
                    broker.setSecurityManager(new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), accounts));
                }
                return bean;
            }
        };
    }

    /** The hub's own connections to the embedded broker (in-VM), authenticated as the hub. */
    @Bean
    ConnectionFactory jmsConnectionFactory(ArtemisProperties artemis, HubBrokerCredentials hub,
                                           ObjectProvider<EmbeddedActiveMQ> broker) {
        broker.getIfAvailable(); // started first
        ActiveMQConnectionFactory target = new ActiveMQConnectionFactory("vm://" + artemis.getEmbedded().getServerId());
        target.setUser(hub.user());
        target.setPassword(hub.password());
        CachingConnectionFactory caching = new CachingConnectionFactory(target);
        caching.setSessionCacheSize(10);
        // as Spring Boot's own (spring.jms.cache.consumers=false): a cached consumer would stay open on its
        // queue after close() and take messages meant for the next consumer (with another selector)
        caching.setCacheConsumers(false);
        return caching;
    }

    static String roleOf(Agency agency) {
        return "agency-" + agency.id();
    }

    private static Role sendOnly(String role) {
        return new Role(role, true, false, false, false, false, false, false, false, false, false, false, false);
    }

    private static Role consumeOnly(String role) {
        return new Role(role, false, true, false, false, false, false, false, false, false, false, false, false);
    }

    /** A durable anycast queue of its own name, declared up front (agencies cannot create it). */
    private static CoreAddressConfiguration queue(String name) {
        return new CoreAddressConfiguration().setName(name).addRoutingType(RoutingType.ANYCAST)
                .addQueueConfiguration(QueueConfiguration.of(name).setRoutingType(RoutingType.ANYCAST).setDurable(true));
    }
}
