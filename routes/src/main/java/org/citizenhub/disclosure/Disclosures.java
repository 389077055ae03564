package org.citizenhub.disclosure;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import org.citizenhub.connectors.vault.AuditLog;
import org.citizenhub.connectors.vault.ConsentStore;
import org.citizenhub.connectors.vault.DocumentStore;
import org.citizenhub.connectors.vault.DocumentStore.StoredDocument;
import org.citizenhub.connectors.vault.HealthEvidenceStore;
import org.citizenhub.connectors.vault.SchoolUtilityStore;
import org.citizenhub.connectors.vault.VaultStore;
import org.citizenhub.disclosure.DisclosureAnswer.Evidence;
import org.citizenhub.disclosure.DisclosureAnswer.FieldValue;
import org.citizenhub.disclosure.DisclosureAnswer.ToDeclare;
import org.citizenhub.disclosure.DisclosureAnswer.Withheld;
import org.citizenhub.mappings.citizen.CitizenField;
import org.citizenhub.mappings.citizen.GoldenCitizen;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.citizen.Sourced;
import org.citizenhub.mappings.disclosure.Catalogue;
import org.citizenhub.mappings.disclosure.Catalogue.Agency;
import org.citizenhub.mappings.disclosure.Catalogue.EvidenceNeed;
import org.citizenhub.mappings.disclosure.Catalogue.Procedure;
import org.citizenhub.mappings.disclosure.Catalogue.Purpose;
import org.citizenhub.mappings.disclosure.DataCategory;
import org.citizenhub.mappings.health.HealthCheckCertificate;
import org.citizenhub.mappings.health.ImmunizationSummary;
import org.citizenhub.mappings.id.PersonalIdNumber;
import org.citizenhub.mappings.school.SchoolResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Decides what a caller gets, and records it. Every answer passes three gates: the agency may use the
 * purpose (config/agencies.yaml), the purpose covers the category (config/procedures.yaml), and the
 * citizen's consent for that agency and purpose includes the category (read afresh on every request,
 * so a revocation holds from the next one). What passes is recorded in the hash-chained audit log
 * before the answer leaves; if the log cannot be written, nothing is disclosed.
 */
@Component
public class Disclosures {

    private static final Logger log = LoggerFactory.getLogger(Disclosures.class);
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private final Catalogue catalogue;
    private final VaultStore vault;
    private final ConsentStore consents;
    private final AuditLog audit;
    private final HealthEvidenceStore health;
    private final SchoolUtilityStore schools;
    private final DocumentStore documents;
    private final Clock clock;
    private final MeterRegistry meters;
    private final DisclosureProperties properties;

    public Disclosures(Catalogue catalogue, VaultStore vault, ConsentStore consents, AuditLog audit,
                       HealthEvidenceStore health, SchoolUtilityStore schools, DocumentStore documents,
                       Clock clock, MeterRegistry meters, DisclosureProperties properties) {
        this.properties = properties;
        this.catalogue = catalogue;
        this.vault = vault;
        this.consents = consents;
        this.audit = audit;
        this.health = health;
        this.schools = schools;
        this.documents = documents;
        this.clock = clock;
        this.meters = meters;
    }

    /** Answers a request of the authenticated caller {@code agencyId}; never throws for bad input. */
    public DisclosureAnswer answer(String agencyId, String json, String channel) {
        DisclosureRequest.Parsed parsed = DisclosureRequest.parse(json, properties.maxRequestBytes());
        if (parsed.request() == null) {
            return count(DisclosureAnswer.error(null, parsed.errorCode(), parsed.errorMessage()), agencyId);
        }
        return answer(agencyId, parsed.request(), channel);
    }

    public DisclosureAnswer answer(String agencyId, DisclosureRequest request, String channel) {
        Optional<Agency> agency = catalogue.agency(agencyId);
        if (agency.isEmpty()) {
            return count(DisclosureAnswer.denied(request.requestId(), agencyId, request.purpose(), request.procedure(),
                    "the caller is not a registered agency"), agencyId);
        }
        DisclosureAnswer answer = switch (request.operation()) {
            case PREFILL -> prefill(agency.get(), request, channel);
            case LOOKUP -> lookup(agency.get(), request, channel);
        };
        return count(answer, agencyId);
    }

    private DisclosureAnswer prefill(Agency agency, DisclosureRequest request, String channel) {
        Optional<Procedure> found = catalogue.procedure(request.procedure());
        if (found.isEmpty()) {
            return DisclosureAnswer.error(request.requestId(), "UNKNOWN_PROCEDURE", "no procedure of that code in the catalogue");
        }
        Procedure procedure = found.get();
        if (!agency.mayUse(procedure.purpose())) {
            return DisclosureAnswer.denied(request.requestId(), agency.id(), procedure.purpose(), procedure.code(),
                    "the agency may not use the purpose " + procedure.purpose());
        }
        return disclose(agency, catalogue.purpose(procedure.purpose()).orElseThrow(), procedure.code(),
                Catalogue.categoriesOf(procedure), procedure.fields(), procedure.evidence(), request, channel);
    }

