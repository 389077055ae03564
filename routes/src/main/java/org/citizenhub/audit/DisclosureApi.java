package org.citizenhub.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.citizenhub.connectors.vault.AuditLog;
import org.citizenhub.consent.PortalAnswer;
import org.citizenhub.consent.PortalCitizens;
import org.citizenhub.mappings.disclosure.DataCategory;
import org.springframework.stereotype.Component;

/**
 * The citizen's view of the access log ({@code GET /api/portal/citizens/{personalId}/disclosures}): who
 * received which categories of their data, when, why and on what basis, newest first. Answer contract:
 * {@code contracts/citizen-disclosures-reply.schema.json}. And the operations' check of the whole chain.
 */
@Component
public class DisclosureApi {

    private final AuditLog log;
    private final PortalCitizens citizens;

    public DisclosureApi(AuditLog log, PortalCitizens citizens) {
        this.log = log;
        this.citizens = citizens;
    }

    public record DisclosureView(long sequence, Instant recordedAt, String agency, String purpose, Set<DataCategory> categories,
                                 String legalBasis, String channel, String requestId) {
    }

    public record Disclosures(String status, List<DisclosureView> disclosures) {
    }

    public PortalAnswer forCitizen(String personalId) {
        PortalCitizens.Resolved citizen = citizens.resolve(personalId);
        if (citizen.problem() != null) {
            return citizen.problem();
        }
        List<DisclosureView> views = new ArrayList<>();
        for (AuditLog.AuditEntry e : log.forCitizen(citizen.citizenId())) {
            AuditLog.Disclosure d = e.disclosure();
            views.add(new DisclosureView(e.sequence(), e.recordedAt(), d.agency(), d.purpose(), d.categories(), d.legalBasis(),
                    d.channel(), d.requestId()));
        }
        Collections.reverse(views);
        return PortalAnswer.ok(new Disclosures("FOUND", views));
    }

    /** {@code GET /api/operations/audit/verify}: 200 when intact, 409 when tampered, the verdict as JSON either way. */
    public PortalAnswer verify() {
        AuditLog.AuditVerification verdict = log.verify();
        return new PortalAnswer(verdict.intact() ? 200 : 409, verdict);
    }
}
