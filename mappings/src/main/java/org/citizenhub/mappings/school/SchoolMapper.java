package org.citizenhub.mappings.school;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.citizenhub.mappings.citizen.CitizenRecord;
import org.citizenhub.mappings.citizen.InvalidSourceRecordException;
import org.citizenhub.mappings.citizen.Mapped;
import org.citizenhub.mappings.citizen.PartialDate;
import org.citizenhub.mappings.citizen.PersonName;
import org.citizenhub.mappings.citizen.Provenance;
import org.citizenhub.mappings.citizen.Sex;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.id.DataQualityFinding;
import org.citizenhub.mappings.id.DataQualityFinding.Code;
import org.citizenhub.mappings.id.PersonalIdNumber;

/**
 * Maps a term-file row to the student's canonical record, the year's results and the guardian
 * contact. The student code is the source record id: most rows carry no personal ID number.
 *
 * <p>A row is rejected ({@link InvalidSourceRecordException}, naming the field and the rule, never
 * the value) when its school record would be wrong if kept: no student code, no name, a birth date
 * that is not a date, a school year that is not one, a school the directory does not know, an
 * average score outside 0–10. The school corrects such rows in a later file, which supersedes them
 * by {@link SchoolRowKey}. Everything else that looks wrong — an inconsistent ID number, an unknown
 * conduct rating or gender, an implausible age — is a finding and the row is kept.
 */
public final class SchoolMapper {

    private static final Pattern STUDENT_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");
    private static final Pattern DAY_MONTH_YEAR = Pattern.compile("(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4})");
    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
    private static final Pattern SCORE = Pattern.compile("\\d{1,2}([.,]\\d{1,2})?");
    private static final Pattern LEADING_GRADE = Pattern.compile("(\\d{1,2}).*");
    private static final BigDecimal MAX_SCORE = BigDecimal.TEN;
    /** Ages on 1 September a pupil can plausibly have: early starters at 5, repeaters and late starters up to 21. */
    private static final int YOUNGEST_PUPIL = 5;
    private static final int OLDEST_PUPIL = 21;

    private final SchoolDirectory schools;

    public SchoolMapper(SchoolDirectory schools) {
        this.schools = schools;
    }

    public MappedStudent map(SchoolRecord row, Instant retrievedAt) {
        String studentCode = row.studentCode().strip();
        if (!STUDENT_CODE.matcher(studentCode).matches()) {
            throw new InvalidSourceRecordException("studentCode is missing or not a code (letters, digits, . _ -; at most 32)");
        }
        String fullName = WrittenText.tidy(row.fullName());
        if (fullName.isEmpty()) {
            throw new InvalidSourceRecordException("fullName is missing");
        }
        PartialDate birthDate = parseBirthDate(row.birthDate());
        SchoolYear year = SchoolYear.tryParse(row.schoolYear()).orElseThrow(() ->
                new InvalidSourceRecordException("schoolYear must be two consecutive years (2025-2026)"));
        SchoolDirectory.School school = schools.find(row.school()).orElseThrow(() ->
                new InvalidSourceRecordException(row.school().isBlank() ? "school is missing" : "school is not in the school directory"));
        BigDecimal average = parseAverage(row.averageScore());

        List<DataQualityFinding> findings = new ArrayList<>();
        Sex sex = parseSex(row.gender(), findings);
        checkAge(birthDate, year, findings);
        String className = WrittenText.tidy(row.className());
        checkClass(className, school.level(), findings);
        if (average == null && school.level() != SchoolLevel.PRIMARY) {
            findings.add(new DataQualityFinding(Code.VALUE_MISSING, "averageScore",
                    "averageScore is missing for a secondary-school student"));
        }
        Conduct conduct = parseConduct(row.conduct(), findings);

        String personalId = null;
        String legacyId = null;
        String id = PersonalIdNumber.clean(row.personalId());
        if (PersonalIdNumber.isCmndShape(id)) {
            legacyId = id;
        } else if (!id.isEmpty()) {
            personalId = id;
            findings.addAll(PersonalIdNumber.validate(id, birthDate, sex));
        }

        Provenance provenance = new Provenance(SourceSystem.SCHOOL, studentCode, retrievedAt);
        CitizenRecord student = new CitizenRecord(provenance, personalId, legacyId, PersonName.parseFamilyFirst(fullName),
                birthDate, sex, null, null, null, null, null, null, null);
        Optional<GuardianContact> guardian = guardian(row, studentCode, retrievedAt, findings);
        SchoolResult result = new SchoolResult(studentCode, school.name(), school.level(), className, year, average, conduct);
        return new MappedStudent(new Mapped(student, findings), result, guardian);
    }

