package org.citizenhub.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.provider.JpaSystemProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.narrative2.NullNarrativeGenerator;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.IncomingRequestAddressStrategy;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * A real HAPI FHIR JPA server (R4, H2 in memory) in this JVM, served by an embedded Tomcat on
 * {@code 127.0.0.1} and a free port at {@code http://127.0.0.1:<port>/fhir}; wired like the
 * hapi-fhir-jpaserver-starter's {@code RestfulServer}: every JPA resource provider, the system provider
 * (transactions), database-backed paging and ETag support.
 */
final class HapiJpaServer implements AutoCloseable {

    private final AnnotationConfigApplicationContext spring;
    private final Tomcat tomcat;
    private final int port;

    private HapiJpaServer(AnnotationConfigApplicationContext spring, Tomcat tomcat, int port) {
        this.spring = spring;
        this.tomcat = tomcat;
        this.port = port;
    }

    static HapiJpaServer start() {
        AnnotationConfigApplicationContext spring = new AnnotationConfigApplicationContext(HapiJpaServerConfig.class);
        try {
            RestfulServer fhir = restfulServer(spring);
            Tomcat tomcat = new Tomcat();
            tomcat.setBaseDir(Files.createTempDirectory("hapi-jpa-tomcat").toString());
            Connector connector = new Connector();
            connector.setProperty("address", "127.0.0.1");
            connector.setPort(0);
            tomcat.setConnector(connector);
            StandardContext context = (StandardContext) tomcat.addContext("", null);
            context.setClearReferencesObjectStreamClassCaches(false);
            context.setClearReferencesThreadLocals(false);
            context.setClearReferencesRmiTargets(false);
            Tomcat.addServlet(context, "fhir", fhir).setLoadOnStartup(1);
            context.addServletMappingDecoded("/fhir/*", "fhir");
            tomcat.start();
            int port = connector.getLocalPort();
            if (port <= 0) {
                tomcat.stop();
                throw new IllegalStateException("HAPI JPA server could not bind a port on 127.0.0.1");
            }
            return new HapiJpaServer(spring, tomcat, port);
        } catch (IOException e) {
            spring.close();
            throw new UncheckedIOException(e);
        } catch (LifecycleException | RuntimeException e) {
            spring.close();
            throw new IllegalStateException("HAPI JPA server did not start", e);
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static RestfulServer restfulServer(AnnotationConfigApplicationContext spring) {
        IFhirSystemDao systemDao = spring.getBean(IFhirSystemDao.class);
        RestfulServer server = new RestfulServer(systemDao.getContext());
        systemDao.getContext().setNarrativeGenerator(new NullNarrativeGenerator());
        server.registerProviders(spring.getBean(ResourceProviderFactory.class).createProviders());
        server.registerProvider(spring.getBean(JpaSystemProvider.class));
        JpaStorageSettings storageSettings = spring.getBean(JpaStorageSettings.class);
        server.setServerConformanceProvider(new JpaCapabilityStatementProvider(server, systemDao, storageSettings,
                spring.getBean(ISearchParamRegistry.class), spring.getBean(IValidationSupport.class)));
        DatabaseBackedPagingProvider paging = spring.getBean(DatabaseBackedPagingProvider.class);
        // the starter's defaults (hapi.fhir.default_page_size / max_page_size)
        paging.setDefaultPageSize(20);
        paging.setMaximumPageSize(200);
        server.setPagingProvider(paging);
        server.setDefaultResponseEncoding(EncodingEnum.JSON);
        server.setServerAddressStrategy(new IncomingRequestAddressStrategy());
        return server;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port + "/fhir";
    }

    <T> T bean(Class<T> type) {
        return spring.getBean(type);
    }

    DaoRegistry daos() {
        return spring.getBean(DaoRegistry.class);
    }

    @Override
    public void close() {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            // shutting down anyway
        } finally {
            spring.close();
        }
    }
}
