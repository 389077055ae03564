package org.citizenhub.connectors.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.citizenhub.mappings.health.FhirInputException;
import org.citizenhub.mappings.health.FhirR4;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SubscriptionCallbackParserTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(nullValues = "-", value = {
            "/hub/fhir-callback, -, ",
            "/hub/fhir-callback, application/fhir+json, ",
            "/hub/fhir-callback/Patient, -, Patient",
    })
    void anEmptyBodyAsksForAResync(String path, String contentType, String type) {
        SubscriptionNotification n = SubscriptionCallbackParser.parse(path, contentType, new byte[0]);

        assertThat(n).isEqualTo(new SubscriptionNotification.ResyncRequested(Optional.ofNullable(type)));
    }

    @Test
    void aPutOfTheResourceDeliversIt() {
        Patient patient = new Patient();
        patient.setId("123");
        patient.addName().setFamily("Đặng");

        SubscriptionNotification n = SubscriptionCallbackParser.parse("/hub/fhir-callback/Patient/123",
                "application/fhir+json; charset=UTF-8", bytes(FhirR4.encode(patient)));

        assertThat(n).isInstanceOfSatisfying(SubscriptionNotification.ResourcesReceived.class,
                r -> assertThat(r.resources()).singleElement().isInstanceOf(Patient.class));
    }

    @Test
    void aBundleDeliversItsResources() {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.HISTORY);
        Patient patient = new Patient();
        patient.setId("p1");
        bundle.addEntry().setResource(patient);
        Immunization immunization = new Immunization().setPatient(new Reference("Patient/p1"));
        immunization.setId("i1");
        bundle.addEntry().setResource(immunization);

        SubscriptionNotification n = SubscriptionCallbackParser.parse("/hub/fhir-callback", "application/fhir+json",
                bytes(FhirR4.encode(bundle)));

        assertThat(n).isInstanceOfSatisfying(SubscriptionNotification.ResourcesReceived.class,
                r -> assertThat(r.resources()).hasSize(2));
    }

    @Test
    void refusesABodyThatDisagreesWithThePath() {
        Patient patient = new Patient();
        patient.setId("999");

        assertThatThrownBy(() -> SubscriptionCallbackParser.parse("/hub/fhir-callback/Patient/123", "application/fhir+json",
                bytes(FhirR4.encode(patient))))
                .isInstanceOf(FhirInputException.class).hasMessageContaining("Patient/123 but the body holds id 999");
        assertThatThrownBy(() -> SubscriptionCallbackParser.parse("/hub/fhir-callback/Immunization/123", "application/fhir+json",
                bytes(FhirR4.encode(patient))))
                .isInstanceOfSatisfying(FhirInputException.class,
                        e -> assertThat(e.reason()).isEqualTo(FhirInputException.Reason.WRONG_RESOURCE_TYPE));
    }

    @Test
    void refusesSomethingThatIsNotFhir() {
        assertThatThrownBy(() -> SubscriptionCallbackParser.parse("/hub/fhir-callback", "text/html", bytes("<html>hi</html>")))
                .isInstanceOfSatisfying(FhirInputException.class,
                        e -> assertThat(e.reason()).isEqualTo(FhirInputException.Reason.INVALID_JSON));
        assertThatThrownBy(() -> SubscriptionCallbackParser.parse("/hub/fhir-callback", null, bytes("{\"resourceType\":\"Patient\",")))
                .isInstanceOfSatisfying(FhirInputException.class,
                        e -> assertThat(e.reason()).isEqualTo(FhirInputException.Reason.INVALID_JSON));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
