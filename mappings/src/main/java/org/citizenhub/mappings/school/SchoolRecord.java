package org.citizenhub.mappings.school;

/**
 * One row of a school term file (học bạ), text as the education system wrote it, "" when empty.
 * Column names and formats follow the school system's export (see the sandbox's
 * {@code ViewFields.School}): birth date dd/MM/yyyy, gender Nam/Nữ, school year "2025-2026",
 * average score with one decimal ("" in primary school).
 */
public record SchoolRecord(
        String studentCode,
        String personalId,
        String fullName,
        String birthDate,
        String gender,
        String school,
        String className,
        String schoolYear,
        String averageScore,
        String conduct,
        String guardianName,
        String guardianPhone) {

    public SchoolRecord {
        studentCode = emptyIfNull(studentCode);
        personalId = emptyIfNull(personalId);
        fullName = emptyIfNull(fullName);
        birthDate = emptyIfNull(birthDate);
        gender = emptyIfNull(gender);
        school = emptyIfNull(school);
        className = emptyIfNull(className);
        schoolYear = emptyIfNull(schoolYear);
        averageScore = emptyIfNull(averageScore);
        conduct = emptyIfNull(conduct);
        guardianName = emptyIfNull(guardianName);
        guardianPhone = emptyIfNull(guardianPhone);
    }

    /** The key under which a later (corrected) term file supersedes this row: school year and student code. */
    public String rowKey() {
        return SchoolRowKey.of(schoolYear, studentCode);
    }

    private static String emptyIfNull(String s) {
        return s == null ? "" : s;
    }
}
