package org.citizenhub.documents;

import org.apache.camel.builder.RouteBuilder;
import org.citizenhub.operations.HubErrorHandling;
import org.springframework.stereotype.Component;

/**
 * Results and reusable documents.
 *
 * <ul>
 *   <li>{@code portal-results-store}: procedure results the portal sends to the queue {@code hub.portal.results},
 *       stored in the vault; a result the hub cannot take is parked on the dead-letter queue with the reason;</li>
 *   <li>{@code portal-result-publish}: the same over REST, {@code POST /api/portal/results};</li>
 *   <li>{@code portal-citizen-documents}, {@code portal-document-pdf}: a citizen's documents, a document's issued PDF;</li>
 *   <li>{@code portal-citizen-data-sheet}, {@code portal-document-certificate}: the hub's PDFs with a signed QR code;</li>
 *   <li>{@code document-token-verify}, {@code document-signing-key}: for scanners, open to anyone.</li>
 * </ul>
 */
@Component
public class DocumentRoutes extends RouteBuilder {

    public static final String RESULTS_QUEUE = "hub.portal.results";

    @Override
    public void configure() {
        // the portal publishes and forgets: no reply even if it sets JMSReplyTo (it reads documents over REST)
        from("jms:queue:" + RESULTS_QUEUE + "?disableReplyTo=true").routeId("portal-results-store")
                .routeConfigurationId(HubErrorHandling.ID)
                .convertBodyTo(String.class, "UTF-8")
                .bean(PortalResults.class, "store");

        rest("/api/portal").id("portal-documents-rest")
                .post("/results").id("portal-results-rest-publish").consumes("application/json").produces("application/json")
                    .to("direct:portal-result-publish")
                .get("/citizens/{personalId}/documents").id("portal-citizen-documents-rest").produces("application/json")
                    .to("direct:portal-citizen-documents")
                .get("/citizens/{personalId}/data-sheet.pdf").id("portal-citizen-data-sheet-rest").produces("application/pdf")
                    .to("direct:portal-citizen-data-sheet")
                .get("/documents/{documentId}/pdf").id("portal-document-pdf-rest").produces("application/pdf")
                    .to("direct:portal-document-pdf")
                .get("/documents/{documentId}/certificate.pdf").id("portal-document-certificate-rest").produces("application/pdf")
                    .to("direct:portal-document-certificate");
        rest("/api/verify").id("document-verify-rest")
                .get("/{token}").id("document-verify-rest-get").produces("application/json").to("direct:document-token-verify");
        rest("/api/documents").id("document-signing-key-rest")
                .get("/signing-key").id("document-signing-key-rest-get").produces("application/x-pem-file")
                    .to("direct:document-signing-key");

        from("direct:portal-result-publish").routeId("portal-result-publish")
                .routeConfigurationId(HubErrorHandling.REQUEST_REPLY_ID)
                .convertBodyTo(String.class, "UTF-8")
                .bean(PortalResults.class, "publish")
                .process(HttpReply::apply);

        from("direct:portal-citizen-documents").routeId("portal-citizen-documents")
                .routeConfigurationId(HubErrorHandling.REQUEST_REPLY_ID)
                .setBody(method(PortalDocuments.class, "documentsOf(${header.personalId})"))
                .process(HttpReply::apply);

        from("direct:portal-citizen-data-sheet").routeId("portal-citizen-data-sheet")
                .routeConfigurationId(HubErrorHandling.REQUEST_REPLY_ID)
                .setBody(method(PortalDocuments.class, "dataSheet(${header.personalId})"))
                .process(HttpReply::apply);

        from("direct:portal-document-pdf").routeId("portal-document-pdf")
                .routeConfigurationId(HubErrorHandling.REQUEST_REPLY_ID)
                .setBody(method(PortalDocuments.class, "issuedPdf(${header.documentId})"))
                .process(HttpReply::apply);

        from("direct:portal-document-certificate").routeId("portal-document-certificate")
                .routeConfigurationId(HubErrorHandling.REQUEST_REPLY_ID)
                .setBody(method(PortalDocuments.class, "certificate(${header.documentId})"))
                .process(HttpReply::apply);

        from("direct:document-token-verify").routeId("document-token-verify")
                .routeConfigurationId(HubErrorHandling.REQUEST_REPLY_ID)
                .setBody(method(DocumentVerification.class, "answer(${header.token})"))
                .process(HttpReply::apply);

        from("direct:document-signing-key").routeId("document-signing-key")
                .routeConfigurationId(HubErrorHandling.REQUEST_REPLY_ID)
                .setBody(method(DocumentVerification.class, "signingKey"))
                .process(HttpReply::apply);
    }
}
