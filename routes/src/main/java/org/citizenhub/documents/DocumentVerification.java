package org.citizenhub.documents;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.citizenhub.connectors.vault.DocumentStore;
import org.citizenhub.connectors.vault.DocumentStore.StoredDocument;
import org.citizenhub.mappings.documents.DocumentToken;
import org.citizenhub.mappings.documents.DocumentToken.Kind;
import org.citizenhub.mappings.documents.TokenVerifier;
import org.springframework.stereotype.Component;

/**
 * What a scanner may learn from a QR token ({@code GET /api/verify/{token}}, open to anyone holding the paper):
 * whether it is valid and why not, what kind of document it is, when it was issued and until when it holds,
 * who issued it and whether the document is still current. No name, no ID number, no address, no document number.
 *
 * <p>On top of the offline check (signature, expiry), a certificate's document is looked up: a token whose
 * document was superseded or revoked since, or whose content no longer matches, is no longer valid.
 */
@Component
public class DocumentVerification {

    /** The minimal confirmation. Absent fields are left out of the JSON. */
    public record Verdict(boolean valid, String reason, String tokenId, Kind kind, String documentType, String issuer,
                          Instant issuedAt, Instant validUntil, String documentStatus) {
    }

    /** Reasons beyond {@link TokenVerifier.Outcome}: what the vault says about a certificate's document. */
    public static final String UNKNOWN_DOCUMENT = "UNKNOWN_DOCUMENT";
    public static final String CONTENT_MISMATCH = "CONTENT_MISMATCH";

    private final SigningKeys keys;
    private final DocumentStore documents;
    private final DocumentsProperties properties;
    private final Clock clock;

    public DocumentVerification(SigningKeys keys, DocumentStore documents, DocumentsProperties properties, Clock clock) {
        this.keys = keys;
        this.documents = documents;
        this.properties = properties;
        this.clock = clock;
    }

    public Verdict verify(String scanned) {
        TokenVerifier.Check check = keys.verifier().check(scanned, clock.instant());
        if (check.token().isEmpty()) {
            return new Verdict(false, check.outcome().name(), null, null, null, null, null, null, null);
        }
        DocumentToken token = check.token().get();
        if (token.kind() == Kind.DATA_SHEET) {
            return verdict(check.valid(), check.outcome().name(), token, properties.issuer(), null);
        }
        Optional<StoredDocument> document = documents.find(token.reference());
        if (document.isEmpty()) {
            return verdict(false, check.valid() ? UNKNOWN_DOCUMENT : check.outcome().name(), token, null, null);
        }
        StoredDocument current = document.get();
        String reason = check.outcome().name();
        if (check.valid() && !documents.contentDigest(current.id()).orElse("").equals(token.digest())) {
            reason = CONTENT_MISMATCH;
        } else if (check.valid() && !DocumentStore.ACTIVE.equals(current.status())) {
            reason = current.status();
        }
        return verdict(reason.equals(TokenVerifier.Outcome.VALID.name()), reason, token, current.issuer(), current.status());
    }

    private static Verdict verdict(boolean valid, String reason, DocumentToken token, String issuer, String status) {
        return new Verdict(valid, reason, token.tokenId(), token.kind(), token.documentType(), issuer, token.issuedAt(),
                token.validUntil(), status);
    }

    /** The verify endpoint's answer: always 200 with the verdict (an invalid token is a verdict too). */
    public HttpReply answer(String scanned) {
        return HttpReply.json(200, verify(scanned));
    }

    /** The public key scanners verify with, as PEM. */
    public HttpReply signingKey() {
        return HttpReply.text("application/x-pem-file", keys.publicKeyPem());
    }
}