    private DisclosureAnswer lookup(Agency agency, DisclosureRequest request, String channel) {
        Optional<Purpose> purpose = catalogue.purpose(request.purpose());
        if (purpose.isEmpty()) {
            return DisclosureAnswer.error(request.requestId(), "UNKNOWN_PURPOSE", "no purpose of that code in the catalogue");
        }
        if (!agency.mayUse(request.purpose())) {
            return DisclosureAnswer.denied(request.requestId(), agency.id(), request.purpose(), null,
                    "the agency may not use the purpose " + request.purpose());
        }
        List<CitizenField> fields = new ArrayList<>();
        for (DataCategory category : request.categories()) {
            fields.addAll(category.fields());
        }
        fields.sort(Comparator.naturalOrder());
        return disclose(agency, purpose.get(), null, request.categories(), fields, List.of(), request, channel);
    }

    private DisclosureAnswer disclose(Agency agency, Purpose purpose, String procedure, Set<DataCategory> requested,
                                      List<CitizenField> fields, List<EvidenceNeed> evidence, DisclosureRequest request,
                                      String channel) {
        Optional<String> id = PersonalIdNumber.requested(request.personalId());
        if (id.isEmpty()) {
            return DisclosureAnswer.error(request.requestId(), "INVALID_ID", "a personal ID number has 12 digits and a valid century digit");
        }
        Optional<GoldenCitizen> found = vault.findByPersonalId(id.get());
        if (found.isEmpty()) {
            List<ToDeclare> everything = new ArrayList<>();
            fields.forEach(field -> everything.add(new ToDeclare("FIELD", field.name(), "NOT_HELD")));
            evidence.forEach(need -> everything.add(new ToDeclare("EVIDENCE", need.type(), "NOT_HELD")));
            return new DisclosureAnswer("NOT_FOUND", request.requestId(), agency.id(), purpose.code(), procedure,
                    List.of(), List.of(), List.of(), everything, null);
        }
        GoldenCitizen citizen = found.get();
        Set<DataCategory> consented = consents.granted(citizen.citizenId(), agency.id(), purpose.code());
        Set<DataCategory> disclosed = EnumSet.noneOf(DataCategory.class);
        Map<DataCategory, String> withheld = new LinkedHashMap<>();
        List<FieldValue> values = new ArrayList<>();
        List<Evidence> items = new ArrayList<>();
        List<ToDeclare> toDeclare = new ArrayList<>();
        for (DataCategory category : requested) {
            String refusal = refusal(purpose, consented, category);
            if (refusal != null) {
                withheld.put(category, refusal);
            }
        }

        for (CitizenField field : fields) {
            DataCategory category = DataCategory.of(field);
            String refusal = refusal(purpose, consented, category);
            if (refusal != null) {
                toDeclare.add(new ToDeclare("FIELD", field.name(), refusal));
                continue;
            }
            Sourced<?> value = field.valueIn(citizen);
            if (value == null) {
                toDeclare.add(new ToDeclare("FIELD", field.name(), "NOT_HELD"));
                continue;
            }
            disclosed.add(category);
            values.add(new FieldValue(field, category, value.value(), value.provenance().sourceSystem(),
                    value.provenance().sourceRecordId(), value.provenance().retrievedAt(),
                    catalogue.isAuthoritative(category, value.provenance().sourceSystem())));
        }
        LocalDate today = LocalDate.now(clock.withZone(VIETNAM));
        for (EvidenceNeed need : evidence) {
            String refusal = refusal(purpose, consented, need.category());
            if (refusal != null) {
                toDeclare.add(new ToDeclare("EVIDENCE", need.type(), refusal));
                continue;
            }
            Optional<Evidence> best = evidenceFor(need, citizen.citizenId(), today);
            if (best.isEmpty()) {
                toDeclare.add(new ToDeclare("EVIDENCE", need.type(), "NOT_HELD"));
                continue;
            }
            disclosed.add(need.category());
            items.add(best.get());
            if (!"VALID".equals(best.get().status())) {
                toDeclare.add(new ToDeclare("EVIDENCE", need.type(), best.get().status()));
            }
        }
        if (!disclosed.isEmpty()) {
            try {
                audit.record(new AuditLog.Disclosure(agency.id(), purpose.code(), citizen.citizenId(), disclosed,
                        "consent", channel, request.requestId()));
            } catch (RuntimeException e) {
                log.error("The audit log could not record a disclosure ({}); nothing was disclosed", e.getClass().getSimpleName());
                return DisclosureAnswer.error(request.requestId(), "AUDIT_UNAVAILABLE",
                        "the disclosure could not be recorded; try again later");
            }
        }
        List<Withheld> withheldList = withheld.entrySet().stream().map(e -> new Withheld(e.getKey(), e.getValue())).toList();
        return new DisclosureAnswer("OK", request.requestId(), agency.id(), purpose.code(), procedure,
                values, items, withheldList, toDeclare, null);
    }

