package org.citizenhub.mappings.school;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.text.Normalizer;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SchoolDirectoryTest {

    private final SchoolDirectory directory = SchoolDirectory.daNang();

    @Test
    void knowsEachNamesakeOncePerLevel() {
        assertThat(directory.schools()).hasSize(75);
        assertThat(directory.schools()).filteredOn(s -> s.level() == SchoolLevel.UPPER_SECONDARY).hasSize(25);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Trường THPT Phan Châu Trinh", "TRƯỜNG THPT PHAN CHÂU TRINH", "Truong THPT Phan Chau Trinh",
            "  Trường   THPT Phan Châu Trinh "})
    void findsASchoolHoweverItIsWritten(String written) {
        assertThat(directory.find(written)).map(SchoolDirectory.School::name).contains("Trường THPT Phan Châu Trinh");
        assertThat(directory.find(Normalizer.normalize(written, Normalizer.Form.NFD))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Trường THPT Hogwarts", "Phan Châu Trinh", "Trường THCS Phan Châu Trinh Cơ sở 2", ""})
    void doesNotGuessAnUnknownSchool(String written) {
        assertThat(directory.find(written)).isEmpty();
    }

    @Test
    void refusesSchoolsThatCannotBeToldApart() {
        assertThatThrownBy(() -> SchoolDirectory.of(List.of("Trường THCS Lê Lợi", "Trường THCS Le Loi")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SchoolDirectory.of(List.of("Trung tâm Anh ngữ")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
