package org.citizenhub.health;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.camel.Exchange;
import org.citizenhub.connectors.health.FhirRestClient;
import org.citizenhub.connectors.health.TransactionBundleIngest;
import org.citizenhub.connectors.vault.HealthEvidenceStore.EvidenceVersion;
import org.citizenhub.connectors.vault.VaultChange;
import org.citizenhub.health.HealthIngest.RecordIds;
import org.citizenhub.mappings.citizen.Mapped;
import org.citizenhub.mappings.health.ResolvedBundle;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Patient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * FHIR transaction bundles dropped into the inbox folder (a Synthea export, a clinic's upload): read
 * with their {@code urn:uuid} and conditional references resolved (conditional ones also against the
 * FHIR server), then mapped and stored like synced resources. The bundle's own resources are not on
 * the server; their source records say so ({@code inbox:Patient/<id>}).
 *
 * <p>A bundle is all or nothing, as a FHIR transaction is: one resource the hub cannot use refuses the
 * whole file, which goes to {@code .failed} beside a {@code .reason.txt}. Logs carry counts and
 * reasons, never file names (Synthea names its files after the patient): a refusal is handled, so the
 * file component moves the file without logging a rollback.
 */
@Component
public class HealthBundleInbox {

    private static final Logger LOG = LoggerFactory.getLogger(HealthBundleInbox.class);

    static final String DONE_FOLDER = ".done";
    static final String FAILED_FOLDER = ".failed";
    static final String REASON_SUFFIX = ".reason.txt";
    /** Exchange property: the folder the file component moves the file to when the exchange completes. */
    static final String MOVE_TO = "hubInboxMoveTo";

    private final TransactionBundleIngest reader;
    private final FhirRestClient client;
    private final HealthIngest ingest;
    private final Clock clock;

    public HealthBundleInbox(TransactionBundleIngest transactionBundleIngest, FhirRestClient healthFhirClient,
                             HealthIngest ingest, Clock clock) {
        this.reader = transactionBundleIngest;
        this.client = healthFhirClient;
        this.ingest = ingest;
        this.clock = clock;
    }

    /**
     * Ingests one bundle file.
     *
     * @return the golden records that changed (their events are the route's to publish)
     */
    public List<VaultChange> ingest(String file) {
        ResolvedBundle bundle = reader.read(Path.of(file), TransactionBundleIngest.onServer(client));
        Set<String> ownReferences = new HashSet<>();
        for (ResolvedBundle.Entry entry : bundle.entries()) {
            ownReferences.add(entry.resource().fhirType() + "/" + entry.resource().getIdElement().getIdPart());
        }
        RecordIds ids = RecordIds.inbox(ownReferences);
        Instant now = clock.instant();

        // map everything first: a bad resource refuses the bundle before anything is stored
        List<Mapped> patients = new ArrayList<>();
        for (Patient patient : bundle.resourcesOf(Patient.class)) {
            patients.add(ingest.mapPatient(patient, ids, now));
        }
        List<EvidenceVersion> evidence = new ArrayList<>();
        for (DiagnosticReport report : bundle.resourcesOf(DiagnosticReport.class)) {
            ingest.certificateEvidence(report, ids, now).ifPresent(evidence::add);
        }
        for (Immunization immunization : bundle.resourcesOf(Immunization.class)) {
            evidence.add(ingest.doseEvidence(immunization, ids, now));
        }

        List<VaultChange> changes = ingest.storePatients(patients);
        ingest.storeEvidence(evidence);
        LOG.info("health-bundle-inbox: bundle of {} entries ingested: {} Patients ({} citizens changed), {} evidence resources, "
                        + "{} conditional references left unresolved", bundle.entries().size(), patients.size(), changes.size(),
                evidence.size(), bundle.unresolvedConditionalReferences().size());
        return changes;
    }

    /**
     * Refuses a bundle: the file component moves it to {@code .failed} instead of {@code .done}, and
     * {@code .failed/<name>.reason.txt} says why. Exception texts of the hub carry no personal data.
     */
    public void refuse(Exchange exchange) {
        exchange.setProperty(MOVE_TO, FAILED_FOLDER);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = cause == null ? "unknown failure"
                // an I/O failure's text names the file, and a Synthea file is named after the patient
                : cause instanceof UncheckedIOException io ? "the file cannot be read (" + io.getCause().getClass().getSimpleName() + ")"
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        String parent = exchange.getMessage().getHeader(Exchange.FILE_PARENT, String.class);
        LOG.warn("health-bundle-inbox: bundle refused, moved to {}: {}", FAILED_FOLDER, reason);
        if (name == null || parent == null) {
            return;
        }
        try {
            Path failed = Files.createDirectories(Path.of(parent).resolve(FAILED_FOLDER));
            Files.writeString(failed.resolve(name + REASON_SUFFIX), reason + System.lineSeparator(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reason file of a refused bundle", e);
        }
    }
}
