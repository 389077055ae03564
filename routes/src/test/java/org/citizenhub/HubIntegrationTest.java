package org.citizenhub;

import java.nio.file.Path;

import org.apache.camel.test.spring.junit5.DisableJmx;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests that share one running hub (one application context for all
 * subclasses): see {@link HubTest} and {@link HubTestResources}.
 */
@HubTest
@DisableJmx(false)
public abstract class HubIntegrationTest {

    protected static final HubTestResources SHARED = HubTestResources.create();
    protected static final Path DATA_DIR = SHARED.dataDir();
    protected static final Path ROUTES_DIR = SHARED.routesDir();
    protected static final int BROKER_PORT = SHARED.brokerPort();
    /** The portal's development account (citizenhub.disclosure.accounts.portal). */
    protected static final String PORTAL_ACCOUNT = "portal";
    protected static final String PORTAL_PASSWORD = "portal-dev-secret";

    @DynamicPropertySource
    static void hubProperties(DynamicPropertyRegistry registry) {
        SHARED.register(registry);
    }
}
