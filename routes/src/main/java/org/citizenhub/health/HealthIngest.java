package org.citizenhub.health;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.camel.ProducerTemplate;
import org.citizenhub.connectors.vault.HealthEvidenceStore;
import org.citizenhub.connectors.vault.HealthEvidenceStore.EvidenceVersion;
import org.citizenhub.connectors.vault.VaultChange;
import org.citizenhub.connectors.vault.VaultStore;
import org.citizenhub.mappings.citizen.CitizenRecord;
import org.citizenhub.mappings.citizen.Mapped;
import org.citizenhub.mappings.citizen.Provenance;
import org.citizenhub.mappings.citizen.SourceRef;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.health.FhirInputException;
import org.citizenhub.mappings.health.HealthCheckCertificate;
import org.citizenhub.mappings.health.HealthCheckCertificateMapper;
import org.citizenhub.mappings.health.ImmunizationMapper;
import org.citizenhub.mappings.health.ImmunizationSummary;
import org.citizenhub.mappings.health.MappedPatient;
import org.citizenhub.mappings.health.PatientMapper;
import org.citizenhub.mappings.id.DataQualityFinding;
import org.citizenhub.operations.HubErrorHandling;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/**
 * What every health route does with FHIR resources, wherever they come from (a sync page, a
 * notification, an inbox bundle): Patients are mapped to canonical citizen records and stored in the
 * vault, which links each to a golden citizen; driver health-check certificates and vaccinations are
 * kept as evidence of the Patient they are about.
 *
 * <p>A Patient's personal ID number is a linking key only when the mapper trusts it (present, and
 * consistent with the birth date and sex). Otherwise it is kept out of the record, so the vault does
 * not link on it, and a data-quality finding says why: such a Patient becomes a golden record of its
 * own until identity resolution links it or sends it to review.
 */
@Component
public class HealthIngest {

    /** Queue of FHIR notifications; parked resources are replayed through it. */
    public static final String NOTIFICATIONS_QUEUE = "hub.health.notifications";
    /** Message headers of a notification: the callback path it came to and its content type. */
    public static final String NOTIFICATION_PATH = "fhirNotificationPath";
    public static final String NOTIFICATION_CONTENT_TYPE = "fhirNotificationContentType";

    static final String INBOX_PREFIX = "inbox:";

    static final DataQualityFinding MISSING_ID = new DataQualityFinding(DataQualityFinding.Code.VALUE_MISSING, "personalId",
            "no personal ID number under the configured identifier system: not linked by ID");
    static final DataQualityFinding UNTRUSTED_ID = new DataQualityFinding(DataQualityFinding.Code.VALUE_INVALID, "personalId",
            "personal ID number not trusted (see the other findings): kept out of the record, not linked by ID");

    private final PatientMapper mapper;
    private final VaultStore vault;
    private final HealthEvidenceStore evidence;
    private final ProducerTemplate producer;

    public HealthIngest(PatientMapper mapper, VaultStore vault, HealthEvidenceStore evidence, ProducerTemplate producer) {
        this.mapper = mapper;
        this.vault = vault;
        this.evidence = evidence;
        this.producer = producer;
    }

    /**
     * Turns FHIR references ({@code Patient/45}) into source record ids. The server's resources keep their
     * reference; the resources of an inbox bundle, which the server does not have, are marked
     * {@code inbox:Patient/<id>} so that nobody takes them for the server's.
     */
    @FunctionalInterface
    public interface RecordIds {
        String of(String reference);

        static RecordIds server() {
            return reference -> reference;
        }

        static RecordIds inbox(Set<String> bundleReferences) {
            return reference -> bundleReferences.contains(reference) ? INBOX_PREFIX + reference : reference;
        }
    }

    // ------------------------------------------------------------------ mapping

    /**
     * The Patient as a canonical record with its findings, its personal ID left out unless trustworthy.
     *
     * @throws FhirInputException when the Patient has no id or no usable name
     */
    public Mapped mapPatient(Patient patient, RecordIds ids, Instant retrievedAt) {
        MappedPatient mapped = mapper.toCitizenRecord(patient, retrievedAt);
        CitizenRecord r = mapped.record();
        List<DataQualityFinding> findings = new ArrayList<>(mapped.findings());
        String personalId = r.personalId();
        if (!mapped.hasTrustworthyPersonalId()) {
            findings.add(personalId == null ? MISSING_ID : UNTRUSTED_ID);
            personalId = null;
        }
        CitizenRecord record = new CitizenRecord(new Provenance(SourceSystem.HEALTH, ids.of(r.provenance().sourceRecordId()), retrievedAt),
                personalId, r.legacyId(), r.name(), r.dateOfBirth(), r.sex(), r.placeOfOrigin(), r.permanentAddress(),
                r.currentAddress(), r.household(), r.phone(), r.email(), r.dateOfDeath());
        return new Mapped(record, findings);
    }

