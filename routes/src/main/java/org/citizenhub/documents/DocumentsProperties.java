package org.citizenhub.documents;

import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Documents, their PDFs and the signed tokens in their QR codes ({@code citizenhub.documents.*}). */
@ConfigurationProperties("citizenhub.documents")
public record DocumentsProperties(
        /* Who issues data sheets and certificates (printed on them, and answered by the verify endpoint). */
        String issuer,
        /* The time zone of dates printed on PDFs and of a document's last valid day. */
        ZoneId zone,
        /* Largest procedure result accepted over REST or JMS (UTF-8 bytes, the base64 PDF included). */
        int maxResultBytes,
        /* Largest PDF accepted with a result (bytes). */
        int maxPdfBytes,
        /* How long the QR token of a citizen data sheet verifies. */
        Duration dataSheetValidity,
        /* How long the QR token of a document certificate verifies when the document has no end of validity. */
        Duration certificateValidity,
        /* Put before the token in the QR code (e.g. https://hub.example.vn/api/verify/) so that a phone camera opens
           the verify page; empty: the QR code holds the bare token. Offline verifiers take either form. */
        String verifyUrl,
        Signing signing) {

    /**
     * The Ed25519 key pair that signs tokens. Both files set: loaded from there (production; PEM, PKCS#8 and X.509).
     * Both empty: generated once into {@code generated-dir} and reused (development).
     */
    public record Signing(String privateKeyFile, String publicKeyFile, String generatedDir) {
    }
}
