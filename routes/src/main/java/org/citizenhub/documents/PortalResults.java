package org.citizenhub.documents;

import org.citizenhub.connectors.portal.PortalResult;
import org.citizenhub.connectors.portal.PortalResultReader;
import org.citizenhub.connectors.portal.RejectedResultException;
import org.citizenhub.connectors.portal.RejectedResultException.Code;
import org.citizenhub.connectors.vault.DocumentStore;
import org.citizenhub.connectors.vault.DocumentStore.NewDocument;
import org.citizenhub.connectors.vault.DocumentStore.StoreOutcome;
import org.citizenhub.connectors.vault.VaultStore;
import org.citizenhub.mappings.citizen.GoldenCitizen;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Procedure results the portal publishes (contract {@code contracts/portal-result.schema.json}): read, linked to
 * the golden citizen by personal ID number, stored in the vault as reusable documents. Over JMS a result the hub
 * cannot take throws ({@link #store}: the route parks it with the reason); over REST it is an error answer
 * ({@link #publish}).
 */
@Component
public class PortalResults {

    private static final Logger LOG = LoggerFactory.getLogger(PortalResults.class);

    private final PortalResultReader reader;
    private final VaultStore vault;
    private final DocumentStore documents;

    public PortalResults(VaultStore vault, DocumentStore documents, DocumentsProperties properties) {
        this.reader = new PortalResultReader(properties.maxResultBytes(), properties.maxPdfBytes());
        this.vault = vault;
        this.documents = documents;
    }

    /** The answer of the REST interface ({@code contracts/portal-result-reply.schema.json}). */
    public record ResultAnswer(String status, String documentId) {
    }

    /** Stores a result; @throws RejectedResultException for a result the hub cannot take (never quoting it). */
    public StoreOutcome store(String message) {
        PortalResult result = reader.read(message);
        GoldenCitizen citizen = vault.findByPersonalId(result.personalId())
                .orElseThrow(() -> new RejectedResultException(Code.UNKNOWN_CITIZEN, "no citizen in the vault has that personal ID number"));
        StoreOutcome outcome = documents.store(new NewDocument(citizen.citizenId(), result.documentType(), result.documentNumber(),
                result.procedure(), result.issuer(), result.issuedOn(), result.validUntil(), result.revoked(), result.data(),
                result.pdf()));
        LOG.info("Portal result {} as document {} ({})", outcome.result(), outcome.document().id(), result.documentType());
        return outcome;
    }

    /** The REST interface: 201 for a new document, 200 for the others, 4xx with a code for a result refused. */
    public HttpReply publish(String message) {
        try {
            StoreOutcome outcome = store(message);
            return HttpReply.json(outcome.result() == DocumentStore.Result.STORED ? 201 : 200,
                    new ResultAnswer(outcome.result().name(), outcome.document().id()));
        } catch (RejectedResultException e) {
            int status = switch (e.code()) {
                case UNKNOWN_CITIZEN -> 422;
                case MESSAGE_TOO_LARGE -> 413;
                default -> 400;
            };
            return HttpReply.error(status, e.code().name(), e.reason());
        }
    }
}
