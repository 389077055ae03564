package org.citizenhub.mappings.documents;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 keys in PEM: the private key as PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}), the public key as
 * X.509 SubjectPublicKeyInfo ({@code -----BEGIN PUBLIC KEY-----}), as {@code openssl genpkey -algorithm ed25519}
 * and {@code openssl pkey -pubout} write them.
 */
public final class PemKeys {

    private static final String PRIVATE = "PRIVATE KEY";
    private static final String PUBLIC = "PUBLIC KEY";

    private PemKeys() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(TokenSigner.ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate Ed25519 keys", e);
        }
    }

    public static PrivateKey readPrivateKey(String pem) {
        try {
            return KeyFactory.getInstance(TokenSigner.ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(decode(pem, PRIVATE)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 private key (PKCS#8 PEM)", e);
        }
    }

    public static PublicKey readPublicKey(String pem) {
        try {
            return KeyFactory.getInstance(TokenSigner.ALGORITHM).generatePublic(new X509EncodedKeySpec(decode(pem, PUBLIC)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key (X.509 PEM)", e);
        }
    }

    public static String toPem(PrivateKey key) {
        return encode(key.getEncoded(), PRIVATE);
    }

    public static String toPem(PublicKey key) {
        return encode(key.getEncoded(), PUBLIC);
    }

    private static byte[] decode(String pem, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem == null ? -1 : pem.indexOf(begin);
        int to = from < 0 ? -1 : pem.indexOf(end, from);
        if (to < 0) {
            throw new IllegalArgumentException("no " + begin + " … " + end + " block");
        }
        try {
            return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + label + " block is not base64", e);
        }
    }

    private static String encode(byte[] der, String label) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
