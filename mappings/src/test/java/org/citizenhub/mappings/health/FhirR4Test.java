package org.citizenhub.mappings.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FhirR4Test {

    @Test
    void sharesOneContext() {
        assertThat(FhirR4.context()).isSameAs(FhirR4.context());
        assertThat(FhirR4.context().getVersion().getVersion().getFhirVersionString()).startsWith("4.0");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "not-fhir-error-page.html, INVALID_JSON",
            "truncated.json, INVALID_JSON",
            "patient-invalid-birthdate.json, INVALID_RESOURCE",
    })
    void refusesBadInputWithAReasonAndWithoutTheValue(String fixture, FhirInputException.Reason reason) {
        assertThatThrownBy(() -> FhirR4.parse(Fixtures.text(fixture), Patient.class))
                .isInstanceOfSatisfying(FhirInputException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).doesNotContain("1985-13-45").doesNotContain("Nguyễn").doesNotContain("Võ");
                    assertThat(e.getCause()).isNull();
                });
    }

    @Test
    void refusesAResourceOfAnotherType() {
        String json = FhirR4.encode(new Immunization().setStatus(Immunization.ImmunizationStatus.COMPLETED));

        assertThatThrownBy(() -> FhirR4.parse(json, Patient.class))
                .isInstanceOfSatisfying(FhirInputException.class,
                        e -> assertThat(e.reason()).isEqualTo(FhirInputException.Reason.WRONG_RESOURCE_TYPE))
                .hasMessageContaining("expected a FHIR Patient but got a Immunization");
    }

    @Test
    void refusesAnEmptyBody() {
        assertThatThrownBy(() -> FhirR4.parse("  ", Patient.class))
                .isInstanceOfSatisfying(FhirInputException.class,
                        e -> assertThat(e.reason()).isEqualTo(FhirInputException.Reason.INVALID_JSON));
    }

    @Test
    void toleratesElementsItDoesNotKnow() {
        String json = "{\"resourceType\":\"Patient\",\"id\":\"x\",\"vendorField\":42,\"name\":[{\"family\":\"Bùi\"}]}";

        assertThat(FhirR4.parse(json, Patient.class).getNameFirstRep().getFamily()).isEqualTo("Bùi");
    }

    @Test
    void sanitizesQuotedValuesButKeepsElementNames() {
        assertThat(FhirInputException.sanitize("[element=\"birthDate\"] Invalid attribute value \"1985-13-45\""))
                .isEqualTo("[element=\"birthDate\"] Invalid attribute value \"***\"");
    }
}
