package org.citizenhub.mappings.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import org.citizenhub.mappings.citizen.Provenance;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HealthCheckCertificateMapperTest {

    private static final Instant NOW = Instant.parse("2025-09-01T02:00:00Z");

    @Test
    void writesAndReadsBackTheHubsRepresentation() {
        HealthCheckCertificate certificate = new HealthCheckCertificate("Patient/p-7", LocalDate.of(2025, 3, 3),
                LocalDate.of(2025, 3, 4), LocalDate.of(2026, 3, 3), DrivingFitness.FIT, "B",
                "Đủ điều kiện sức khỏe lái xe hạng B", new Provenance(SourceSystem.HEALTH, "DiagnosticReport/dr-1", NOW));

        DiagnosticReport report = HealthCheckCertificateMapper.toFhir(certificate);
        report.setId("dr-1");
        DiagnosticReport reread = FhirR4.parse(FhirR4.encode(report), DiagnosticReport.class);

        assertThat(reread.getExtensionByUrl(HubFhirUris.CERTIFICATE_VALID_UNTIL).getValue().primitiveValue()).isEqualTo("2026-03-03");
        assertThat(reread.getCode().getCodingFirstRep().getCode()).isEqualTo(HubFhirUris.DRIVER_HEALTH_CHECK);
        assertThat(HealthCheckCertificateMapper.fromFhir(reread, NOW)).contains(certificate);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', nullValues = "-", value = {
            // conclusion text; expected fitness; expected class
            "Đủ điều kiện sức khỏe lái xe hạng B2; FIT; B2",
            "DU DIEU KIEN SUC KHOE LAI XE HANG A1; FIT; A1",
            "Đạt tiêu chuẩn sức khỏe lái xe hạng: C; FIT; C",
            "Không đủ điều kiện sức khỏe lái xe hạng D; UNFIT; D",
            "Đủ sức khỏe lái xe hạng B, khám lại sau 6 tháng (tăng huyết áp); FIT_WITH_REVIEW; B",
            "Fit to drive, class BE; FIT; -",
            "Chưa đủ điều kiện, đề nghị điều trị mắt; UNFIT; -",
    })
    void readsTheConclusionFromTheDoctorsWordsWhenItIsNotCoded(String text, DrivingFitness fitness, String licenceClass) {
        DiagnosticReport report = otherSystemsReport().setConclusion(text);

        HealthCheckCertificate certificate = HealthCheckCertificateMapper.fromFhir(report, NOW).orElseThrow();

        assertThat(certificate.conclusion()).isEqualTo(fitness);
        assertThat(certificate.licenceClass()).isEqualTo(licenceClass == null ? "" : licenceClass);
    }

    @Test
    void usesAnotherSystemsEffectivePeriodEndAsValidityAndIssuedDayInVietnam() {
        DiagnosticReport report = otherSystemsReport().setConclusion("Đủ điều kiện sức khỏe lái xe hạng B")
                .setEffective(new Period().setStartElement(new DateTimeType("2025-05-20"))
                        .setEndElement(new DateTimeType("2025-11-20")));
        // 20 May 2025 17:30 UTC is already 21 May in Vietnam
        report.setIssuedElement(new InstantType("2025-05-20T17:30:00Z"));

        HealthCheckCertificate c = HealthCheckCertificateMapper.fromFhir(report, NOW).orElseThrow();

        assertThat(c.examined()).isEqualTo(LocalDate.of(2025, 5, 20));
        assertThat(c.issued()).isEqualTo(LocalDate.of(2025, 5, 21));
        assertThat(c.validUntil()).isEqualTo(LocalDate.of(2025, 11, 20));
    }

    @Test
    void isValidTwelveMonthsFromSigningWhenNothingSaysOtherwise() {
        DiagnosticReport report = otherSystemsReport().setConclusion("Đủ điều kiện sức khỏe lái xe hạng B");

        HealthCheckCertificate c = HealthCheckCertificateMapper.fromFhir(report, NOW).orElseThrow();

        assertThat(c.issued()).isEqualTo(LocalDate.of(2025, 4, 10));
        assertThat(c.validUntil()).isEqualTo(LocalDate.of(2026, 4, 9));
        assertThat(c.supports("B", LocalDate.of(2026, 4, 9))).isTrue();
        assertThat(c.supports("B", LocalDate.of(2026, 4, 10))).isFalse();
        assertThat(c.supports("C", LocalDate.of(2025, 6, 1))).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"PRELIMINARY", "REGISTERED", "CANCELLED", "ENTEREDINERROR"})
    void ignoresReportsThatAreNotFinal(DiagnosticReport.DiagnosticReportStatus status) {
        DiagnosticReport report = otherSystemsReport().setConclusion("Đủ điều kiện sức khỏe lái xe hạng B").setStatus(status);

        assertThat(HealthCheckCertificateMapper.fromFhir(report, NOW)).isEmpty();
        assertThat(HealthCheckCertificateMapper.isWithdrawn(report))
                .isEqualTo(status == DiagnosticReport.DiagnosticReportStatus.CANCELLED
                        || status == DiagnosticReport.DiagnosticReportStatus.ENTEREDINERROR);
    }

    @Test
    void ignoresOtherReports() {
        DiagnosticReport bloodCount = otherSystemsReport().setCode(new CodeableConcept().setText("Tổng phân tích tế bào máu"));

        assertThat(HealthCheckCertificateMapper.fromFhir(bloodCount, NOW)).isEqualTo(Optional.empty());
    }

    @Test
    void refusesACertificateWithoutAConclusionOrAPatient() {
        assertThatThrownBy(() -> HealthCheckCertificateMapper.fromFhir(otherSystemsReport().setConclusion("xem hồ sơ"), NOW))
                .isInstanceOf(FhirInputException.class).hasMessageContaining("no recognisable conclusion")
                .hasMessageNotContaining("xem hồ sơ");
        assertThatThrownBy(() -> HealthCheckCertificateMapper.fromFhir(
                otherSystemsReport().setConclusion("Đủ điều kiện").setSubject(new Reference("Group/g1")), NOW))
                .isInstanceOf(FhirInputException.class).hasMessageContaining("no Patient subject");
    }

    /** How another clinic system writes it: code by text only, no hub extensions. */
    private static DiagnosticReport otherSystemsReport() {
        DiagnosticReport report = new DiagnosticReport()
                .setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL)
                .setCode(new CodeableConcept().setText("Khám sức khỏe lái xe"))
                .setSubject(new Reference("Patient/p-9/_history/2"))
                .setIssuedElement(new InstantType("2025-04-10T09:00:00+07:00"));
        report.setId("dr-9");
        return report;
    }
}
