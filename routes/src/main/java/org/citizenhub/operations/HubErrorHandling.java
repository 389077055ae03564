package org.citizenhub.operations;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.citizenhub.connectors.MalformedPayloadException;
import org.citizenhub.connectors.RefusedRequestException;
import org.citizenhub.connectors.health.FhirServerException;
import org.citizenhub.connectors.vault.VaultJson;
import org.citizenhub.mappings.citizen.InvalidSourceRecordException;
import org.citizenhub.mappings.health.FhirInputException;
import org.springframework.stereotype.Component;

/**
 * Error handling, declared once: every route that says {@code .routeConfigurationId("hub-error-handling")}
 * retries transient failures with back-off, parks bad input at once, and sends what still fails to
 * the dead-letter queue with the reason, the failed route and where to replay it.
 */
@Component
public class HubErrorHandling extends RouteConfigurationBuilder {

    public static final String ID = "hub-error-handling";
    /**
     * For polling routes (timers): there is no message to park. Transient failures are retried, then
     * logged; the sync position was not advanced, so the next poll picks up where this one failed.
     */
    public static final String POLL_ID = "hub-poll-errors";
    /**
     * For file routes: transient failures are retried, then the file is moved aside (the file endpoint's
     * {@code moveFailed}) with the reason in the log; bad input is moved aside at once. The route records
     * its own report of the file.
     */
    public static final String FILE_ID = "hub-file-errors";
    /** For request/reply routes: the caller gets an error answer instead of a parked request. */
    public static final String REQUEST_REPLY_ID = "hub-request-reply-errors";
    /** Message headers on a parked message. */
    public static final String FAILURE_REASON = "hubFailureReason";
    public static final String FAILED_ROUTE = "hubFailedRoute";
    public static final String REPLAY_TO = "hubReplayTo";

    private final ErrorHandlingProperties properties;

    public HubErrorHandling(ErrorHandlingProperties properties) {
        this.properties = properties;
    }

