package org.citizenhub.sandbox.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;

import org.citizenhub.mappings.documents.DocumentToken;
import org.citizenhub.mappings.documents.PemKeys;
import org.citizenhub.mappings.documents.TokenSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scanner's offline check: only a public key file and the token; the exit status says the verdict. */
class VerifyTokenCommandTest {

    private static final Instant ISSUED = Instant.parse("2026-03-01T02:00:00Z");
    private static final KeyPair HUB = PemKeys.generate();

    @TempDir Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Instant now, String... args) {
        return VerifyTokenCommand.run(args, now, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String token(KeyPair keys) {
        return new TokenSigner(keys.getPrivate()).sign(new DocumentToken("tok-1", DocumentToken.Kind.DOCUMENT, "doc-1",
                "DRIVING_LICENCE", ISSUED, ISSUED.plus(Duration.ofDays(30)), "digest"));
    }

    private String publicKeyFile() throws Exception {
        return Files.writeString(dir.resolve("hub.pem"), PemKeys.toPem(HUB.getPublic())).toString();
    }

    @Test
    void aValidTokenExitsZeroAndSaysWhatItIs() throws Exception {
        assertThat(run(ISSUED, "--public-key", publicKeyFile(), token(HUB))).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("VALID").contains("DRIVING_LICENCE", "tok-1", "2026-03-01T09:00+07:00");
    }

    @Test
    void aForgedOrExpiredTokenExitsOne() throws Exception {
        assertThat(run(ISSUED, "--public-key", publicKeyFile(), token(PemKeys.generate()))).isEqualTo(1);
        assertThat(run(ISSUED.plus(Duration.ofDays(31)), "--public-key", publicKeyFile(), "https://hub/api/verify/" + token(HUB)))
                .isEqualTo(1);

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("BAD_SIGNATURE", "EXPIRED");
    }

    @Test
    void aMissingKeyOrTokenIsAUsageError() throws Exception {
        assertThat(run(ISSUED, token(HUB))).isEqualTo(2);
        assertThat(run(ISSUED, "--public-key", dir.resolve("missing.pem").toString(), token(HUB))).isEqualTo(2);
        assertThat(run(ISSUED, "--public-key", publicKeyFile())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: verify-token");
    }
}
