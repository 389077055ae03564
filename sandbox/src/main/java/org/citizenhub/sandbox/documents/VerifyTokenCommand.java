package org.citizenhub.sandbox.documents;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;

import org.citizenhub.mappings.documents.DocumentToken;
import org.citizenhub.mappings.documents.PemKeys;
import org.citizenhub.mappings.documents.TokenVerifier;

/**
 * A scanner's offline check of the QR token on a hub PDF, with nothing but the hub's public key (PEM, as
 * {@code GET /api/documents/signing-key} serves it): signature and validity period. Whether the document was
 * superseded or revoked since needs the hub ({@code GET /api/verify/{token}}).
 *
 * <pre>verify-token --public-key hub-signing-key.pem TOKEN-OR-VERIFY-URL</pre>
 * Exit status 0 when the token is valid, 1 when it is not, 2 for a usage error.
 */
public final class VerifyTokenCommand {

    static final String USAGE = "usage: verify-token --public-key FILE.pem TOKEN (or the verify URL the QR code holds)";

    private VerifyTokenCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, Instant.now(), System.out, System.err));
    }

    /** Runs the command; returns the exit status. */
    static int run(String[] args, Instant now, PrintStream out, PrintStream err) {
        String keyFile = null;
        String token = null;
        for (int i = 0; i < args.length; i++) {
            if ("--public-key".equals(args[i]) && i + 1 < args.length) {
                keyFile = args[++i];
            } else if (token == null && !args[i].startsWith("--")) {
                token = args[i];
            } else {
                err.println(USAGE);
                return 2;
            }
        }
        if (keyFile == null || token == null) {
            err.println(USAGE);
            return 2;
        }
        TokenVerifier verifier;
        try {
            verifier = new TokenVerifier(PemKeys.readPublicKey(Files.readString(Path.of(keyFile), StandardCharsets.US_ASCII)));
        } catch (IOException | IllegalArgumentException e) {
            err.println("cannot read the public key " + keyFile + ": " + e.getMessage());
            return 2;
        }
        TokenVerifier.Check check = verifier.check(token, now);
        out.println(check.outcome());
        check.token().ifPresent(t -> describe(t, out));
        if (check.valid()) {
            out.println("(signature and validity checked offline; GET /api/verify/<token> also tells whether the document "
                    + "is still current)");
        }
        return check.valid() ? 0 : 1;
    }

    private static void describe(DocumentToken token, PrintStream out) {
        ZoneId zone = ZoneId.of("Asia/Ho_Chi_Minh");
        out.println("  kind:          " + token.kind());
        out.println("  document type: " + token.documentType());
        out.println("  issued at:     " + token.issuedAt().atZone(zone).toOffsetDateTime());
        out.println("  valid until:   " + token.validUntil().atZone(zone).toOffsetDateTime());
        out.println("  token id:      " + token.tokenId());
    }
}
