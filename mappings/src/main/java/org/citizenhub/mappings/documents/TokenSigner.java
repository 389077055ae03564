package org.citizenhub.mappings.documents;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;

/**
 * Signs {@link DocumentToken}s with the hub's Ed25519 private key. A token is
 * {@code base64url(payload) + "." + base64url(signature)} (no padding), where the signature is Ed25519 over the
 * payload bytes: short enough for a QR code, and checkable offline with the public key alone ({@link TokenVerifier}).
 */
public final class TokenSigner {

    public static final String ALGORITHM = "Ed25519";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey key;

    public TokenSigner(PrivateKey key) {
        if (!ALGORITHM.equals(key.getAlgorithm()) && !"EdDSA".equals(key.getAlgorithm())) {
            throw new IllegalArgumentException("document tokens are signed with Ed25519, not " + key.getAlgorithm());
        }
        this.key = key;
    }

    public String sign(DocumentToken token) {
        byte[] payload = token.toPayload();
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(key);
            signature.update(payload);
            return BASE64URL.encodeToString(payload) + "." + BASE64URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a document token", e);
        }
    }
}
