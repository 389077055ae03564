package org.citizenhub.documents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Instant;

import org.citizenhub.mappings.documents.DocumentToken;
import org.citizenhub.mappings.documents.PemKeys;
import org.citizenhub.mappings.documents.TokenSigner;
import org.citizenhub.mappings.documents.TokenVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's document-signing key pair: loaded from the configured PEM files, or — in development, when none
 * are configured — generated once into a folder of the data directory and reused across restarts, so that
 * PDFs printed yesterday still verify today. At start the pair is checked to belong together.
 */
public final class SigningKeys {

    private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);
    static final String PRIVATE_FILE = "document-signing-private.pem";
    static final String PUBLIC_FILE = "document-signing-public.pem";

    private final KeyPair keys;

    private SigningKeys(KeyPair keys) {
        this.keys = keys;
        String probe = new TokenSigner(keys.getPrivate()).sign(new DocumentToken("probe", DocumentToken.Kind.DATA_SHEET, "probe",
                "PROBE", Instant.EPOCH, Instant.EPOCH.plusSeconds(60), "probe"));
        if (!new TokenVerifier(keys.getPublic()).check(probe, Instant.EPOCH).valid()) {
            throw new IllegalStateException("the document-signing public key does not belong to the private key");
        }
    }

    public static SigningKeys from(DocumentsProperties.Signing signing) {
        boolean privateSet = !isBlank(signing.privateKeyFile());
        boolean publicSet = !isBlank(signing.publicKeyFile());
        if (privateSet != publicSet) {
            throw new IllegalStateException("set both citizenhub.documents.signing.private-key-file and public-key-file, or neither");
        }
        if (privateSet) {
            return new SigningKeys(new KeyPair(PemKeys.readPublicKey(read(Path.of(signing.publicKeyFile()))),
                    PemKeys.readPrivateKey(read(Path.of(signing.privateKeyFile())))));
        }
        if (isBlank(signing.generatedDir())) {
            throw new IllegalStateException("no document-signing key: set citizenhub.documents.signing.private-key-file and "
                    + "public-key-file (or, in development, generated-dir)");
        }
        return generatedOnce(Path.of(signing.generatedDir()));
    }

    /** The development key pair in {@code dir}, generated on the first start. */
    static SigningKeys generatedOnce(Path dir) {
        Path privateFile = dir.resolve(PRIVATE_FILE);
        Path publicFile = dir.resolve(PUBLIC_FILE);
        if (Files.exists(privateFile) && Files.exists(publicFile)) {
            return new SigningKeys(new KeyPair(PemKeys.readPublicKey(read(publicFile)), PemKeys.readPrivateKey(read(privateFile))));
        }
        KeyPair generated = PemKeys.generate();
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(privateFile); // half of a pair whose generation was interrupted
            try {
                // readable by the hub's user only, from the first byte on
                Files.createFile(privateFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the data directory's own permissions apply
            }
            Files.writeString(privateFile, PemKeys.toPem(generated.getPrivate()), StandardCharsets.US_ASCII);
            Files.writeString(publicFile, PemKeys.toPem(generated.getPublic()), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the development document-signing keys", e);
        }
        LOG.info("Generated a development document-signing key pair in {} (production: set "
                + "citizenhub.documents.signing.private-key-file and public-key-file)", dir);
        return new SigningKeys(generated);
    }

    public TokenSigner signer() {
        return new TokenSigner(keys.getPrivate());
    }

    public TokenVerifier verifier() {
        return new TokenVerifier(keys.getPublic());
    }

    /** The public key as PEM (X.509 SubjectPublicKeyInfo), for scanners. */
    public String publicKeyPem() {
        return PemKeys.toPem(keys.getPublic());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the document-signing key " + file, e);
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
