package org.citizenhub.documents;

import java.nio.charset.StandardCharsets;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.citizenhub.connectors.vault.VaultJson;

/**
 * An answer of the documents' REST interface: status, media type and body (JSON text, PEM text or PDF bytes).
 * {@link #apply} makes it the HTTP response, dropping every request header (path parameters hold personal IDs).
 */
public record HttpReply(int status, String contentType, byte[] body) {

    public static final String JSON = "application/json";
    public static final String PDF = "application/pdf";

    /** The shape of every error answer of the hub: {@code {"status":"ERROR","error":{"code":…,"message":…}}}. */
    record ErrorAnswer(String status, Detail error) {
        record Detail(String code, String message) {
        }
    }

    public static HttpReply json(int status, Object answer) {
        return new HttpReply(status, JSON, VaultJson.write(answer).getBytes(StandardCharsets.UTF_8));
    }

    public static HttpReply error(int status, String code, String message) {
        return json(status, new ErrorAnswer("ERROR", new ErrorAnswer.Detail(code, message)));
    }

    public static HttpReply pdf(byte[] pdf) {
        return new HttpReply(200, PDF, pdf);
    }

    public static HttpReply text(String contentType, String text) {
        return new HttpReply(200, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Turns a route's {@code HttpReply} body into the HTTP response. */
    public static void apply(Exchange exchange) throws InvalidPayloadException {
        HttpReply reply = exchange.getMessage().getMandatoryBody(HttpReply.class);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, reply.status());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, reply.contentType());
        exchange.getMessage().setBody(reply.body());
    }
}
