package org.citizenhub.sandbox.synthetic;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.citizen.Sex;
import org.citizenhub.sandbox.synthetic.ViewFields.School;

/**
 * School records for the 2025–2026 school year: living pupils in grades 1–12 (aged about 6–18),
 * identified by the school's own student code and often without the personal ID; dates dd/MM/yyyy;
 * a guardian's name and phone.
 */
final class SchoolView {

    static final String SCHOOL_YEAR = "2025-2026";
    static final int SCHOOL_YEAR_START = 2025;
    static final double COVERAGE = 0.95;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    /** Schools in Đà Nẵng are mostly named after historical figures. */
    private static final String[] NAMESAKES = {"Phù Đổng", "Lê Văn Tám", "Nguyễn Văn Trỗi", "Hùng Vương", "Lê Lợi",
            "Nguyễn Huệ", "Trần Quốc Toản", "Kim Đồng", "Lý Tự Trọng", "Trưng Vương", "Lê Quý Đôn", "Nguyễn Du",
            "Phan Châu Trinh", "Trần Phú", "Hoàng Hoa Thám", "Nguyễn Trãi", "Thái Phiên", "Ngô Quyền", "Phan Bội Châu",
            "Nguyễn Khuyến", "Huỳnh Thúc Kháng", "Trần Cao Vân", "Võ Thị Sáu", "Chu Văn An", "Điện Biên Phủ"};

    private SchoolView() {
    }

    static List<ViewRecord> build(Population population, Households households, Mangler mangler) {
        Drafts drafts = new Drafts(SourceSystem.SCHOOL, School.STUDENT_CODE);
        SplittableRandom random = mangler.random();
        for (Person p : population.people()) {
            int grade = SCHOOL_YEAR_START - p.dateOfBirth().getYear() - 5;
            if (!Households.alive(p) || grade < 1 || grade > 12 || random.nextDouble() >= COVERAGE) {
                continue;
            }
            write(p, grade, households, mangler, drafts.add(p.personKey()));
            if (mangler.roll(Corruption.DUPLICATE_RECORD)) {
                // A pupil who changed school during the year got a second code there.
                write(p, grade, households, mangler, drafts.add(p.personKey()));
            }
        }
        return drafts.shuffledAndNumbered(SourceSystem.SCHOOL, random, n -> "48" + ZeroPadded.of(n, 8));
    }

    private static void write(Person p, int grade, Households households, Mangler mangler, Map<String, String> f) {
        SplittableRandom random = mangler.random();
        f.put(School.PERSONAL_ID, mangler.personalId(p.personalId()));
        f.put(School.FULL_NAME, mangler.name(p.name()).full());
        f.put(School.BIRTH_DATE, DATE.format(mangler.dateOfBirth(p.dateOfBirth(), false).date()));
        f.put(School.GENDER, p.sex() == Sex.MALE ? "Nam" : "Nữ");
        f.put(School.SCHOOL, schoolName(grade, p.permanentAddress().wardCode(), random));
        f.put(School.CLASS_NAME, grade + "/" + (1 + random.nextInt(grade <= 5 ? 5 : 10)));
        f.put(School.SCHOOL_YEAR, SCHOOL_YEAR);
        if (grade <= 5) {
            f.put(School.AVERAGE_SCORE, "");
            f.put(School.CONDUCT, random.nextDouble() < 0.55 ? "Hoàn thành tốt" : "Hoàn thành");
        } else {
            double score = Math.max(3.5, Math.min(10.0, 7.2 + random.nextGaussian() * 1.1));
            f.put(School.AVERAGE_SCORE, String.format(java.util.Locale.ROOT, "%.1f", score));
            double c = random.nextDouble();
            f.put(School.CONDUCT, c < 0.70 ? "Tốt" : c < 0.92 ? "Khá" : c < 0.99 ? "Đạt" : "Chưa đạt");
        }
        Optional<Person> guardian = households.guardianOf(p);
        f.put(School.GUARDIAN_NAME, guardian.map(g -> g.name().full()).orElse(""));
        String phone = guardian.map(Person::phone).orElse(null);
        if (phone == null) {
            phone = households.householdPhone(p).orElse(null);
        }
        f.put(School.GUARDIAN_PHONE, mangler.phone(phone));
    }

    /** The ward's school for the level; some pupils go to a school of another ward. */
    private static String schoolName(int grade, String wardCode, SplittableRandom random) {
        String level = grade <= 5 ? "Trường Tiểu học " : grade <= 9 ? "Trường THCS " : "Trường THPT ";
        int base = Math.floorMod(Integer.parseInt(wardCode) * 7 + (grade <= 5 ? 0 : grade <= 9 ? 1 : 2) * 11, NAMESAKES.length);
        int index = random.nextDouble() < 0.8 ? base : random.nextInt(NAMESAKES.length);
        return level + NAMESAKES[index];
    }
}
