package org.citizenhub.mappings.school;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The schools the education department knows. A term-file row naming any other school cannot be
 * attributed and is rejected. Names are matched however they were typed (case, decomposed Unicode,
 * diacritics stripped) and answered in the directory's own spelling; names that would become
 * indistinguishable that way are refused when the directory is built.
 */
public final class SchoolDirectory {

    /**
     * Đà Nẵng's schools are mostly named after historical figures; each name exists once per level.
     * The school simulator writes exactly these (a sandbox test keeps the two in step).
     */
    private static final List<String> DA_NANG_NAMESAKES = List.of("Phù Đổng", "Lê Văn Tám", "Nguyễn Văn Trỗi",
            "Hùng Vương", "Lê Lợi", "Nguyễn Huệ", "Trần Quốc Toản", "Kim Đồng", "Lý Tự Trọng", "Trưng Vương",
            "Lê Quý Đôn", "Nguyễn Du", "Phan Châu Trinh", "Trần Phú", "Hoàng Hoa Thám", "Nguyễn Trãi", "Thái Phiên",
            "Ngô Quyền", "Phan Bội Châu", "Nguyễn Khuyến", "Huỳnh Thúc Kháng", "Trần Cao Vân", "Võ Thị Sáu",
            "Chu Văn An", "Điện Biên Phủ");

    private static final SchoolDirectory DA_NANG = daNangDirectory();

    private final List<School> schools;
    private final Map<String, School> byFoldedName = new HashMap<>();

    /** A school: its official name and level. */
    public record School(String name, SchoolLevel level) {
    }

    private SchoolDirectory(Collection<School> schools) {
        this.schools = List.copyOf(schools);
        for (School school : this.schools) {
            if (byFoldedName.putIfAbsent(WrittenText.fold(school.name()), school) != null) {
                throw new IllegalArgumentException("two schools cannot be told apart once diacritics are stripped");
            }
        }
    }

    public static SchoolDirectory daNang() {
        return DA_NANG;
    }

    /** A directory of the given schools, each name starting with its level's prefix ("Trường THCS …"). */
    public static SchoolDirectory of(Collection<String> names) {
        List<School> schools = new ArrayList<>();
        for (String name : names) {
            schools.add(new School(name.strip(), levelOf(name)
                    .orElseThrow(() -> new IllegalArgumentException("school name without a level prefix"))));
        }
        return new SchoolDirectory(schools);
    }

    public List<School> schools() {
        return schools;
    }

    /** The school a row names, in the directory's spelling; empty when the directory does not know it. */
    public Optional<School> find(String name) {
        return name == null || name.isBlank() ? Optional.empty() : Optional.ofNullable(byFoldedName.get(WrittenText.fold(name)));
    }

    private static Optional<SchoolLevel> levelOf(String name) {
        for (SchoolLevel level : SchoolLevel.values()) {
            if (name.strip().startsWith(level.namePrefix())) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }

    private static SchoolDirectory daNangDirectory() {
        List<School> schools = new ArrayList<>();
        for (SchoolLevel level : SchoolLevel.values()) {
            for (String namesake : DA_NANG_NAMESAKES) {
                schools.add(new School(level.namePrefix() + namesake, level));
            }
        }
        return new SchoolDirectory(schools);
    }
}
