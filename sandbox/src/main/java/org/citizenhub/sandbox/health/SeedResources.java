package org.citizenhub.sandbox.health;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.citizenhub.mappings.citizen.PartialDate;
import org.citizenhub.mappings.citizen.Provenance;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.health.HealthCheckCertificate;
import org.citizenhub.mappings.health.HealthCheckCertificateMapper;
import org.citizenhub.mappings.health.HubFhirUris;
import org.citizenhub.mappings.health.IdentifierSystems;
import org.citizenhub.mappings.health.ImmunizationMapper;
import org.citizenhub.mappings.health.ImmunizationSummary;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Patient;

/**
 * Turns a seed into the FHIR resources a clinic's system would have written: the name as text and,
 * when the record splits it, as family and given; the address as lines plus district and city,
 * without the hub's extensions; the ID number under the configured system when the record has one.
 */
final class SeedResources {

    /** The clinic's own record number system. */
    static final String MRN_SYSTEM = HubFhirUris.HUB_BASE + "/sid/simulator-mrn";

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final IdentifierSystems systems;

    SeedResources(IdentifierSystems systems) {
        this.systems = systems;
    }

    /** A FHIR id from the record id: letters, digits, '-' and '.', at most 64. */
    static String logicalId(String recordId) {
        String id = recordId.replaceAll("[^A-Za-z0-9\\-.]", "-");
        return id.length() > 64 ? id.substring(0, 64) : id;
    }

    Patient patient(PatientSeed seed) {
        Patient patient = new Patient();
        patient.setId(logicalId(seed.recordId()));
        patient.addIdentifier().setSystem(MRN_SYSTEM).setValue(seed.recordId());
        if (!seed.personalId().isEmpty()) {
            patient.addIdentifier().setSystem(systems.personalId()).setValue(seed.personalId());
        }
        HumanName name = patient.addName().setText(seed.fullName().isBlank() ? null : seed.fullName());
        if (!seed.familyName().isEmpty()) {
            name.setFamily(seed.familyName());
        }
        if (!seed.givenNames().isEmpty()) {
            for (String word : WHITESPACE.split(seed.givenNames())) {
                name.addGiven(word);
            }
        }
        if (!seed.birthDate().isEmpty()) {
            patient.setBirthDateElement(new DateType(seed.birthDate()));
        }
        patient.setGender(AdministrativeGender.fromCode(seed.gender()));
        if (!seed.phone().isEmpty()) {
            patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE)
                    .setUse(ContactPoint.ContactPointUse.MOBILE).setValue(seed.phone());
        }
        if (!(seed.addressLine() + seed.ward() + seed.city()).isBlank()) {
            org.hl7.fhir.r4.model.Address address = patient.addAddress().setUse(org.hl7.fhir.r4.model.Address.AddressUse.HOME);
            if (!seed.addressLine().isEmpty()) {
                address.addLine(seed.addressLine());
            }
            if (!seed.ward().isEmpty()) {
                address.addLine(seed.ward());
            }
            address.setDistrict(seed.district().isEmpty() ? null : seed.district());
            address.setCity(seed.city().isEmpty() ? null : seed.city());
        }
        return patient;
    }

    DiagnosticReport certificate(PatientSeed seed, Instant loadedAt) {
        PatientSeed.CertificateSeed c = seed.certificate();
        String patientRef = "Patient/" + logicalId(seed.recordId());
        DiagnosticReport report = HealthCheckCertificateMapper.toFhir(new HealthCheckCertificate(patientRef, c.examined(),
                c.issued(), c.validUntil(), c.fitness(), c.licenceClass(), c.conclusionText(),
                new Provenance(SourceSystem.HEALTH, "seed", loadedAt)));
        report.setId(logicalId(seed.recordId()) + "-ksk");
        return report;
    }

    List<Immunization> immunizations(PatientSeed seed, Instant loadedAt) {
        List<Immunization> result = new ArrayList<>();
        String patientRef = "Patient/" + logicalId(seed.recordId());
        int n = 0;
        for (PatientSeed.VaccinationSeed v : seed.vaccinations()) {
            Immunization immunization = ImmunizationMapper.toFhir(patientRef, new ImmunizationSummary.Dose(HubFhirUris.CVX,
                    v.cvx(), v.name(), PartialDate.parse(v.date()), v.doseNumber(), null,
                    new Provenance(SourceSystem.HEALTH, "seed", loadedAt)));
            immunization.setId(logicalId(seed.recordId()) + "-tc" + (++n));
            result.add(immunization);
        }
        return result;
    }
}
