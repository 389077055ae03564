package org.citizenhub.mappings.health;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

import org.citizenhub.mappings.citizen.Provenance;

/**
 * A driver health-check certificate (giấy khám sức khỏe người lái xe), the evidence a licence
 * renewal needs, as kept in the vault. See {@link HealthCheckCertificateMapper} for its FHIR form.
 *
 * @param patientReference the Patient it is about, {@code Patient/<id>}
 * @param examined         the day of the examination
 * @param issued           the day the certificate was signed
 * @param validUntil       the last day it may be used
 * @param conclusion       fit / unfit / fit but to be re-examined
 * @param licenceClass     the licence class it was issued for ("B", "A1", pre-2025 "B2"), empty if not stated
 * @param conclusionText   the conclusion as the doctor wrote it
 * @param source           the DiagnosticReport it came from and when the hub read it
 */
public record HealthCheckCertificate(
        String patientReference,
        LocalDate examined,
        LocalDate issued,
        LocalDate validUntil,
        DrivingFitness conclusion,
        String licenceClass,
        String conclusionText,
        Provenance source) {

    public HealthCheckCertificate {
        Objects.requireNonNull(patientReference, "patientReference");
        Objects.requireNonNull(issued, "issued");
        Objects.requireNonNull(validUntil, "validUntil");
        Objects.requireNonNull(conclusion, "conclusion");
        Objects.requireNonNull(source, "source");
        examined = examined == null ? issued : examined;
        licenceClass = licenceClass == null ? "" : licenceClass.strip().toUpperCase(Locale.ROOT);
        conclusionText = conclusionText == null ? "" : conclusionText.strip();
        if (validUntil.isBefore(issued)) {
            throw new IllegalArgumentException("certificate valid until a day before it was issued");
        }
    }

    /**
     * Whether it can be used as evidence for a licence of that class on that day. A certificate
     * that does not state its class supports none: the portal then asks the citizen.
     */
    public boolean supports(String wantedClass, LocalDate on) {
        return conclusion.allowsDriving() && isValidOn(on) && licenceClass.equalsIgnoreCase(wantedClass.strip());
    }

    public boolean isValidOn(LocalDate day) {
        return !day.isBefore(issued) && !day.isAfter(validUntil);
    }
}