    /**
     * The evidence a DiagnosticReport is: a certificate, or the withdrawal of one (cancelled, entered in
     * error, no longer final); empty when it is no driver health check.
     *
     * @throws FhirInputException when it is a driver health check that lacks what evidence needs
     */
    public Optional<EvidenceVersion> certificateEvidence(DiagnosticReport report, RecordIds ids, Instant retrievedAt) {
        if (!HealthCheckCertificateMapper.isDriverHealthCheck(report)) {
            return Optional.empty();
        }
        String reference = referenceOf(report);
        Optional<HealthCheckCertificate> certificate = HealthCheckCertificateMapper.fromFhir(report, retrievedAt);
        SourceRef patient = patientOf(report.getSubject().getReference(), reference, ids);
        return Optional.of(certificate
                .map(c -> EvidenceVersion.certificate(ids.of(reference), patient, versionOf(report), lastUpdatedOf(report), retrievedAt, c))
                .orElseGet(() -> EvidenceVersion.withdrawn(ids.of(reference), HealthEvidenceStore.Kind.DRIVER_HEALTH_CHECK, patient,
                        versionOf(report), lastUpdatedOf(report), retrievedAt)));
    }

    /**
     * The evidence an Immunization is: a dose given, or the withdrawal of one (not done, entered in error).
     *
     * @throws FhirInputException when it names no Patient or no vaccine
     */
    public EvidenceVersion doseEvidence(Immunization immunization, RecordIds ids, Instant retrievedAt) {
        String reference = referenceOf(immunization);
        SourceRef patient = patientOf(immunization.getPatient().getReference(), reference, ids);
        Optional<ImmunizationSummary.Dose> dose = ImmunizationMapper.toDose(immunization, retrievedAt);
        return dose
                .map(d -> EvidenceVersion.dose(ids.of(reference), patient, versionOf(immunization), lastUpdatedOf(immunization), retrievedAt, d))
                .orElseGet(() -> EvidenceVersion.withdrawn(ids.of(reference), HealthEvidenceStore.Kind.IMMUNIZATION, patient,
                        versionOf(immunization), lastUpdatedOf(immunization), retrievedAt));
    }

    // ------------------------------------------------------------------ storing

    /** Stores mapped Patients; the vault links new ones and answers the golden records that changed. */
    public List<VaultChange> storePatients(List<Mapped> patients) {
        return patients.isEmpty() ? List.of() : vault.upsert(patients);
    }

    /** Stores evidence versions; answers how many rows changed. */
    public int storeEvidence(List<EvidenceVersion> versions) {
        return evidence.store(versions);
    }

    /** Stores any one resource the way a sync would (a notification's resource); answers the golden records that changed. */
    public List<VaultChange> storeResource(Resource resource, Instant retrievedAt) {
        if (resource instanceof Patient patient) {
            return storePatients(List.of(mapPatient(patient, RecordIds.server(), retrievedAt)));
        }
        if (resource instanceof DiagnosticReport report) {
            certificateEvidence(report, RecordIds.server(), retrievedAt).ifPresent(v -> storeEvidence(List.of(v)));
        } else if (resource instanceof Immunization immunization) {
            storeEvidence(List.of(doseEvidence(immunization, RecordIds.server(), retrievedAt)));
        }
        return List.of();
    }

    // ------------------------------------------------------------------ parking

    /**
     * Parks a resource that could not be used, with the reason, on the dead-letter queue, so a sync can go
     * on past it and nothing is lost. Replaying it sends it through the notification route again, once
     * the cause is fixed (a Patient is then read afresh from the server).
     *
     * @param reference {@code Patient/45}, as far as it is known
     * @param json      the resource as received (personal data: it goes to the queue, never to a log)
     */
    public void park(String route, String reference, String json, FhirInputException reason) {
        Map<String, Object> headers = new HashMap<>();
        String text = reason.getClass().getSimpleName() + ": " + reason.getMessage();
        headers.put(HubErrorHandling.FAILURE_REASON, text.length() > 500 ? text.substring(0, 500) : text);
        headers.put(HubErrorHandling.FAILED_ROUTE, route);
        if (reference.matches("[A-Z][A-Za-z]+/[A-Za-z0-9\\-.]{1,64}")) {
            headers.put(HubErrorHandling.REPLAY_TO, NOTIFICATIONS_QUEUE);
            headers.put(NOTIFICATION_PATH, "/" + reference);
            headers.put(NOTIFICATION_CONTENT_TYPE, "application/fhir+json");
        }
        producer.sendBodyAndHeaders("direct:park-dead-letter", json, headers);
    }

    // ------------------------------------------------------------------ helpers

    private static String referenceOf(Resource resource) {
        if (!resource.hasIdElement() || !resource.getIdElement().hasIdPart()) {
            throw new FhirInputException(FhirInputException.Reason.INVALID_RESOURCE, resource.fhirType() + " without a logical id");
        }
        return resource.fhirType() + "/" + resource.getIdElement().getIdPart();
    }

    /** {@code Patient/45} from a reference that may be absolute or versioned. */
    private static SourceRef patientOf(String patientReference, String about, RecordIds ids) {
        if (patientReference == null || !patientReference.contains("Patient/")) {
            throw new FhirInputException(FhirInputException.Reason.INVALID_RESOURCE, about + " has no Patient");
        }
        String plain = new IdType(patientReference).toUnqualifiedVersionless().getValue();
        return new SourceRef(SourceSystem.HEALTH, ids.of(plain));
    }

    private static String versionOf(Resource resource) {
        if (resource.getMeta().hasVersionId()) {
            return resource.getMeta().getVersionId();
        }
        return resource.getIdElement().hasVersionIdPart() ? resource.getIdElement().getVersionIdPart() : "";
    }

    private static Instant lastUpdatedOf(Resource resource) {
        return resource.getMeta().getLastUpdated() == null ? null : resource.getMeta().getLastUpdated().toInstant();
    }
}
