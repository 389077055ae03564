package org.citizenhub.mappings.health;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.citizenhub.mappings.citizen.Provenance;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Reference;

/**
 * The driver health-check certificate in FHIR R4, and its mapping to {@link HealthCheckCertificate}.
 *
 * <p><b>Representation.</b> A certificate is a {@code DiagnosticReport}: it is the signed conclusion
 * of an examination, about one patient, issued at a time, which is what DiagnosticReport models (an
 * Observation is one measurement; a Composition would need a document Bundle around it).
 * <ul>
 *   <li>{@code status} = final (amended/corrected/appended also count; cancelled and entered-in-error
 *       withdraw the certificate; registered/partial/preliminary are not evidence yet);</li>
 *   <li>{@code code} = {@value HubFhirUris#HEALTH_CHECK_CODES}|{@value HubFhirUris#DRIVER_HEALTH_CHECK},
 *       text "Giấy khám sức khỏe của người lái xe" (no LOINC code names this Vietnamese certificate; a
 *       report whose code text mentions "lái xe" is also recognised);</li>
 *   <li>{@code subject} = the Patient; {@code effectiveDateTime} = the day of the examination;
 *       {@code issued} = when the doctor signed it;</li>
 *   <li>extension {@value HubFhirUris#CERTIFICATE_VALID_UNTIL} (valueDate) = the last day it may be
 *       used. The validity is a property of the certificate, not of the examination, so it is not put
 *       in {@code effectivePeriod}; an {@code effectivePeriod.end} written by another system is read as
 *       the validity when the extension is absent, and with neither, the certificate is valid
 *       {@value #DEFAULT_VALIDITY_MONTHS} months from signing (the regulation's validity);</li>
 *   <li>{@code conclusion} = the text the doctor wrote ("Đủ điều kiện sức khỏe lái xe hạng B");
 *       {@code conclusionCode} = one coding from {@value HubFhirUris#DRIVER_FITNESS_CODES}
 *       (fit | unfit | fit-with-review) and one from {@value HubFhirUris#LICENCE_CLASS_CODES} (the
 *       class). Without codings, both are read from the text.</li>
 * </ul>
 */
public final class HealthCheckCertificateMapper {

    public static final int DEFAULT_VALIDITY_MONTHS = 12;
    public static final String DISPLAY = "Giấy khám sức khỏe của người lái xe";

    private static final Pattern CLASS_IN_TEXT = Pattern.compile("(?i)hang\\s*:?\\s*([a-f][a-z0-9]{0,3})\\b");

    private HealthCheckCertificateMapper() {
    }

