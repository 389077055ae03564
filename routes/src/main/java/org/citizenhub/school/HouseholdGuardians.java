package org.citizenhub.school;

import java.text.Normalizer;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.citizenhub.connectors.vault.SchoolUtilityStore;
import org.citizenhub.connectors.vault.SchoolUtilityStore.StudentGuardian;
import org.citizenhub.mappings.citizen.GoldenCitizen;
import org.citizenhub.mappings.citizen.PersonName;
import org.citizenhub.mappings.citizen.SourceRef;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.school.MappedStudent;
import org.springframework.stereotype.Component;

/**
 * Links a student's guardian to a citizen through the household, where the data allows. A term-file
 * row names the guardian by name and phone only — not enough to be a person of its own — but once the
 * student is linked to a registered resident the vault knows the student's household: an adult of that
 * household with the guardian's name (compared without case and diacritics) is the guardian. Students
 * not linked to a household, and guardians written too differently, stay unlinked.
 */
@Component
public class HouseholdGuardians {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    /** Guardians are older than any pupil (grade 12 ends at about 18). */
    private static final int OLDEST_PUPIL = 18;

    private final SchoolUtilityStore store;
    private final Clock clock;

    public HouseholdGuardians(SchoolUtilityStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** What to keep of a student's guardian: the folded name and the household of the student's golden record (null: none known). */
    public Optional<StudentGuardian> guardianOf(MappedStudent student, String studentHouseholdId) {
        return student.guardian().map(g -> new StudentGuardian(student.result().studentCode(), nameKey(g.name()), studentHouseholdId));
    }

    /** The students whose guardian this citizen is (by student code). */
    public List<String> studentsGuardedBy(GoldenCitizen citizen) {
        if (citizen.household() == null || citizen.name() == null || !adult(citizen)) {
            return List.of();
        }
        String key = nameKey(citizen.name().value());
        return store.guardiansInHousehold(citizen.household().value().householdId()).stream()
                .filter(g -> g.guardianKey().equals(key))
                .map(StudentGuardian::studentCode)
                .filter(code -> !citizen.sourceRecords().contains(new SourceRef(SourceSystem.SCHOOL, code)))
                .toList();
    }

    private boolean adult(GoldenCitizen citizen) {
        if (citizen.dateOfBirth() == null) {
            return true;
        }
        int year = citizen.dateOfBirth().value().year();
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).getYear() - year > OLDEST_PUPIL;
    }

    /** "NGUYỄN VĂN HÙNG", "Nguyen Van Hung" and a decomposed "Nguyễn Văn Hùng" all give "nguyen van hung". */
    static String nameKey(PersonName name) {
        String full = name.full().replace('Đ', 'D').replace('đ', 'd');
        String bare = MARKS.matcher(Normalizer.normalize(full, Normalizer.Form.NFD)).replaceAll("");
        return SPACES.matcher(bare.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
    }
}
