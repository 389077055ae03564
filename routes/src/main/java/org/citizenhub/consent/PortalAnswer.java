package org.citizenhub.consent;

/**
 * What a portal call answers: the HTTP status and the JSON body. Errors have the hub's usual shape,
 * {@code {"status":"ERROR","error":{"code":…,"message":…}}}, and never quote personal data.
 */
public record PortalAnswer(int httpStatus, Object body) {

    public record Error(String status, Detail error) {
        public record Detail(String code, String message) {
        }
    }

    public record NotFound(String status) {
    }

    public static PortalAnswer ok(Object body) {
        return new PortalAnswer(200, body);
    }

    public static PortalAnswer badRequest(String code, String message) {
        return new PortalAnswer(400, new Error("ERROR", new Error.Detail(code, message)));
    }

    public static PortalAnswer tooLarge(int maxBytes) {
        return new PortalAnswer(413, new Error("ERROR", new Error.Detail("MESSAGE_TOO_LARGE", "the request exceeds " + maxBytes + " bytes")));
    }

    /** No citizen with that personal ID number in the vault. */
    public static PortalAnswer citizenNotFound() {
        return new PortalAnswer(404, new NotFound("NOT_FOUND"));
    }
}
