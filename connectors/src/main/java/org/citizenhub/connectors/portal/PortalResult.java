package org.citizenhub.connectors.portal;

import java.time.LocalDate;
import java.util.Map;

/**
 * A procedure result as the portal publishes it ({@code contracts/portal-result.schema.json}), read and
 * checked by {@link PortalResultReader}. Not yet linked to a citizen: {@code personalId} is as cleaned.
 *
 * @param revoked the issuer revoked the document ({@code "status": "REVOKED"})
 * @param pdf     the issued PDF's bytes, or null when the portal sent none
 */
public record PortalResult(String personalId, String procedure, String documentType, String documentNumber, String issuer,
                           LocalDate issuedOn, LocalDate validUntil, boolean revoked, Map<String, Object> data, byte[] pdf) {
}
