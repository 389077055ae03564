package org.citizenhub.mappings.health;

/**
 * URIs of the extensions and code systems the hub reads and writes. Standard HL7 ones where they
 * exist; the hub's own (under {@link #HUB_BASE}) only where FHIR R4 has no element for a Vietnamese
 * concept. The identifier systems of the personal ID are configuration ({@link IdentifierSystems}),
 * not constants, because each health-record system names them its own way.
 */
public final class HubFhirUris {

    /** Base of the hub's own StructureDefinitions and CodeSystems. */
    public static final String HUB_BASE = "https://fhir.citizenhub.org";

    /** ISO 21090 address part "precinct" (a subsection of a municipality): the ward (phường/xã), on Address. */
    public static final String ADXP_PRECINCT = "http://hl7.org/fhir/StructureDefinition/iso21090-ADXP-precinct";
    /** ISO 21090 address part "house number", on Address.line. */
    public static final String ADXP_HOUSE_NUMBER = "http://hl7.org/fhir/StructureDefinition/iso21090-ADXP-houseNumber";
    /** ISO 21090 address part "street name", on Address.line. */
    public static final String ADXP_STREET_NAME = "http://hl7.org/fhir/StructureDefinition/iso21090-ADXP-streetName";
    /** The 5-digit statistics code of the ward (valueCode), on Address. */
    public static final String WARD_CODE = HUB_BASE + "/StructureDefinition/address-ward-code";

    /** HL7 v2 table 0203 (identifier type); code NI = national unique individual identifier. */
    public static final String V2_IDENTIFIER_TYPE = "http://terminology.hl7.org/CodeSystem/v2-0203";

    /** Code system of the kinds of health check (DiagnosticReport.code). */
    public static final String HEALTH_CHECK_CODES = HUB_BASE + "/CodeSystem/health-check";
    /** Code of the driver health check (khám sức khỏe người lái xe). */
    public static final String DRIVER_HEALTH_CHECK = "driver-fitness";
    /** Code system of the conclusions of a driver health check (DiagnosticReport.conclusionCode). */
    public static final String DRIVER_FITNESS_CODES = HUB_BASE + "/CodeSystem/driver-fitness";
    /** Code system of the driving-licence classes (A1, A, B, C1, …; pre-2025 A2, B2, E, …). */
    public static final String LICENCE_CLASS_CODES = HUB_BASE + "/CodeSystem/driving-licence-class";
    /** Last day the certificate may be used (valueDate), on DiagnosticReport. */
    public static final String CERTIFICATE_VALID_UNTIL = HUB_BASE + "/StructureDefinition/certificate-valid-until";

    /** CVX vaccine codes (CDC), the usual system of Immunization.vaccineCode. */
    public static final String CVX = "http://hl7.org/fhir/sid/cvx";

    private HubFhirUris() {
    }
}
