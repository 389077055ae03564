package org.citizenhub.documents;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.citizenhub.connectors.vault.DocumentStore;
import org.citizenhub.connectors.vault.DocumentStore.StoredDocument;
import org.citizenhub.connectors.vault.VaultStore;
import org.citizenhub.mappings.citizen.GoldenCitizen;
import org.citizenhub.mappings.id.PersonalIdNumber;
import org.springframework.stereotype.Component;

/** The portal's reads: a citizen's documents, a document's PDF, the data sheet and certificates. */
@Component
public class PortalDocuments {

    private final VaultStore vault;
    private final DocumentStore documents;
    private final DocumentPdfs pdfs;

    public PortalDocuments(VaultStore vault, DocumentStore documents, DocumentPdfs pdfs) {
        this.vault = vault;
        this.documents = documents;
        this.pdfs = pdfs;
    }

    /** {@code {"status":"FOUND","documents":[…]}}: the latest revision of each, newest issued first. */
    public record DocumentList(String status, List<StoredDocument> documents) {
    }

    public HttpReply documentsOf(String personalId) {
        return citizen(personalId, citizen -> HttpReply.json(200, new DocumentList("FOUND", documents.documentsOf(citizen.citizenId()))));
    }

    public HttpReply dataSheet(String personalId) {
        return citizen(personalId, citizen -> HttpReply.pdf(pdfs.dataSheet(citizen)));
    }

    /** The PDF the issuer sent with the document. */
    public HttpReply issuedPdf(String documentId) {
        Optional<byte[]> pdf = documents.pdf(documentId);
        return pdf.map(HttpReply::pdf).orElseGet(() -> documents.find(documentId).isPresent()
                ? HttpReply.error(404, "NO_PDF", "the issuer sent no PDF with this document")
                : HttpReply.error(404, "NOT_FOUND", "no such document"));
    }

    public HttpReply certificate(String documentId) {
        Optional<StoredDocument> document = documents.find(documentId);
        if (document.isEmpty()) {
            return HttpReply.error(404, "NOT_FOUND", "no such document");
        }
        if (!pdfs.certifiable(document.get())) {
            return HttpReply.error(409, "DOCUMENT_NOT_VALID",
                    "the document is " + document.get().status().toLowerCase() + " or outside its validity: no certificate");
        }
        return HttpReply.pdf(pdfs.certificate(document.get()));
    }

    private HttpReply citizen(String personalId, Function<GoldenCitizen, HttpReply> answer) {
        Optional<String> id = PersonalIdNumber.requested(personalId);
        if (id.isEmpty()) {
            return HttpReply.error(400, "INVALID_ID", "a personal ID number has 12 digits and a valid century digit");
        }
        return vault.findByPersonalId(id.get()).map(answer).orElseGet(() -> HttpReply.error(404, "NOT_FOUND", "no citizen with that personal ID number"));
    }
}
