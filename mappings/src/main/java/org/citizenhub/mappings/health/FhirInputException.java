package org.citizenhub.mappings.health;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * FHIR input the hub cannot use: not JSON, not the expected resource, an invalid value, a reference
 * that points nowhere, a bundle that is too large. The message says what is wrong and where, never the
 * offending value (it may be a name, an ID number or a diagnosis), so it can go to logs and to the
 * parked message's reason as it is.
 */
public class FhirInputException extends RuntimeException {

    /** Quoted values in HAPI's parser messages, except the element names that say where. */
    private static final Pattern QUOTED = Pattern.compile("(element=)?\"[^\"]*\"");

    private static final Pattern JSON_LOCATION = Pattern.compile("line: \\d+, column: \\d+");

    private final Reason reason;

    public FhirInputException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    /**
     * Wraps a HAPI parser failure. The HAPI message is kept with quoted values blanked out, and the
     * original exception is not attached as cause because its message quotes the value.
     */
    static FhirInputException fromParser(Exception parserFailure) {
        String text = parserFailure.getMessage() == null ? "" : parserFailure.getMessage();
        if (text.contains("Failed to parse JSON")) {
            // the JSON parser's own words may quote a bare token of the content: keep only where it broke
            Matcher where = JSON_LOCATION.matcher(text);
            return new FhirInputException(Reason.INVALID_JSON,
                    "body is not valid JSON" + (where.find() ? " (" + where.group() + ")" : ""));
        }
        return new FhirInputException(Reason.INVALID_RESOURCE, sanitize(text));
    }

    /** Blanks quoted values out of a third-party message. */
    public static String sanitize(String message) {
        if (message == null) {
            return "";
        }
        String blanked = QUOTED.matcher(message)
                .replaceAll(m -> m.group(1) != null ? Matcher.quoteReplacement(m.group()) : "\"***\"");
        return blanked.length() > 300 ? blanked.substring(0, 300) + "…" : blanked;
    }

    public enum Reason {
        /** The text is not JSON at all (HTML error page, truncated body, …). */
        INVALID_JSON,
        /** JSON, but not a valid FHIR resource (unknown resourceType, invalid value, …). */
        INVALID_RESOURCE,
        /** A valid resource of another type than expected. */
        WRONG_RESOURCE_TYPE,
        /** A reference that points to nothing in the bundle or on the server. */
        UNKNOWN_REFERENCE,
        /** A bundle with more bytes or entries than allowed. */
        TOO_LARGE,
        /** A bundle of a type or with a request method the hub does not ingest. */
        UNSUPPORTED
    }
}
