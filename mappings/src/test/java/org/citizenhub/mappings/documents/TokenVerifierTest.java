package org.citizenhub.mappings.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.citizenhub.mappings.documents.DocumentToken.Kind;
import org.citizenhub.mappings.documents.TokenVerifier.Outcome;
import org.junit.jupiter.api.Test;

/** A token verifies offline with the hub's public key, and only when nothing in it was changed. */
class TokenVerifierTest {

    private static final Instant ISSUED = Instant.parse("2026-03-01T08:00:00Z");
    private static final KeyPair HUB = PemKeys.generate();
    private static final KeyPair OTHER = PemKeys.generate();

    private static final DocumentToken LICENCE = new DocumentToken("t-1", Kind.DOCUMENT, "doc-42", "DRIVING_LICENCE", ISSUED,
            ISSUED.plus(Duration.ofDays(365)), DocumentToken.digestOf("content".getBytes(StandardCharsets.UTF_8)));

    private final TokenVerifier verifier = new TokenVerifier(HUB.getPublic());

    @Test
    void aTokenOfTheHubVerifiesAndGivesBackItsContent() {
        String token = new TokenSigner(HUB.getPrivate()).sign(LICENCE);

        TokenVerifier.Check check = verifier.check(token, ISSUED.plusSeconds(60));

        assertThat(check.outcome()).isEqualTo(Outcome.VALID);
        assertThat(check.token()).contains(LICENCE);
        assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+").hasSizeLessThan(400);
    }

    @Test
    void aVerificationUrlEndingWithTheTokenVerifiesToo() {
        String token = new TokenSigner(HUB.getPrivate()).sign(LICENCE);

        assertThat(verifier.check("https://hub.example/api/verify/" + token, ISSUED).outcome()).isEqualTo(Outcome.VALID);
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        String forged = new TokenSigner(OTHER.getPrivate()).sign(LICENCE);

        TokenVerifier.Check check = verifier.check(forged, ISSUED);

        assertThat(check.outcome()).isEqualTo(Outcome.BAD_SIGNATURE);
        assertThat(check.token()).isEmpty();
    }

    @Test
    void anAlteredPayloadIsRefused() {
        String token = new TokenSigner(HUB.getPrivate()).sign(LICENCE);
        String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
        String extended = payload.replace("\"exp\":" + LICENCE.validUntil().getEpochSecond(),
                "\"exp\":" + LICENCE.validUntil().plus(Duration.ofDays(3650)).getEpochSecond());
        assertThat(extended).isNotEqualTo(payload);

        String altered = Base64.getUrlEncoder().withoutPadding().encodeToString(extended.getBytes(StandardCharsets.UTF_8))
                + token.substring(token.indexOf('.'));

        assertThat(verifier.check(altered, ISSUED).outcome()).isEqualTo(Outcome.BAD_SIGNATURE);
    }

    @Test
    void anAlteredSignatureIsRefused() {
        String token = new TokenSigner(HUB.getPrivate()).sign(LICENCE);
        byte[] signature = Base64.getUrlDecoder().decode(token.substring(token.indexOf('.') + 1));
        signature[10] ^= 0x01;
        String altered = token.substring(0, token.indexOf('.') + 1) + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);

        assertThat(verifier.check(altered, ISSUED).outcome()).isEqualTo(Outcome.BAD_SIGNATURE);
        assertThat(verifier.check(token.substring(0, token.length() - 4), ISSUED).outcome()).isEqualTo(Outcome.BAD_SIGNATURE);
    }

    @Test
    void anExpiredTokenIsRefusedButStillSaysWhatItWas() {
        String token = new TokenSigner(HUB.getPrivate()).sign(LICENCE);

        TokenVerifier.Check check = verifier.check(token, LICENCE.validUntil());

        assertThat(check.outcome()).isEqualTo(Outcome.EXPIRED);
        assertThat(check.token()).contains(LICENCE);
        assertThat(verifier.check(token, LICENCE.validUntil().minusSeconds(1)).outcome()).isEqualTo(Outcome.VALID);
    }

    @Test
    void aTokenFromTheFutureIsRefused() {
        String token = new TokenSigner(HUB.getPrivate()).sign(LICENCE);

        assertThat(verifier.check(token, ISSUED.minus(Duration.ofHours(1))).outcome()).isEqualTo(Outcome.NOT_YET_VALID);
    }

    @Test
    void textThatIsNoTokenIsMalformed() {
        for (String text : new String[] {"", "abc", "a.b.c", "a b.c", "x".repeat(3000) + ".y", "@@.@@", null}) {
            assertThat(verifier.check(text, ISSUED).outcome()).as(String.valueOf(text)).isEqualTo(Outcome.MALFORMED);
        }
    }

    @Test
    void aSignedPayloadThatIsNoTokenIsMalformed() throws Exception {
        byte[] payload = "{\"v\":1,\"tid\":\"t\"}".getBytes(StandardCharsets.UTF_8);
        java.security.Signature signature = java.security.Signature.getInstance("Ed25519");
        signature.initSign(HUB.getPrivate());
        signature.update(payload);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();

        String token = b64.encodeToString(payload) + "." + b64.encodeToString(signature.sign());

        assertThat(verifier.check(token, ISSUED).outcome()).isEqualTo(Outcome.MALFORMED);
    }

    @Test
    void keysSurviveTheirPemForm() {
        String token = new TokenSigner(PemKeys.readPrivateKey(PemKeys.toPem(HUB.getPrivate()))).sign(LICENCE);
        String publicPem = PemKeys.toPem(HUB.getPublic());

        assertThat(publicPem).startsWith("-----BEGIN PUBLIC KEY-----\n");
        assertThat(new TokenVerifier(PemKeys.readPublicKey(publicPem)).check(token, ISSUED).valid()).isTrue();
    }
}
