package org.citizenhub.mappings.documents;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a token made by {@link TokenSigner} with the hub's public key only: no network, no database.
 * The payload is read only after its signature holds.
 */
public final class TokenVerifier {

    /** Longer text is not a token of ours (the payload is about 250 bytes). */
    public static final int MAX_TOKEN_CHARS = 2048;
    /** Clocks of a scanner and the hub may disagree this much on the issue time. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    private final PublicKey key;

    public TokenVerifier(PublicKey key) {
        this.key = key;
    }

    /** Why a token is or is not valid. */
    public enum Outcome {
        VALID,
        /** Not a token at all (wrong shape, not base64url, unreadable payload). */
        MALFORMED,
        /** Not signed by the hub's key, or altered after signing. */
        BAD_SIGNATURE,
        EXPIRED,
        /** Issued later than now: the scanner's clock or the token is wrong. */
        NOT_YET_VALID
    }

    /** The verdict; the token's content only when its signature holds. */
    public record Check(Outcome outcome, Optional<DocumentToken> token) {
        public boolean valid() {
            return outcome == Outcome.VALID;
        }
    }

    /**
     * Checks a token as read from a QR code: the bare token, or a verification URL that ends with it
     * ({@code https://…/api/verify/<token>}).
     */
    public Check check(String scanned, Instant now) {
        String token = scanned == null ? "" : scanned.strip();
        int slash = token.lastIndexOf('/');
        if (slash >= 0) {
            token = token.substring(slash + 1);
        }
        if (token.length() > MAX_TOKEN_CHARS || !SHAPE.matcher(token).matches()) {
            return new Check(Outcome.MALFORMED, Optional.empty());
        }
        int dot = token.indexOf('.');
        byte[] payload;
        byte[] signatureBytes;
        try {
            payload = Base64.getUrlDecoder().decode(token.substring(0, dot));
            signatureBytes = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return new Check(Outcome.MALFORMED, Optional.empty());
        }
        if (!signatureHolds(payload, signatureBytes)) {
            return new Check(Outcome.BAD_SIGNATURE, Optional.empty());
        }
        DocumentToken content;
        try {
            content = DocumentToken.fromPayload(payload);
        } catch (IllegalArgumentException e) {
            return new Check(Outcome.MALFORMED, Optional.empty());
        }
        if (content.issuedAt().isAfter(now.plus(CLOCK_SKEW))) {
            return new Check(Outcome.NOT_YET_VALID, Optional.of(content));
        }
        if (!now.isBefore(content.validUntil())) {
            return new Check(Outcome.EXPIRED, Optional.of(content));
        }
        return new Check(Outcome.VALID, Optional.of(content));
    }

    private boolean signatureHolds(byte[] payload, byte[] signatureBytes) {
        try {
            Signature signature = Signature.getInstance(TokenSigner.ALGORITHM);
            signature.initVerify(key);
            signature.update(payload);
            return signature.verify(signatureBytes);
        } catch (java.security.SignatureException e) {
            return false; // a signature of the wrong length or form
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot verify Ed25519 signatures with this key", e);
        }
    }
}
