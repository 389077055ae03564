package org.citizenhub.mappings.health;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.citizenhub.mappings.citizen.PartialDate;
import org.citizenhub.mappings.citizen.Provenance;

/**
 * The vaccinations a health-record system knows for one patient: completed doses only, oldest
 * first, a dose recorded twice (same vaccine, same day) kept once.
 *
 * @param patientReference {@code Patient/<id>}
 */
public record ImmunizationSummary(String patientReference, List<Dose> doses) {

    public ImmunizationSummary {
        Objects.requireNonNull(patientReference, "patientReference");
        doses = List.copyOf(doses);
    }

    /** Doses per vaccine (by code, else by name), in order of each vaccine's first dose. */
    public Map<String, List<Dose>> byVaccine() {
        Map<String, List<Dose>> result = new LinkedHashMap<>();
        for (Dose dose : doses) {
            result.computeIfAbsent(dose.vaccineKey(), k -> new ArrayList<>()).add(dose);
        }
        return result;
    }

    /** The most recent dose of a vaccine (CVX code or name). */
    public Optional<Dose> lastDoseOf(String vaccineKey) {
        return doses.stream().filter(d -> d.vaccineKey().equals(vaccineKey))
                .max(Comparator.comparing(Dose::sortKey));
    }

    /**
     * One dose given.
     *
     * @param vaccineSystem code system of the vaccine (usually CVX), empty when only a name was written
     * @param date          when it was given, possibly to the year or month only; null when unknown
     * @param doseNumber    the dose's number in its series, 0 when not stated
     */
    public record Dose(String vaccineSystem, String vaccineCode, String vaccineName, PartialDate date,
                       int doseNumber, String lotNumber, Provenance source) {
        public Dose {
            vaccineSystem = vaccineSystem == null ? "" : vaccineSystem;
            vaccineCode = vaccineCode == null ? "" : vaccineCode.strip();
            vaccineName = vaccineName == null ? "" : vaccineName.strip();
            lotNumber = lotNumber == null ? "" : lotNumber.strip();
            Objects.requireNonNull(source, "source");
            if (vaccineCode.isEmpty() && vaccineName.isEmpty()) {
                throw new IllegalArgumentException("a dose needs a vaccine code or name");
            }
        }

        public String vaccineKey() {
            return vaccineCode.isEmpty() ? vaccineName : vaccineCode;
        }

        String sortKey() {
            return date == null ? "0000" : date.toString();
        }
    }
}
