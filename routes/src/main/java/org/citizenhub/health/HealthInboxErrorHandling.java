package org.citizenhub.health;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.citizenhub.connectors.MalformedPayloadException;
import org.citizenhub.connectors.health.FhirServerException;
import org.citizenhub.mappings.citizen.InvalidSourceRecordException;
import org.citizenhub.mappings.health.FhirInputException;
import org.citizenhub.operations.ErrorHandlingProperties;
import org.citizenhub.operations.HubErrorHandling;
import org.springframework.stereotype.Component;

/**
 * Error handling of the bundle inbox ({@code .routeConfigurationId("health-inbox-errors")}): a file is
 * its own message, so instead of a dead-letter queue a refused file is moved to {@code .failed}, and a
 * {@code <name>.reason.txt} beside it says why ({@link HealthBundleInbox#refuse}).
 * Bad input (the same kinds as in {@link HubErrorHandling}) is refused at
 * once; anything else (the vault or the FHIR server unreachable) is retried first, and the file can be
 * moved back into the inbox once the cause is fixed.
 */
@Component
public class HealthInboxErrorHandling extends RouteConfigurationBuilder {

    public static final String ID = "health-inbox-errors";

    private final ErrorHandlingProperties properties;

    public HealthInboxErrorHandling(ErrorHandlingProperties properties) {
        this.properties = properties;
    }

    @Override
    public void configuration() {
        RouteConfigurationDefinition files = routeConfiguration(ID);
        files.onException(MalformedPayloadException.class, InvalidSourceRecordException.class, FhirInputException.class)
                .handled(true)
                .maximumRedeliveries(0)
                .logExhausted(false)
                .bean(HealthBundleInbox.class, "refuse");
        files.onException(FhirServerException.class).onWhen(HubErrorHandling::isRefusedByFhirServer)
                .handled(true)
                .maximumRedeliveries(0)
                .logExhausted(false)
                .bean(HealthBundleInbox.class, "refuse");
        files.onException(Exception.class)
                .handled(true)
                .maximumRedeliveries(properties.maximumRedeliveries())
                .redeliveryDelay(properties.redeliveryDelay())
                .useExponentialBackOff()
                .retryAttemptedLogLevel(LoggingLevel.WARN)
                .logExhausted(false)
                .bean(HealthBundleInbox.class, "refuse");
    }
}
