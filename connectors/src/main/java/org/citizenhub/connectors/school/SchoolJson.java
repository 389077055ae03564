package org.citizenhub.connectors.school;

import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import org.citizenhub.connectors.MalformedPayloadException;
import org.citizenhub.mappings.school.SchoolRecord;

/**
 * The school system's REST interface, besides the term files:
 *
 * <pre>{@code
 * GET /students/{studentCode}                 → 200 {"studentCode":"4800012345","personalId":"","fullName":"…",
 *                                                    "birthDate":"05/03/2012","gender":"Nam","school":"…","className":"8/2",
 *                                                    "schoolYear":"2025-2026","averageScore":"7.8","conduct":"Tốt",
 *                                                    "guardianName":"…","guardianPhone":"…","guardianAddress":"…"}
 *                                               404 when the school system does not know the code
 * PUT /students/{studentCode}/guardian-contact  X-Request-Id: <id>   {"guardianPhone":"…","guardianAddress":"…"}
 *                                               → 200 applied or already applied (same id), 409 same id with
 *                                                 another body, 422 a field the school does not accept
 * }</pre>
 */
public final class SchoolJson {

    /** The header the school system deduplicates contact updates by. */
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    private final BoundedJson json;

    /** @param maxMessageBytes the largest student lookup answer accepted */
    public SchoolJson(int maxMessageBytes) {
        this.json = new BoundedJson(maxMessageBytes, "school student lookup");
    }

    public static String studentPath(String studentCode) {
        return "/students/" + pathSegment(studentCode);
    }

    public static String guardianContactPath(String studentCode) {
        return studentPath(studentCode) + "/guardian-contact";
    }

    /** Reads the answer of a student lookup (status 200) into the same row a term file holds. */
    public SchoolRecord readStudent(InputStream body) {
        JsonNode node = json.read(body);
        if (!node.isObject()) {
            throw new MalformedPayloadException("school student lookup is not a JSON object");
        }
        SchoolRecord record = new SchoolRecord(json.text(node, "studentCode"), json.text(node, "personalId"),
                json.text(node, "fullName"), json.text(node, "birthDate"), json.text(node, "gender"),
                json.text(node, "school"), json.text(node, "className"), json.text(node, "schoolYear"),
                json.text(node, "averageScore"), json.text(node, "conduct"), json.text(node, "guardianName"),
                json.text(node, "guardianPhone"));
        if (record.studentCode().isBlank()) {
            throw new MalformedPayloadException("school student lookup lacks studentCode");
        }
        return record;
    }

    /**
     * The body of a guardian-contact update with only the fields the policy allows and the update
     * has; empty when that leaves nothing to send (the route then sends nothing).
     */
    public Optional<byte[]> guardianContactBody(GuardianContactUpdate update, GuardianContactPolicy policy) {
        Map<String, String> body = new LinkedHashMap<>();
        put(body, policy, GuardianContactField.PHONE, update.phone());
        put(body, policy, GuardianContactField.ADDRESS, update.address());
        if (body.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.mapper().writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is always writable", e);
        }
    }

    private static void put(Map<String, String> body, GuardianContactPolicy policy, GuardianContactField field, String value) {
        if (value != null && policy.allowed().contains(field)) {
            body.put(field.jsonName(), value);
        }
    }

    /** Percent-encodes a code for use as one path segment (URLEncoder alone would turn a space into "+"). */
    private static String pathSegment(String code) {
        return URLEncoder.encode(code, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
