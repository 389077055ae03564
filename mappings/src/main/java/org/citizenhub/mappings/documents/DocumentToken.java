package org.citizenhub.mappings.documents;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the QR code of a hub PDF vouches for. It holds no personal data: the document is named by the
 * hub's random id (or, for a data sheet, a random reference), and its content only by a digest.
 *
 * <p>Wire form (the signed payload): compact JSON with short keys, in this order:
 * {@code {"v":1,"tid":…,"knd":"DOCUMENT","ref":…,"typ":…,"iat":…,"exp":…,"dig":…}} — token id, kind,
 * reference, document type, issued-at and valid-until (epoch seconds), and the base64url SHA-256 of the
 * content the PDF presents. See {@link TokenSigner} for the whole token.
 *
 * @param tokenId      random id of this token (one per rendered PDF)
 * @param kind         what the PDF is
 * @param reference    the stored document's id ({@link Kind#DOCUMENT}) or an opaque reference ({@link Kind#DATA_SHEET})
 * @param documentType e.g. {@code DRIVING_LICENCE}; {@code CITIZEN_DATA_SHEET} for a data sheet
 * @param issuedAt     when the PDF was rendered (whole seconds)
 * @param validUntil   after this instant the token no longer verifies (whole seconds)
 * @param digest       base64url SHA-256 of the content the PDF presents (see {@link #digestOf})
 */
public record DocumentToken(String tokenId, Kind kind, String reference, String documentType, Instant issuedAt,
                            Instant validUntil, String digest) {

    public static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Kind { DATA_SHEET, DOCUMENT }

    public DocumentToken {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(documentType, "documentType");
        Objects.requireNonNull(digest, "digest");
        issuedAt = Instant.ofEpochSecond(Objects.requireNonNull(issuedAt, "issuedAt").getEpochSecond());
        validUntil = Instant.ofEpochSecond(Objects.requireNonNull(validUntil, "validUntil").getEpochSecond());
        if (!validUntil.isAfter(issuedAt)) {
            throw new IllegalArgumentException("a token must be valid for some time after it is issued");
        }
    }

    /** Base64url (no padding) SHA-256 of the given bytes: the form of {@link #digest}. */
    public static String digestOf(byte[] content) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** The payload as it is signed: compact UTF-8 JSON. */
    byte[] toPayload() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("v", FORMAT_VERSION);
        fields.put("tid", tokenId);
        fields.put("knd", kind.name());
        fields.put("ref", reference);
        fields.put("typ", documentType);
        fields.put("iat", issuedAt.getEpochSecond());
        fields.put("exp", validUntil.getEpochSecond());
        fields.put("dig", digest);
        try {
            return JSON.writeValueAsString(fields).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a token payload", e);
        }
    }

    /** Reads a payload whose signature has been checked; throws {@link IllegalArgumentException} if it is not one. */
    static DocumentToken fromPayload(byte[] payload) {
        JsonNode json;
        try {
            json = JSON.readTree(payload);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("the payload is not JSON");
        }
        if (json == null || !json.isObject() || json.path("v").asInt(-1) != FORMAT_VERSION) {
            throw new IllegalArgumentException("the payload is not a version " + FORMAT_VERSION + " token");
        }
        try {
            return new DocumentToken(text(json, "tid"), Kind.valueOf(text(json, "knd")), text(json, "ref"), text(json, "typ"),
                    Instant.ofEpochSecond(number(json, "iat")), Instant.ofEpochSecond(number(json, "exp")), text(json, "dig"));
        } catch (NullPointerException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the payload lacks a field or has a wrong value");
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException(field);
        }
        return node.asText();
    }

    private static long number(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || !node.canConvertToLong() || !node.isIntegralNumber()) {
            throw new IllegalArgumentException(field);
        }
        return node.asLong();
    }
}
