package org.citizenhub.sandbox.health;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.citizenhub.mappings.health.DrivingFitness;

/**
 * One patient as the health-record system holds it, before it becomes FHIR resources: the fields of
 * the synthetic population's HEALTH view (messy as the view made them), plus the health data the
 * simulator serves with it. {@code personKey} is the ground truth (who this really is); it is never
 * put into a FHIR resource.
 *
 * @param recordId   the health system's record id; becomes the Patient's logical id
 * @param fullName   the name as written (HumanName.text)
 * @param familyName the first word as the system split it (HumanName.family), empty when it did not split
 * @param givenNames the other words, space-separated (HumanName.given)
 * @param birthDate  {@code yyyy-MM-dd} or {@code yyyy}, empty when unknown
 * @param gender     male | female | unknown
 * @param personalId maybe empty or wrong
 */
public record PatientSeed(
        String recordId,
        String personKey,
        String fullName,
        String familyName,
        String givenNames,
        String birthDate,
        String gender,
        String personalId,
        String phone,
        String addressLine,
        String ward,
        String district,
        String city,
        CertificateSeed certificate,
        List<VaccinationSeed> vaccinations) {

    public PatientSeed {
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(fullName, "fullName");
        personKey = orEmpty(personKey);
        familyName = orEmpty(familyName);
        givenNames = orEmpty(givenNames);
        birthDate = orEmpty(birthDate);
        gender = gender == null || gender.isBlank() ? "unknown" : gender.strip();
        personalId = orEmpty(personalId);
        phone = orEmpty(phone);
        addressLine = orEmpty(addressLine);
        ward = orEmpty(ward);
        district = orEmpty(district);
        city = orEmpty(city);
        vaccinations = vaccinations == null ? List.of() : List.copyOf(vaccinations);
    }

    /**
     * A seed from the fields of a HEALTH view record of the synthetic population ({@code fullName},
     * {@code familyName}, {@code givenNames}, {@code birthDate}, {@code gender}, {@code personalId},
     * {@code phone}, {@code addressLine}, {@code ward}, {@code district}, {@code city}), without health data.
     */
    public static PatientSeed fromHealthView(String recordId, String personKey, Map<String, String> fields) {
        return new PatientSeed(recordId, personKey, fields.getOrDefault("fullName", ""), fields.get("familyName"),
                fields.get("givenNames"), fields.get("birthDate"),
                fields.get("gender"), fields.get("personalId"), fields.get("phone"), fields.get("addressLine"),
                fields.get("ward"), fields.get("district"), fields.get("city"), null, List.of());
    }

    public PatientSeed withHealthData(CertificateSeed certificate, List<VaccinationSeed> vaccinations) {
        return new PatientSeed(recordId, personKey, fullName, familyName, givenNames, birthDate, gender, personalId, phone, addressLine, ward,
                district, city, certificate, vaccinations);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s.strip();
    }

    /** A driver health-check certificate. */
    public record CertificateSeed(LocalDate examined, LocalDate issued, LocalDate validUntil, DrivingFitness fitness,
                                  String licenceClass, String conclusionText) {
    }

    /** One vaccination: CVX code, name, date ({@code yyyy-MM-dd}, {@code yyyy-MM} or {@code yyyy}), dose number. */
    public record VaccinationSeed(String cvx, String name, String date, int doseNumber) {
    }
}
