package org.citizenhub.mappings.health;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.citizenhub.mappings.citizen.Address;
import org.citizenhub.mappings.citizen.CitizenRecord;
import org.citizenhub.mappings.citizen.PartialDate;
import org.citizenhub.mappings.citizen.PersonName;
import org.citizenhub.mappings.citizen.Provenance;
import org.citizenhub.mappings.citizen.Sex;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.id.DataQualityFinding;
import org.citizenhub.mappings.id.PersonalIdNumber;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;

/**
 * FHIR R4 Patient ↔ canonical {@link CitizenRecord}.
 *
 * <ul>
 *   <li>Names: see {@link HumanNameMapper}; addresses: see {@link FhirAddressMapper}
 *       (home = permanent address, temp = current address, old/ended ones are ignored).</li>
 *   <li>Identifiers: the personal ID and legacy CMND under the configured {@link IdentifierSystems};
 *       a 9-digit number filed under the personal-ID system is taken as the legacy number.</li>
 *   <li>Birth date: FHIR dates may be year or year-month only; they become a {@link PartialDate}.</li>
 *   <li>Gender other/unknown becomes no sex.</li>
 * </ul>
 * The record's source id is {@code Patient/<logical id>}. Findings never contain the values.
 */
public final class PatientMapper {

    private final IdentifierSystems systems;

    public PatientMapper(IdentifierSystems systems) {
        this.systems = Objects.requireNonNull(systems, "systems");
    }

    public IdentifierSystems identifierSystems() {
        return systems;
    }

    /**
     * Maps a Patient read from a health-record server.
     *
     * @throws FhirInputException when the Patient has no logical id or no usable name
     */
    public MappedPatient toCitizenRecord(Patient patient, Instant retrievedAt) {
        if (!patient.hasIdElement() || !patient.getIdElement().hasIdPart()) {
            throw new FhirInputException(FhirInputException.Reason.INVALID_RESOURCE, "Patient without a logical id");
        }
        String sourceId = "Patient/" + patient.getIdElement().getIdPart();
        List<DataQualityFinding> findings = new ArrayList<>();

        PersonName name = HumanNameMapper.preferred(patient.getName())
                .flatMap(HumanNameMapper::toPersonName)
                .orElseThrow(() -> new FhirInputException(FhirInputException.Reason.INVALID_RESOURCE,
                        sourceId + " has no usable name"));
        if (HumanNameMapper.isNewbornPlaceholder(name)) {
            findings.add(new DataQualityFinding(DataQualityFinding.Code.VALUE_INVALID, "name",
                    "name is a newborn's placeholder (child of the mother), not the registered name"));
        }
        PartialDate birth = birthDate(patient.getBirthDateElement(), findings);
        Sex sex = sex(patient.getGender());

        String personalId = null;
        String legacyId = null;
        for (Identifier identifier : patient.getIdentifier()) {
            if (!identifier.hasValue() || identifier.getValue().isBlank()) {
                continue;
            }
            String cleaned = PersonalIdNumber.clean(identifier.getValue());
            if (systems.personalId().equals(identifier.getSystem()) && personalId == null) {
                if (PersonalIdNumber.isCmndShape(cleaned)) {
                    legacyId = legacyId == null ? cleaned : legacyId;
                } else {
                    personalId = cleaned;
                }
            } else if (systems.legacyId().equals(identifier.getSystem()) && legacyId == null) {
                legacyId = cleaned;
            }
        }
        if (personalId != null) {
            findings.addAll(PersonalIdNumber.validate(personalId, birth, sex));
        }

        Address permanent = address(patient, org.hl7.fhir.r4.model.Address.AddressUse.HOME).orElse(null);
        Address current = address(patient, org.hl7.fhir.r4.model.Address.AddressUse.TEMP).orElse(null);

        LocalDate dateOfDeath = null;
        if (patient.hasDeceasedDateTimeType()) {
            dateOfDeath = FhirDates.day(patient.getDeceasedDateTimeType()).orElse(null);
        }

        CitizenRecord record = new CitizenRecord(
                new Provenance(SourceSystem.HEALTH, sourceId, retrievedAt),
                personalId, legacyId, name, birth, sex, null, permanent, current, null,
                telecom(patient, ContactPoint.ContactPointSystem.PHONE).orElse(null),
                telecom(patient, ContactPoint.ContactPointSystem.EMAIL).orElse(null),
                dateOfDeath);
        return new MappedPatient(record, findings);
    }

