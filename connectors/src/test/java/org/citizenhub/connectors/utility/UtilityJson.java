package org.citizenhub.connectors.utility;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Provider answers for tests: files under {@code src/test/resources/utility/} and inline text. */
final class UtilityJson {

    private UtilityJson() {
    }

    static InputStream resource(String name) {
        InputStream in = UtilityJson.class.getResourceAsStream("/utility/" + name);
        if (in == null) {
            throw new UncheckedIOException(new IOException("missing test resource " + name));
        }
        return in;
    }

    static InputStream text(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    static String string(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}
