package org.citizenhub.operations;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The one error policy of the hub's routes ({@code citizenhub.errors.*}). */
@ConfigurationProperties("citizenhub.errors")
public record ErrorHandlingProperties(int maximumRedeliveries, long redeliveryDelay, String deadLetterQueue) {
}
