package org.citizenhub.sandbox.health;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.FifoMemoryPagingProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.citizenhub.mappings.health.FhirR4;
import org.citizenhub.mappings.health.IdentifierSystems;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health-record system of the sandbox: a real FHIR R4 server (HAPI's plain {@link RestfulServer}
 * in an embedded Tomcat) on its own port, base URL {@code http://localhost:<port>/fhir}, serving
 * Patient, DiagnosticReport (driver health-check certificates), Immunization and Subscription from
 * memory.
 *
 * <p>Supports read, vread, search by {@code identifier}, {@code _lastUpdated}, {@code patient} /
 * {@code subject} and Subscription {@code url}, paging ({@code _count}, {@code next} links), create,
 * conditional create (If-None-Exist), update with If-Match (412 on a stale version), conditional
 * update, versioning (ETag, meta.versionId, meta.lastUpdated), transaction bundles, and rest-hook
 * subscriptions (empty POST or PUT of the resource, by the channel's payload). Searches are cached
 * like HAPI's JPA server caches them unless the client sends {@code Cache-Control: no-cache}.
 * {@link #faults()} makes it misbehave on purpose.
 */
public final class FhirSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FhirSimulator.class);

    private final Settings settings;
    private final ResourceRepository repository;
    private final SimulatorFaults faults = new SimulatorFaults();
    private final SubscriptionNotifier notifier;
    private final SeedResources seedResources;
    private final Map<String, String> personKeyByPatientId = new HashMap<>();
    private Tomcat tomcat;
    private int port = -1;

    /**
     * @param identifierSystems     under which system Patients carry the personal ID
     * @param searchCacheTtl        how long an identical search is answered from cache (HAPI JPA: 60 s)
     * @param defaultPageSize       page size when the client gives no {@code _count}
     * @param maxPageSize           largest {@code _count} honoured
     * @param maxTransactionEntries larger transaction bundles get 413
     */
    public record Settings(IdentifierSystems identifierSystems, Duration searchCacheTtl, int defaultPageSize,
                           int maxPageSize, int maxTransactionEntries, Clock clock) {
        public static Settings defaults() {
            return new Settings(IdentifierSystems.DEFAULT, Duration.ofSeconds(60), 50, 1000, 1000, Clock.systemUTC());
        }

        public Settings withSearchCacheTtl(Duration ttl) {
            return new Settings(identifierSystems, ttl, defaultPageSize, maxPageSize, maxTransactionEntries, clock);
        }

        public Settings withMaxTransactionEntries(int max) {
            return new Settings(identifierSystems, searchCacheTtl, defaultPageSize, maxPageSize, max, clock);
        }
    }

    public FhirSimulator() {
        this(Settings.defaults());
    }

    public FhirSimulator(Settings settings) {
        this.settings = settings;
        this.repository = new ResourceRepository(settings.clock());
        this.notifier = new SubscriptionNotifier(repository);
        this.repository.addListener(notifier);
        this.seedResources = new SeedResources(settings.identifierSystems());
    }

    /** Loads the seeds' Patients, certificates and immunizations (before or after start). */
    public FhirSimulator load(List<PatientSeed> seeds) {
        Instant now = settings.clock().instant();
        for (PatientSeed seed : seeds) {
            Patient patient = seedResources.patient(seed);
            String id = patient.getIdElement().getIdPart();
            repository.update("Patient", id, patient, Optional.empty());
            synchronized (personKeyByPatientId) {
                personKeyByPatientId.put(id, seed.personKey());
            }
            if (seed.certificate() != null) {
                DiagnosticReport report = seedResources.certificate(seed, now);
                repository.update("DiagnosticReport", report.getIdElement().getIdPart(), report, Optional.empty());
            }
            for (Immunization immunization : seedResources.immunizations(seed, now)) {
                repository.update("Immunization", immunization.getIdElement().getIdPart(), immunization, Optional.empty());
            }
        }
        LOG.info("FHIR simulator loaded {} patient seeds", seeds.size());
        return this;
    }

    /**
     * Starts serving on the port (0 = any free port) and answers the port.
     *
     * @throws IllegalStateException when it is already running or the port is taken
     */
    public synchronized int start(int wantedPort) {
        if (tomcat != null) {
            throw new IllegalStateException("FHIR simulator already running on port " + port);
        }
        RestfulServer server = new RestfulServer(FhirR4.context());
        server.setDefaultResponseEncoding(EncodingEnum.JSON);
        FifoMemoryPagingProvider paging = new FifoMemoryPagingProvider(200);
        paging.setDefaultPageSize(settings.defaultPageSize());
        paging.setMaximumPageSize(settings.maxPageSize());
        server.setPagingProvider(paging);
        server.setResourceProviders(
                new InMemoryResourceProvider<>(Patient.class, repository, settings.clock(), settings.searchCacheTtl()),
                new InMemoryResourceProvider<>(DiagnosticReport.class, repository, settings.clock(), settings.searchCacheTtl()),
                new InMemoryResourceProvider<>(Immunization.class, repository, settings.clock(), settings.searchCacheTtl()),
                new SubscriptionResourceProvider(repository, settings.clock()));
        server.registerProvider(new TransactionProvider(repository, settings.maxTransactionEntries()));

        Tomcat container = new Tomcat();
        try {
            container.setBaseDir(Files.createTempDirectory("fhir-simulator").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Connector connector = new Connector();
        connector.setPort(wantedPort);
        container.setConnector(connector);
        StandardContext context = (StandardContext) container.addContext("", null);
        // the simulator stops and starts in one JVM; Tomcat's leak hunting needs --add-opens and only warns
        context.setClearReferencesObjectStreamClassCaches(false);
        context.setClearReferencesThreadLocals(false);
        context.setClearReferencesRmiTargets(false);
        Tomcat.addServlet(context, "fhir", server).setLoadOnStartup(1);
        context.addServletMappingDecoded("/fhir/*", "fhir");
        FilterDef filter = new FilterDef();
        filter.setFilterName("faults");
        filter.setFilter(new FaultInjectionFilter(faults));
        context.addFilterDef(filter);
        FilterMap mapping = new FilterMap();
        mapping.setFilterName("faults");
        mapping.addURLPattern("/*");
        context.addFilterMap(mapping);
        try {
            container.start();
        } catch (LifecycleException e) {
            throw new IllegalStateException("FHIR simulator could not start on port " + wantedPort, e);
        }
        if (connector.getLocalPort() <= 0) {
            stopQuietly(container);
            throw new IllegalStateException("FHIR simulator could not bind port " + wantedPort);
        }
        tomcat = container;
        port = connector.getLocalPort();
        LOG.info("FHIR simulator serving {} patients at {}", repository.count("Patient"), baseUrl());
        return port;
    }

    /** Stops serving; the data stays, so {@link #start(int)} on the same port brings the same server back. */
    public synchronized void stop() {
        if (tomcat != null) {
            faults.clear();
            stopQuietly(tomcat);
            tomcat = null;
        }
    }

    @Override
    public void close() {
        stop();
        notifier.shutdown();
    }

    public synchronized boolean isRunning() {
        return tomcat != null;
    }

    public synchronized int port() {
        return port;
    }

    /** {@code http://localhost:<port>/fhir} */
    public String baseUrl() {
        return "http://localhost:" + port() + "/fhir";
    }

    public SimulatorFaults faults() {
        return faults;
    }

    /** The data behind the server, for tests that act as a clinic editing records. */
    public ResourceRepository repository() {
        return repository;
    }

    /** Who each Patient really is (ground truth for measuring linking); never served over FHIR. */
    public Optional<String> personKeyOf(String patientId) {
        synchronized (personKeyByPatientId) {
            return Optional.ofNullable(personKeyByPatientId.get(patientId));
        }
    }

    /** Rest-hook notifications delivered with a 2xx answer so far. */
    public long notificationsDelivered() {
        return notifier.deliveredCount();
    }

    /** Convenience for tests: store a resource as a clinic would, with notifications. */
    public Resource store(Resource resource) {
        if (resource.hasIdElement() && resource.getIdElement().hasIdPart()) {
            return repository.update(resource.fhirType(), resource.getIdElement().getIdPart(), resource, Optional.empty()).resource();
        }
        return repository.create(resource, Optional.empty()).resource();
    }

    /** Subscriptions currently stored (for tests and the demo's status page). */
    public List<Subscription> subscriptions() {
        return repository.search("Subscription", r -> true).stream().map(Subscription.class::cast).toList();
    }

    private static void stopQuietly(Tomcat container) {
        try {
            container.stop();
            container.destroy();
        } catch (LifecycleException e) {
            LOG.warn("FHIR simulator did not stop cleanly: {}", e.getMessage());
        }
    }
}