    /** Why a category may not be disclosed, or null if it may. */
    private static String refusal(Purpose purpose, Set<DataCategory> consented, DataCategory category) {
        if (!purpose.categories().contains(category)) {
            return "NOT_FOR_PURPOSE";
        }
        return consented.contains(category) ? null : "NO_CONSENT";
    }

    /** The best evidence of a type the hub holds: a valid one if any, else the latest. */
    private Optional<Evidence> evidenceFor(EvidenceNeed need, String citizenId, LocalDate today) {
        return switch (need.type()) {
            case EvidenceNeed.HEALTH_CHECK_CERTIFICATE -> health.certificatesOf(citizenId).stream()
                    .map(certificate -> certificate(certificate, today))
                    .max(Comparator.comparing((Evidence e) -> "VALID".equals(e.status())).thenComparing(Evidence::issued));
            case EvidenceNeed.IMMUNIZATION_SUMMARY -> health.immunizationsOf(citizenId).stream()
                    .filter(summary -> !summary.doses().isEmpty())
                    .findFirst().map(Disclosures::immunizations);
            case EvidenceNeed.SCHOOL_RECORD -> schools.schoolResultsOf(citizenId).stream()
                    .max(Comparator.comparing((SchoolResult r) -> r.schoolYear().toString()))
                    .map(Disclosures::schoolRecord);
            default -> documents.documentsOf(citizenId).stream()
                    .filter(document -> document.documentType().equals(need.type()))
                    .map(document -> document(document, today))
                    .max(Comparator.comparing((Evidence e) -> "VALID".equals(e.status())).thenComparing(Evidence::issued));
        };
    }

    private Evidence certificate(HealthCheckCertificate certificate, LocalDate today) {
        String status = !certificate.conclusion().allowsDriving() ? "NOT_FIT"
                : certificate.isValidOn(today) ? "VALID" : "EXPIRED";
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("conclusion", certificate.conclusion().name());
        details.put("licenceClass", certificate.licenceClass());
        details.put("examined", certificate.examined());
        return new Evidence(EvidenceNeed.HEALTH_CHECK_CERTIFICATE, DataCategory.HEALTH, status, certificate.issued(),
                certificate.validUntil(), certificate.source().sourceSystem(), certificate.source().sourceRecordId(),
                catalogue.isAuthoritative(DataCategory.HEALTH, certificate.source().sourceSystem()), details);
    }

    private static Evidence immunizations(ImmunizationSummary summary) {
        Map<String, Object> details = new LinkedHashMap<>();
        summary.byVaccine().forEach((vaccine, doses) -> details.put(vaccine, doses.size()));
        return new Evidence(EvidenceNeed.IMMUNIZATION_SUMMARY, DataCategory.HEALTH, "VALID", null, null,
                SourceSystem.HEALTH, summary.patientReference(), true, details);
    }

    private static Evidence schoolRecord(SchoolResult result) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("school", result.school());
        details.put("level", result.level().name());
        details.put("class", result.className());
        details.put("schoolYear", result.schoolYear().toString());
        if (result.averageScore() != null) {
            details.put("averageScore", result.averageScore());
        }
        if (result.conduct() != null) {
            details.put("conduct", result.conduct().name());
        }
        return new Evidence(EvidenceNeed.SCHOOL_RECORD, DataCategory.EDUCATION, "VALID", null, null,
                SourceSystem.SCHOOL, result.rowKey(), true, details);
    }

    private Evidence document(StoredDocument document, LocalDate today) {
        String status = document.isValidOn(today) ? "VALID" : "EXPIRED";
        Map<String, Object> details = new LinkedHashMap<>(document.data() == null ? Map.of() : document.data());
        details.put("documentNumber", document.documentNumber());
        details.put("issuer", document.issuer());
        return new Evidence(document.documentType(), DataCategory.DOCUMENTS, status, document.issuedOn(),
                document.validUntil(), SourceSystem.PORTAL, document.id(),
                catalogue.isAuthoritative(DataCategory.DOCUMENTS, SourceSystem.PORTAL), details);
    }

    private DisclosureAnswer count(DisclosureAnswer answer, String agencyId) {
        String agency = catalogue.agency(agencyId).map(Agency::id).orElse("unknown");
        meters.counter("citizenhub.disclosure.answers", "agency", agency, "status", answer.status()).increment();
        return answer;
    }
}
