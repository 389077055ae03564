package org.citizenhub.documents;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;

import org.citizenhub.connectors.vault.DocumentStore;
import org.citizenhub.connectors.vault.DocumentStore.StoredDocument;
import org.citizenhub.connectors.vault.VaultStore;
import org.citizenhub.mappings.citizen.GoldenCitizen;
import org.citizenhub.mappings.citizen.Sourced;
import org.citizenhub.mappings.documents.DocumentToken;
import org.citizenhub.mappings.documents.DocumentToken.Kind;
import org.springframework.stereotype.Component;

/**
 * Renders the hub's PDFs, each with a QR code holding a freshly signed {@link DocumentToken}:
 * the citizen data sheet (the golden record, every field with its source and date) and the certificate of a
 * stored document. The token of a certificate names the document and is signed over the digest the vault keeps
 * of its content; the token of a data sheet names nothing but a random reference, and is signed over the
 * sheet's printed text.
 */
@Component
public class DocumentPdfs {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final VaultStore vault;
    private final DocumentStore documents;
    private final SigningKeys keys;
    private final DocumentsProperties properties;
    private final Clock clock;
    private final SheetPdfRenderer renderer = new SheetPdfRenderer();

    public DocumentPdfs(VaultStore vault, DocumentStore documents, SigningKeys keys, DocumentsProperties properties, Clock clock) {
        this.vault = vault;
        this.documents = documents;
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
    }

    public byte[] dataSheet(GoldenCitizen citizen) {
        Sheet sheet = CitizenDataSheet.of(citizen, properties.issuer(), properties.zone());
        Instant now = clock.instant();
        DocumentToken token = new DocumentToken(randomId(), Kind.DATA_SHEET, randomId(), CitizenDataSheet.DOCUMENT_TYPE, now,
                now.plus(properties.dataSheetValidity()), DocumentToken.digestOf(sheet.canonicalText()));
        return render(sheet, token);
    }

    /** Whether a certificate may be issued for the document today: only the current revision within its validity. */
    public boolean certifiable(StoredDocument document) {
        return document.isValidOn(LocalDate.now(clock.withZone(properties.zone())));
    }

    /** @throws IllegalArgumentException if the document is not {@link #certifiable} */
    public byte[] certificate(StoredDocument document) {
        if (!certifiable(document)) {
            throw new IllegalArgumentException("a certificate is issued only for a current, valid document");
        }
        Sheet sheet = DocumentCertificate.of(document, vault.findById(document.citizenId()).map(GoldenCitizen::name).map(Sourced::value),
                properties.issuer(), properties.zone());
        Instant now = clock.instant();
        Instant until = document.validUntil() == null ? now.plus(properties.certificateValidity())
                : document.validUntil().plusDays(1).atStartOfDay(properties.zone()).toInstant();
        String digest = documents.contentDigest(document.id()).orElseThrow();
        DocumentToken token = new DocumentToken(randomId(), Kind.DOCUMENT, document.id(), document.documentType(), now, until, digest);
        return render(sheet, token);
    }

    private byte[] render(Sheet sheet, DocumentToken token) {
        String signed = keys.signer().sign(token);
        List<String> footer = List.of(
                "Quét mã QR để xác minh / Scan the QR code to verify",
                "Mã / Token: " + token.tokenId(),
                // the last day on which it verifies (it expires at the first instant after)
                "Hiệu lực đến / Valid until: " + SheetWording.day(token.validUntil().minusSeconds(1), properties.zone()),
                "Khóa công khai / Public key: /api/documents/signing-key");
        return renderer.render(sheet, properties.verifyUrl() + signed, footer);
    }

    /** 128 random bits, base64url: an id that says nothing and is short in a QR code. */
    private static String randomId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
