package org.citizenhub.connectors.health;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.citizenhub.mappings.citizen.CitizenRecord;
import org.citizenhub.mappings.health.PatientMapper;
import org.citizenhub.mappings.id.PersonalIdNumber;
import org.hl7.fhir.r4.model.Patient;

/**
 * Patients on the FHIR server by personal ID number, under the identifier system the
 * {@link PatientMapper} is configured with: lookup, and create-if-absent that cannot make duplicates
 * (the server checks and creates atomically on {@code If-None-Exist: identifier=system|value}).
 */
public final class PatientDirectory {

    private final FhirRestClient client;
    private final PatientMapper mapper;

    public PatientDirectory(FhirRestClient client, PatientMapper mapper) {
        this.client = client;
        this.mapper = mapper;
    }

    /** Every Patient carrying the number (more than one is a duplicate on the server's side). */
    public List<Patient> findByPersonalId(String personalId) {
        String token = mapper.identifierSystems().personalIdToken(PersonalIdNumber.clean(personalId));
        return client.searchAll(Patient.class, List.of(Map.entry("identifier", token)));
    }

    /**
     * Creates the Patient unless one with its personal ID exists.
     *
     * @throws IllegalArgumentException when the Patient carries no personal ID under the configured
     *                                  system (a create without a condition could duplicate)
     */
    public CreateOutcome createIfAbsent(Patient patient) {
        String personalId = mapper.personalIdOf(patient)
                .map(PersonalIdNumber::clean)
                .filter(PersonalIdNumber::isCccdShape)
                .orElseThrow(() -> new IllegalArgumentException("conditional create needs a 12-digit personal ID"));
        return client.create(patient, Optional.of("identifier=" + mapper.identifierSystems().personalIdToken(personalId)));
    }

    /** Creates the citizen's Patient unless one with the personal ID exists. */
    public CreateOutcome createIfAbsent(CitizenRecord citizen) {
        return createIfAbsent(mapper.toPatient(citizen));
    }
}