    @Override
    public void configuration() {
        RouteConfigurationDefinition hub = routeConfiguration(ID);
        hub.errorHandler(deadLetterChannel("direct:park-dead-letter")
                        .useOriginalMessage()
                        .maximumRedeliveries(properties.maximumRedeliveries())
                        .redeliveryDelay(properties.redeliveryDelay())
                        .useExponentialBackOff()
                        .retryAttemptedLogLevel(org.apache.camel.LoggingLevel.WARN)
                        .logExhaustedMessageHistory(false)
                        .logExhaustedMessageBody(false)
                        .onPrepareFailure(HubErrorHandling::describeFailure));
        // Bad input, or a request the other system refused: retrying cannot help.
        hub.onException(MalformedPayloadException.class, InvalidSourceRecordException.class, FhirInputException.class,
                        RefusedRequestException.class)
                .useOriginalMessage()
                .maximumRedeliveries(0);
        // The FHIR server refused the request or answered no FHIR: it answers the same way again.
        // Down, slow, 5xx and 429 are retried like any other failure.
        hub.onException(FhirServerException.class).onWhen(HubErrorHandling::isRefusedByFhirServer)
                .useOriginalMessage()
                .maximumRedeliveries(0);

        RouteConfigurationDefinition file = routeConfiguration(FILE_ID);
        file.errorHandler(defaultErrorHandler()
                .maximumRedeliveries(properties.maximumRedeliveries())
                .redeliveryDelay(properties.redeliveryDelay())
                .useExponentialBackOff()
                .retryAttemptedLogLevel(org.apache.camel.LoggingLevel.WARN)
                .logExhaustedMessageHistory(false)
                .logExhaustedMessageBody(false));
        file.onException(MalformedPayloadException.class, InvalidSourceRecordException.class)
                .maximumRedeliveries(0)
                .logStackTrace(false);

        RouteConfigurationDefinition poll = routeConfiguration(POLL_ID);
        poll.onException(MalformedPayloadException.class, InvalidSourceRecordException.class, FhirInputException.class,
                        RefusedRequestException.class)
                .handled(true)
                .log(org.apache.camel.LoggingLevel.ERROR,
                        "${routeId} stopped at bad input (it resumes there at the next poll): "
                                + "${exception.class.simpleName}: ${exception.message}");
        poll.onException(FhirServerException.class).onWhen(HubErrorHandling::isRefusedByFhirServer).handled(true)
                .log(org.apache.camel.LoggingLevel.ERROR,
                        "${routeId} stopped at an answer it cannot use (it resumes there at the next poll): "
                                + "${exception.class.simpleName}: ${exception.message}");
        poll.onException(Exception.class).handled(true)
                .maximumRedeliveries(properties.maximumRedeliveries())
                .redeliveryDelay(properties.redeliveryDelay())
                .useExponentialBackOff()
                .retryAttemptedLogLevel(org.apache.camel.LoggingLevel.WARN)
                .log(org.apache.camel.LoggingLevel.WARN,
                        "${routeId} failed, will poll again: ${exception.class.simpleName}: ${exception.message}");

        routeConfiguration(REQUEST_REPLY_ID)
                .onException(Exception.class).handled(true)
                .log(org.apache.camel.LoggingLevel.WARN,
                        "${routeId} could not answer: ${exception.class.simpleName}: ${exception.message}")
                .removeHeaders("*")
                .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(503))
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                .setBody(constant(UNAVAILABLE_JSON));
    }

    /** Whether the failure is a FHIR server answer that retrying cannot change (see {@link FhirServerException#retryable()}). */
    public static boolean isRefusedByFhirServer(Exchange exchange) {
        Throwable e = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        while (e != null && !(e instanceof FhirServerException)) {
            e = e.getCause();
        }
        return e instanceof FhirServerException fhir && !fhir.retryable();
    }

    /** The answer of a request/reply route that failed for a reason of its own (database down, ...). */
    static final String UNAVAILABLE_JSON = VaultJson.write(new ErrorAnswer("ERROR",
            new ErrorAnswer.Detail("UNAVAILABLE", "the hub cannot answer now; try again later")));

    /** The shape of every error answer of the hub (the same as a lookup's ERROR answer). */
    record ErrorAnswer(String status, Detail error) {
        record Detail(String code, String message) {
        }
    }

    /** Writes the reason and origin onto the message before it is parked. Exception texts carry no personal data. */
    static void describeFailure(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = cause == null ? "unknown failure" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        exchange.getMessage().setHeader(FAILURE_REASON, reason.length() > 500 ? reason.substring(0, 500) : reason);
        exchange.getMessage().setHeader(FAILED_ROUTE, exchange.getProperty(Exchange.FAILURE_ROUTE_ID, String.class));
        String from = exchange.getFromEndpoint() == null ? "" : exchange.getFromEndpoint().getEndpointUri();
        if (from.startsWith("jms://queue:")) {
            String queue = from.substring("jms://queue:".length());
            int options = queue.indexOf('?');
            exchange.getMessage().setHeader(REPLAY_TO, options < 0 ? queue : queue.substring(0, options));
        }
    }

    /** The parking route itself (no error handler of its own: a failure here must surface). */
    @Component
    public static class DeadLetterRoute extends RouteBuilder {
        private final ErrorHandlingProperties properties;

        public DeadLetterRoute(ErrorHandlingProperties properties) {
            this.properties = properties;
        }

        @Override
        public void configure() {
            from("direct:park-dead-letter").routeId("dead-letter-park")
                    .removeHeaders("_AMQ_DUPL_ID")
                    .log(org.apache.camel.LoggingLevel.WARN,
                            "Parked a message from ${header." + FAILED_ROUTE + "} on " + properties.deadLetterQueue()
                                    + ": ${header." + FAILURE_REASON + "}")
                    .to("jms:queue:" + properties.deadLetterQueue());
        }
    }
}
