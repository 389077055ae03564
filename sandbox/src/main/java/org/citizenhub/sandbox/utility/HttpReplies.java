package org.citizenhub.sandbox.utility;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.sun.net.httpserver.HttpExchange;

/** The small HTTP and JSON chores of the utility simulator: answers, query strings, flat JSON request bodies. */
final class HttpReplies {

    static final int MAX_REQUEST_BYTES = 16 * 1024;
    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private HttpReplies() {
    }

    /** A request the simulator refuses, with the status and the reason it answers. */
    static final class Refusal extends RuntimeException {
        final int status;

        Refusal(int status, String reason) {
            super(reason, null, false, false);
            this.status = status;
        }
    }

    @FunctionalInterface
    interface JsonBody {
        void write(JsonGenerator json) throws IOException;
    }

    static byte[] json(JsonBody body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] error(String reason) {
        return json(g -> {
            g.writeStartObject();
            g.writeStringField("error", reason);
            g.writeEndObject();
        });
    }

    static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static void respondJson(HttpExchange exchange, int status, byte[] body) throws IOException {
        respond(exchange, status, "application/json; charset=utf-8", body);
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> params = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    try {
                        params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                    } catch (IllegalArgumentException e) {
                        throw new Refusal(400, "malformed query string");
                    }
                }
            }
        }
        return params;
    }

    static int intParam(Map<String, String> query, String name, int defaultValue, int min, int max) {
        String value = query.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new Refusal(400, name + " must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new Refusal(400, name + " must be a number");
        }
    }

    /**
     * Reads the whole request body (up to the limit) before anything is answered: a body left unread
     * makes the JDK server drop the connection, which a keep-alive client then finds dead.
     */
    static byte[] body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_REQUEST_BYTES + 1);
            if (bytes.length > MAX_REQUEST_BYTES) {
                exchange.getResponseHeaders().set("Connection", "close");
                throw new Refusal(413, "request larger than " + MAX_REQUEST_BYTES + " bytes");
            }
            return bytes;
        }
    }

    /** A JSON object whose values are all strings, as contact updates are; anything else is refused. */
    static Map<String, String> flatObject(byte[] bytes) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new Refusal(400, "body must be a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (p.nextToken() != JsonToken.VALUE_STRING) {
                    throw new Refusal(400, "field " + name + " must be a string");
                }
                fields.put(name, p.getText());
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new Refusal(400, "body must be one JSON object");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Refusal(400, "body is not valid JSON");
        }
        return fields;
    }
}