    private static PartialDate parseBirthDate(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            throw new InvalidSourceRecordException("birthDate is missing");
        }
        Matcher dmy = DAY_MONTH_YEAR.matcher(s);
        Matcher iso = ISO_DATE.matcher(s);
        try {
            if (dmy.matches()) {
                return new PartialDate(Integer.parseInt(dmy.group(3)), Integer.parseInt(dmy.group(2)), Integer.parseInt(dmy.group(1)));
            }
            if (iso.matches()) {
                return new PartialDate(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)), Integer.parseInt(iso.group(3)));
            }
        } catch (IllegalArgumentException impossibleDate) {
            throw new InvalidSourceRecordException("birthDate is not a calendar date (dd/MM/yyyy)");
        }
        throw new InvalidSourceRecordException("birthDate is not a date (dd/MM/yyyy)");
    }

    private static BigDecimal parseAverage(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            return null;
        }
        if (!SCORE.matcher(s).matches()) {
            throw new InvalidSourceRecordException("averageScore must be a number from 0 to 10");
        }
        BigDecimal score = new BigDecimal(s.replace(',', '.'));
        if (score.compareTo(MAX_SCORE) > 0) {
            throw new InvalidSourceRecordException("averageScore must be a number from 0 to 10");
        }
        return score;
    }

    private static Sex parseSex(String text, List<DataQualityFinding> findings) {
        String folded = WrittenText.fold(text);
        switch (folded) {
            case "nam", "male", "m":
                return Sex.MALE;
            case "nu", "female", "f":
                return Sex.FEMALE;
            default:
                findings.add(folded.isEmpty()
                        ? new DataQualityFinding(Code.VALUE_MISSING, "gender", "gender is missing")
                        : new DataQualityFinding(Code.VALUE_INVALID, "gender", "gender must be Nam or Nữ"));
                return null;
        }
    }

    private static void checkAge(PartialDate birthDate, SchoolYear year, List<DataQualityFinding> findings) {
        int ageOnFirstSeptember = year.startYear() - birthDate.year() - (birthDate.month() > 9 ? 1 : 0);
        if (ageOnFirstSeptember < YOUNGEST_PUPIL || ageOnFirstSeptember > OLDEST_PUPIL) {
            findings.add(new DataQualityFinding(Code.VALUE_INVALID, "birthDate",
                    "birthDate gives an age outside " + YOUNGEST_PUPIL + "–" + OLDEST_PUPIL + " at the start of the school year"));
        }
    }

    private static void checkClass(String className, SchoolLevel level, List<DataQualityFinding> findings) {
        Matcher m = LEADING_GRADE.matcher(className);
        if (!m.matches()) {
            findings.add(new DataQualityFinding(Code.VALUE_INVALID, "className", "className does not start with a grade (6/3, 10A1)"));
        } else if (!level.teaches(Integer.parseInt(m.group(1)))) {
            findings.add(new DataQualityFinding(Code.VALUE_INVALID, "className", "className grade is not taught at the school's level"));
        }
    }

    private static Conduct parseConduct(String text, List<DataQualityFinding> findings) {
        if (text.isBlank()) {
            findings.add(new DataQualityFinding(Code.VALUE_MISSING, "conduct", "conduct is missing"));
            return null;
        }
        Optional<Conduct> conduct = Conduct.parse(text);
        if (conduct.isEmpty()) {
            findings.add(new DataQualityFinding(Code.VALUE_INVALID, "conduct", "conduct is not a known rating"));
        }
        return conduct.orElse(null);
    }

    private static Optional<GuardianContact> guardian(SchoolRecord row, String studentCode, Instant retrievedAt,
                                                      List<DataQualityFinding> findings) {
        String name = WrittenText.tidy(row.guardianName());
        String phone = row.guardianPhone().strip();
        if (name.isEmpty()) {
            if (!phone.isEmpty()) {
                findings.add(new DataQualityFinding(Code.VALUE_MISSING, "guardianName",
                        "guardianName is missing, so the guardian phone cannot be kept as a contact"));
            }
            return Optional.empty();
        }
        Provenance provenance = new Provenance(SourceSystem.SCHOOL, GuardianContact.recordIdFor(studentCode), retrievedAt);
        return Optional.of(new GuardianContact(provenance, studentCode, PersonName.parseFamilyFirst(name),
                phone.isEmpty() ? null : phone));
    }
}
