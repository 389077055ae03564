package org.citizenhub.mappings.health;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.citizenhub.mappings.citizen.PartialDate;
import org.citizenhub.mappings.citizen.Provenance;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.Reference;

/**
 * FHIR R4 Immunization ↔ {@link ImmunizationSummary.Dose}. Only {@code status = completed} counts;
 * not-done and entered-in-error are left out. The vaccine is the CVX coding when there is one, else
 * the first coding, else the text.
 */
public final class ImmunizationMapper {

    private ImmunizationMapper() {
    }

    /** The dose an Immunization records; empty when it is not a completed vaccination. */
    public static Optional<ImmunizationSummary.Dose> toDose(Immunization immunization, Instant retrievedAt) {
        if (immunization.getStatus() != Immunization.ImmunizationStatus.COMPLETED) {
            return Optional.empty();
        }
        CodeableConcept vaccine = immunization.getVaccineCode();
        Coding coding = vaccine.getCoding().stream().filter(c -> HubFhirUris.CVX.equals(c.getSystem())).findFirst()
                .orElse(vaccine.getCoding().stream().filter(Coding::hasCode).findFirst().orElse(new Coding()));
        String name = vaccine.hasText() ? vaccine.getText() : coding.getDisplay();
        if (!coding.hasCode() && (name == null || name.isBlank())) {
            throw new FhirInputException(FhirInputException.Reason.INVALID_RESOURCE,
                    "Immunization/" + immunization.getIdElement().getIdPart() + " names no vaccine");
        }
        PartialDate date = immunization.hasOccurrenceDateTimeType()
                ? FhirDates.partial(immunization.getOccurrenceDateTimeType()).orElse(null) : null;
        int doseNumber = immunization.getProtocolApplied().stream()
                .filter(p -> p.hasDoseNumberPositiveIntType())
                .map(p -> p.getDoseNumberPositiveIntType().getValue())
                .findFirst().orElse(0);
        return Optional.of(new ImmunizationSummary.Dose(coding.getSystem(), coding.getCode(), name, date, doseNumber,
                immunization.getLotNumber(),
                new Provenance(SourceSystem.HEALTH, "Immunization/" + immunization.getIdElement().getIdPart(), retrievedAt)));
    }

    /**
     * Summaries per patient ({@code Patient/<id>}) of a set of Immunizations, e.g. one sync page or
     * everything a server holds for some patients.
     */
    public static Map<String, ImmunizationSummary> summarize(Collection<Immunization> immunizations, Instant retrievedAt) {
        Map<String, List<ImmunizationSummary.Dose>> doses = new LinkedHashMap<>();
        for (Immunization immunization : immunizations) {
            String patient = immunization.getPatient().getReference();
            if (patient == null || !patient.startsWith("Patient/")) {
                throw new FhirInputException(FhirInputException.Reason.INVALID_RESOURCE,
                        "Immunization/" + immunization.getIdElement().getIdPart() + " has no Patient");
            }
            toDose(immunization, retrievedAt).ifPresent(d -> doses.computeIfAbsent(patient, k -> new ArrayList<>()).add(d));
        }
        Map<String, ImmunizationSummary> result = new LinkedHashMap<>();
        doses.forEach((patient, list) -> result.put(patient, new ImmunizationSummary(patient, dedupeAndSort(list))));
        return result;
    }

    public static Immunization toFhir(String patientReference, ImmunizationSummary.Dose dose) {
        Immunization immunization = new Immunization()
                .setStatus(Immunization.ImmunizationStatus.COMPLETED)
                .setPatient(new Reference(patientReference))
                .setPrimarySource(true);
        CodeableConcept vaccine = new CodeableConcept().setText(dose.vaccineName().isEmpty() ? null : dose.vaccineName());
        if (!dose.vaccineCode().isEmpty()) {
            vaccine.addCoding(new Coding(dose.vaccineSystem().isEmpty() ? null : dose.vaccineSystem(),
                    dose.vaccineCode(), dose.vaccineName().isEmpty() ? null : dose.vaccineName()));
        }
        immunization.setVaccineCode(vaccine);
        if (dose.date() != null) {
            immunization.setOccurrence(new DateTimeType(dose.date().toString()));
        }
        if (dose.doseNumber() > 0) {
            immunization.addProtocolApplied().setDoseNumber(new PositiveIntType(dose.doseNumber()));
        }
        if (!dose.lotNumber().isEmpty()) {
            immunization.setLotNumber(dose.lotNumber());
        }
        return immunization;
    }

    private static List<ImmunizationSummary.Dose> dedupeAndSort(List<ImmunizationSummary.Dose> doses) {
        Set<String> seen = new HashSet<>();
        List<ImmunizationSummary.Dose> result = new ArrayList<>();
        for (ImmunizationSummary.Dose dose : doses) {
            if (dose.date() == null || seen.add(dose.vaccineKey() + "@" + dose.date())) {
                result.add(dose);
            }
        }
        result.sort(Comparator.comparing(ImmunizationSummary.Dose::sortKey));
        return result;
    }
}
