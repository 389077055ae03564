package org.citizenhub.mappings.health;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The one R4 {@link FhirContext} of the hub. Building a context scans the whole model and takes
 * seconds, while a built context is thread-safe: everybody uses this one. Parsers are cheap and not
 * thread-safe, so {@link #jsonParser()} makes a new one per call.
 *
 * <p>Parsing is lenient about unknown elements (servers add their own) but fails on invalid values,
 * and the error handler never logs: HAPI's own messages quote the offending value, which may be
 * personal data. {@link #parse} turns parse failures into {@link FhirInputException}s whose text
 * names the element, never the value.
 */
public final class FhirR4 {

    private static final FhirContext CONTEXT = createContext();

    private FhirR4() {
    }

    public static FhirContext context() {
        return CONTEXT;
    }

    /** A new JSON parser with the hub's settings (compact output, quiet lenient error handling). */
    public static IParser jsonParser() {
        return CONTEXT.newJsonParser().setParserErrorHandler(quietHandler());
    }

    /** Encodes a resource as compact FHIR JSON. */
    public static String encode(IBaseResource resource) {
        return jsonParser().encodeResourceToString(resource);
    }

    /**
     * Parses FHIR JSON into the expected resource type.
     *
     * @throws FhirInputException when the text is not JSON, not a FHIR resource, a resource of another
     *                            type, or has invalid values
     */
    public static <T extends IBaseResource> T parse(String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            throw new FhirInputException(FhirInputException.Reason.INVALID_JSON, "empty body, expected a FHIR " + type.getSimpleName());
        }
        char first = json.strip().charAt(0);
        if (first != '{') {
            throw new FhirInputException(FhirInputException.Reason.INVALID_JSON,
                    "body is not FHIR JSON (starts with '" + (first == '<' ? "<" : "?") + "')");
        }
        IBaseResource parsed;
        try {
            parsed = jsonParser().parseResource(json);
        } catch (DataFormatException e) {
            throw FhirInputException.fromParser(e);
        }
        if (!type.isInstance(parsed)) {
            throw new FhirInputException(FhirInputException.Reason.WRONG_RESOURCE_TYPE,
                    "expected a FHIR " + type.getSimpleName() + " but got a " + parsed.fhirType());
        }
        return type.cast(parsed);
    }

    /** Parses FHIR JSON holding any resource. */
    public static IBaseResource parseAny(String json) {
        return parse(json, IBaseResource.class);
    }

    private static LenientErrorHandler quietHandler() {
        LenientErrorHandler handler = new LenientErrorHandler(false);
        handler.setErrorOnInvalidValue(true);
        return handler;
    }

    private static FhirContext createContext() {
        FhirContext context = FhirContext.forR4();
        context.setParserErrorHandler(quietHandler());
        // the hub writes references as Type/id text and never relies on HAPI moving id-less targets into
        // "contained"; without this, every encode walks the whole resource looking for such targets
        context.getParserOptions().setAutoContainReferenceTargetsWithNoId(false);
        return context;
    }
}
