package org.citizenhub.agency;

import org.citizenhub.mappings.citizen.GoldenCitizen;

/**
 * The answer to a citizen lookup, over JMS or REST. Contract:
 * {@code contracts/citizen-lookup-reply.schema.json}.
 *
 * @param status  FOUND, NOT_FOUND or ERROR
 * @param citizen the golden record with the provenance of every field (FOUND only)
 * @param error   what was wrong with the request (ERROR only)
 */
public record LookupAnswer(String status, GoldenCitizen citizen, LookupError error) {

    public record LookupError(String code, String message) {
    }

    public static LookupAnswer found(GoldenCitizen citizen) {
        return new LookupAnswer("FOUND", citizen, null);
    }

    public static LookupAnswer notFound() {
        return new LookupAnswer("NOT_FOUND", null, null);
    }

    public static LookupAnswer error(String code, String message) {
        return new LookupAnswer("ERROR", null, new LookupError(code, message));
    }

    /** The HTTP status the REST interface answers with. */
    public int httpStatus() {
        if (error == null) {
            return citizen == null ? 404 : 200;
        }
        return "MESSAGE_TOO_LARGE".equals(error.code()) ? 413 : 400;
    }
}