    /** A new Patient for the citizen, e.g. for a conditional create on the personal ID. */
    public Patient toPatient(CitizenRecord citizen) {
        Patient patient = new Patient();
        if (citizen.personalId() != null) {
            patient.addIdentifier(personalIdIdentifier(citizen.personalId()));
        }
        if (citizen.legacyId() != null) {
            patient.addIdentifier().setSystem(systems.legacyId()).setValue(citizen.legacyId());
        }
        patient.addName(HumanNameMapper.toFhir(citizen.name()));
        if (citizen.dateOfBirth() != null) {
            patient.setBirthDateElement(toDateType(citizen.dateOfBirth()));
        }
        if (citizen.sex() != null) {
            patient.setGender(citizen.sex() == Sex.MALE ? AdministrativeGender.MALE : AdministrativeGender.FEMALE);
        }
        if (citizen.permanentAddress() != null) {
            patient.addAddress(FhirAddressMapper.toFhir(citizen.permanentAddress(), org.hl7.fhir.r4.model.Address.AddressUse.HOME));
        }
        if (citizen.currentAddress() != null) {
            patient.addAddress(FhirAddressMapper.toFhir(citizen.currentAddress(), org.hl7.fhir.r4.model.Address.AddressUse.TEMP));
        }
        if (citizen.phone() != null) {
            patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE)
                    .setUse(ContactPoint.ContactPointUse.MOBILE).setValue(citizen.phone());
        }
        if (citizen.email() != null) {
            patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(citizen.email());
        }
        if (citizen.dateOfDeath() != null) {
            patient.setDeceased(new DateTimeType(citizen.dateOfDeath().toString()));
        }
        return patient;
    }

    /** The identifier of the personal ID number, typed NI (national unique individual identifier). */
    public Identifier personalIdIdentifier(String personalId) {
        return new Identifier()
                .setUse(Identifier.IdentifierUse.OFFICIAL)
                .setType(new CodeableConcept().addCoding(
                        new Coding(HubFhirUris.V2_IDENTIFIER_TYPE, "NI", "National unique individual identifier")))
                .setSystem(systems.personalId())
                .setValue(PersonalIdNumber.clean(personalId));
    }

    /** The personal ID number the Patient carries under the configured system, as written. */
    public Optional<String> personalIdOf(Patient patient) {
        return patient.getIdentifier().stream()
                .filter(i -> systems.personalId().equals(i.getSystem()) && i.hasValue())
                .map(Identifier::getValue)
                .findFirst();
    }

    /**
     * Sets the permanent (home) address, keeping every other element of the Patient as it is: the
     * write-back merges this change onto whatever version the server has now.
     *
     * @return whether the Patient changed (false when it already had this address)
     */
    public static boolean applyPermanentAddress(Patient patient, Address address) {
        org.hl7.fhir.r4.model.Address wanted = FhirAddressMapper.toFhir(address, org.hl7.fhir.r4.model.Address.AddressUse.HOME);
        List<org.hl7.fhir.r4.model.Address> addresses = patient.getAddress();
        for (int i = 0; i < addresses.size(); i++) {
            org.hl7.fhir.r4.model.Address existing = addresses.get(i);
            if (isUse(existing, org.hl7.fhir.r4.model.Address.AddressUse.HOME)) {
                if (existing.equalsDeep(wanted)) {
                    return false;
                }
                addresses.set(i, wanted);
                return true;
            }
        }
        addresses.add(0, wanted);
        return true;
    }

    /**
     * Sets the mobile phone, keeping every other element as it is.
     *
     * @return whether the Patient changed
     */
    public static boolean applyPhone(Patient patient, String phone) {
        for (ContactPoint cp : patient.getTelecom()) {
            if (cp.getSystem() == ContactPoint.ContactPointSystem.PHONE
                    && (cp.getUse() == null || cp.getUse() == ContactPoint.ContactPointUse.MOBILE)) {
                if (phone.equals(cp.getValue())) {
                    return false;
                }
                cp.setValue(phone).setUse(ContactPoint.ContactPointUse.MOBILE);
                return true;
            }
        }
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE)
                .setUse(ContactPoint.ContactPointUse.MOBILE).setValue(phone);
        return true;
    }

    static DateType toDateType(PartialDate date) {
        return new DateType(date.toString());
    }

    private static PartialDate birthDate(DateType birth, List<DataQualityFinding> findings) {
        if (birth == null || !birth.hasValue()) {
            return null;
        }
        try {
            return PartialDate.parse(birth.getValueAsString());
        } catch (IllegalArgumentException e) {
            findings.add(new DataQualityFinding(DataQualityFinding.Code.VALUE_INVALID, "birthDate",
                    "birth date outside the plausible range"));
            return null;
        }
    }

    private static Sex sex(AdministrativeGender gender) {
        if (gender == null) {
            return null;
        }
        return switch (gender) {
            case MALE -> Sex.MALE;
            case FEMALE -> Sex.FEMALE;
            default -> null;
        };
    }

    /**
     * The first usable address of that use. An address without use counts as home; an address whose
     * period has ended, or with use old, is history and never the current one.
     */
    private static Optional<Address> address(Patient patient, org.hl7.fhir.r4.model.Address.AddressUse use) {
        for (org.hl7.fhir.r4.model.Address a : patient.getAddress()) {
            if (!isUse(a, use) || (a.hasPeriod() && a.getPeriod().hasEnd() && a.getPeriod().getEnd().before(new Date()))) {
                continue;
            }
            Optional<Address> mapped = FhirAddressMapper.toCanonical(a);
            if (mapped.isPresent()) {
                return mapped;
            }
        }
        return Optional.empty();
    }

    private static boolean isUse(org.hl7.fhir.r4.model.Address a, org.hl7.fhir.r4.model.Address.AddressUse use) {
        org.hl7.fhir.r4.model.Address.AddressUse actual = a.getUse();
        if (use == org.hl7.fhir.r4.model.Address.AddressUse.HOME) {
            return actual == null || actual == org.hl7.fhir.r4.model.Address.AddressUse.HOME;
        }
        return actual == use;
    }

    private static Optional<String> telecom(Patient patient, ContactPoint.ContactPointSystem system) {
        ContactPoint best = null;
        for (ContactPoint cp : patient.getTelecom()) {
            if (cp.getSystem() != system || !cp.hasValue() || cp.getValue().isBlank()
                    || cp.getUse() == ContactPoint.ContactPointUse.OLD) {
                continue;
            }
            if (best == null || (cp.getUse() == ContactPoint.ContactPointUse.MOBILE && best.getUse() != ContactPoint.ContactPointUse.MOBILE)
                    || (cp.hasRank() && (!best.hasRank() || cp.getRank() < best.getRank()))) {
                best = cp;
            }
        }
        return Optional.ofNullable(best).map(cp -> cp.getValue().strip());
    }
}
