package org.citizenhub.connectors.school;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.citizenhub.connectors.MalformedPayloadException;

/**
 * JSON from the school system read within limits: a byte limit per message, short strings, shallow
 * nesting, no duplicate keys (two values for one field is ambiguous), nothing after the document.
 * Parse errors become {@link MalformedPayloadException}s with a line and column but without the
 * parser's message or cause, which quote the offending text (it may be personal data).
 */
final class BoundedJson {

    private final ObjectMapper mapper;
    private final int maxBytes;
    private final String what;

    BoundedJson(int maxBytes, String what) {
        this.maxBytes = maxBytes;
        this.what = what;
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(16).maxStringLength(4_000).maxNumberLength(24).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.mapper = new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    ObjectMapper mapper() {
        return mapper;
    }

    JsonNode read(InputStream in) {
        byte[] bytes;
        try {
            bytes = in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + what, e);
        }
        if (bytes.length > maxBytes) {
            throw new MalformedPayloadException(what + " exceeds " + maxBytes + " bytes");
        }
        try {
            JsonNode node = mapper.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new MalformedPayloadException(what + " is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new MalformedPayloadException(what + " is not valid JSON" + where);
        } catch (IOException e) {
            throw new MalformedPayloadException(what + " cannot be parsed");
        }
    }

    /** A text field: "" when absent or null; a number is taken as written; anything else is malformed. */
    String text(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return "";
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isNumber()) {
            return value.asText();
        }
        throw new MalformedPayloadException(what + ": field " + field + " must be a string");
    }
}
