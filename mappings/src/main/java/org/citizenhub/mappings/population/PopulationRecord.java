package org.citizenhub.mappings.population;

/**
 * A citizen as the national population database's web service returns it: text fields as written
 * in its XML, empty when absent. See {@code connectors/.../population/PopulationXml} for the format.
 */
public record PopulationRecord(
        String personalId,
        String familyName,
        String middleName,
        String givenName,
        String dateOfBirth,
        String sex,
        String placeOfOrigin,
        String houseNumber,
        String street,
        String ward,
        String wardCode,
        String city,
        String householdId,
        String relationToHead,
        String phone,
        String email,
        String dateOfDeath) {
}
