package org.citizenhub.mappings.citizen;

import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Vietnamese full name: family name, middle name(s) and given name, in that order
 * ("Lê Hoàng Bảo Ngọc": family Lê, middle Hoàng Bảo, given Ngọc). Middle may be empty.
 */
public record PersonName(String family, String middle, String given) {
    public PersonName {
        family = family == null ? "" : family.strip();
        middle = middle == null ? "" : middle.strip();
        given = given == null ? "" : given.strip();
        if (family.isEmpty() && given.isEmpty()) {
            throw new IllegalArgumentException("a name needs a family or a given name");
        }
    }

    /** Splits a full name written family-first: first word family, last word given, the rest middle. */
    public static PersonName parseFamilyFirst(String fullName) {
        Objects.requireNonNull(fullName, "fullName");
        String[] words = fullName.strip().split("\\s+");
        if (words.length == 1) {
            return new PersonName("", "", words[0]);
        }
        String middle = Stream.of(words).skip(1).limit(words.length - 2L).collect(Collectors.joining(" "));
        return new PersonName(words[0], middle, words[words.length - 1]);
    }

    public String full() {
        return Stream.of(family, middle, given).filter(s -> !s.isEmpty()).collect(Collectors.joining(" "));
    }
}