    public static DiagnosticReport toFhir(HealthCheckCertificate certificate) {
        DiagnosticReport report = new DiagnosticReport()
                .setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL)
                .setCode(new CodeableConcept()
                        .addCoding(new Coding(HubFhirUris.HEALTH_CHECK_CODES, HubFhirUris.DRIVER_HEALTH_CHECK, DISPLAY))
                        .setText(DISPLAY))
                .setSubject(new Reference(certificate.patientReference()))
                .setEffective(new DateTimeType(certificate.examined().toString()))
                .setIssued(Date.from(certificate.issued().atStartOfDay(FhirDates.VIETNAM).toInstant()))
                .setConclusion(certificate.conclusionText().isEmpty() ? null : certificate.conclusionText());
        report.addExtension(HubFhirUris.CERTIFICATE_VALID_UNTIL, new DateType(certificate.validUntil().toString()));
        report.addConclusionCode().addCoding(new Coding(HubFhirUris.DRIVER_FITNESS_CODES,
                certificate.conclusion().code(), null));
        if (!certificate.licenceClass().isEmpty()) {
            report.addConclusionCode().addCoding(new Coding(HubFhirUris.LICENCE_CLASS_CODES,
                    certificate.licenceClass(), null));
        }
        return report;
    }

    /** Whether the report is a driver health check (by code, or by its code text). */
    public static boolean isDriverHealthCheck(DiagnosticReport report) {
        CodeableConcept code = report.getCode();
        for (Coding coding : code.getCoding()) {
            if (HubFhirUris.HEALTH_CHECK_CODES.equals(coding.getSystem())
                    && HubFhirUris.DRIVER_HEALTH_CHECK.equals(coding.getCode())) {
                return true;
            }
        }
        String text = code.hasText() ? code.getText() : code.getCodingFirstRep().getDisplay();
        return text != null && HumanNameMapper.fold(text).contains("lai xe");
    }

    /** Whether the report withdraws an earlier certificate (cancelled or entered in error). */
    public static boolean isWithdrawn(DiagnosticReport report) {
        return report.getStatus() == DiagnosticReport.DiagnosticReportStatus.CANCELLED
                || report.getStatus() == DiagnosticReport.DiagnosticReportStatus.ENTEREDINERROR;
    }

    /**
     * The certificate the report holds; empty when the report is no driver health check or not (or no
     * longer) final.
     *
     * @throws FhirInputException when it is a final driver health check that lacks what evidence needs
     *                            (a Patient subject, a date, a recognisable conclusion)
     */
    public static Optional<HealthCheckCertificate> fromFhir(DiagnosticReport report, Instant retrievedAt) {
        if (!isDriverHealthCheck(report) || !isFinal(report)) {
            return Optional.empty();
        }
        String sourceId = "DiagnosticReport/" + report.getIdElement().getIdPart();
        String subject = report.getSubject().getReference();
        if (subject == null || !subject.startsWith("Patient/")) {
            throw new FhirInputException(FhirInputException.Reason.INVALID_RESOURCE, sourceId + " has no Patient subject");
        }
        Optional<LocalDate> examined = report.hasEffectiveDateTimeType()
                ? FhirDates.day(report.getEffectiveDateTimeType())
                : report.hasEffectivePeriod() ? FhirDates.day(report.getEffectivePeriod().getStartElement()) : Optional.empty();
        LocalDate issued = FhirDates.day(report.getIssuedElement())
                .or(() -> examined).orElseThrow(() -> new FhirInputException(FhirInputException.Reason.INVALID_RESOURCE,
                        sourceId + " has neither an issued nor an effective date"));
        LocalDate validUntil = validUntil(report).orElse(issued.plusMonths(DEFAULT_VALIDITY_MONTHS).minusDays(1));
        if (validUntil.isBefore(issued)) {
            throw new FhirInputException(FhirInputException.Reason.INVALID_RESOURCE, sourceId + " is valid until before it was issued");
        }
        String text = report.hasConclusion() ? report.getConclusion() : "";
        DrivingFitness conclusion = codedValue(report, HubFhirUris.DRIVER_FITNESS_CODES)
                .flatMap(DrivingFitness::fromCode)
                .or(() -> fitnessFromText(text))
                .orElseThrow(() -> new FhirInputException(FhirInputException.Reason.INVALID_RESOURCE,
                        sourceId + " has no recognisable conclusion"));
        String licenceClass = codedValue(report, HubFhirUris.LICENCE_CLASS_CODES).or(() -> classFromText(text)).orElse("");
        return Optional.of(new HealthCheckCertificate(subject.replaceFirst("/_history/.*$", ""), examined.orElse(issued), issued,
                validUntil, conclusion, licenceClass, text,
                new Provenance(SourceSystem.HEALTH, sourceId, retrievedAt)));
    }

    /** Reads the conclusion from the doctor's words; "không đủ" wins over "đủ", "khám lại" over plain fit. */
    static Optional<DrivingFitness> fitnessFromText(String text) {
        String folded = HumanNameMapper.fold(text);
        if (folded.isEmpty()) {
            return Optional.empty();
        }
        if (folded.contains("khong du") || folded.contains("khong dat") || folded.contains("chua du")
                || folded.contains("not fit") || folded.contains("unfit")) {
            return Optional.of(DrivingFitness.UNFIT);
        }
        boolean fit = folded.contains("du dieu kien") || folded.contains("du suc khoe") || folded.contains("dat tieu chuan")
                || folded.contains("fit to drive") || folded.matches("^(du|dat)\\b.*");
        if (!fit) {
            return Optional.empty();
        }
        return Optional.of(folded.contains("kham lai") ? DrivingFitness.FIT_WITH_REVIEW : DrivingFitness.FIT);
    }

    static Optional<String> classFromText(String text) {
        Matcher m = CLASS_IN_TEXT.matcher(HumanNameMapper.fold(text));
        return m.find() ? Optional.of(m.group(1).toUpperCase(Locale.ROOT)) : Optional.empty();
    }

    private static boolean isFinal(DiagnosticReport report) {
        DiagnosticReport.DiagnosticReportStatus status = report.getStatus();
        return status == DiagnosticReport.DiagnosticReportStatus.FINAL
                || status == DiagnosticReport.DiagnosticReportStatus.AMENDED
                || status == DiagnosticReport.DiagnosticReportStatus.CORRECTED
                || status == DiagnosticReport.DiagnosticReportStatus.APPENDED;
    }

    private static Optional<LocalDate> validUntil(DiagnosticReport report) {
        Extension ext = report.getExtensionByUrl(HubFhirUris.CERTIFICATE_VALID_UNTIL);
        if (ext != null && ext.getValue() instanceof BaseDateTimeType date) {
            return FhirDates.day(date);
        }
        if (report.hasEffectivePeriod() && report.getEffectivePeriod().hasEnd()) {
            return FhirDates.day(report.getEffectivePeriod().getEndElement());
        }
        return Optional.empty();
    }

    private static Optional<String> codedValue(DiagnosticReport report, String system) {
        for (CodeableConcept concept : report.getConclusionCode()) {
            for (Coding coding : concept.getCoding()) {
                if (system.equals(coding.getSystem()) && coding.hasCode()) {
                    return Optional.of(coding.getCode());
                }
            }
        }
        return Optional.empty();
    }
}
