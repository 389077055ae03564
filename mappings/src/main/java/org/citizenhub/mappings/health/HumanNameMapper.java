package org.citizenhub.mappings.health;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.citizenhub.mappings.citizen.PersonName;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.StringType;

/**
 * Vietnamese names in FHIR. Written as {@code family} = family name, {@code given} = the middle
 * name words followed by the given name (FHIR: "given names, including middle names", in order), and
 * {@code text} = the full name family-first, so that a reader that knows only text still shows
 * "Nguyễn Văn Hùng", not the Western "Văn Hùng Nguyễn".
 *
 * <p>Read back leniently, because clinics' systems fill the parts every way: the given list may be
 * one string ("Văn Hùng"), the family may be missing and only {@code text} set, or everything may be in
 * {@code given}. Family names of more than one word ("Tôn Thất") are kept whole when the source puts
 * them in {@code family}. Spelling is kept as written (upper case, no diacritics): normalising is
 * identity resolution's job.
 */
final class HumanNameMapper {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");

    private HumanNameMapper() {
    }

    static HumanName toFhir(PersonName name) {
        HumanName fhir = new HumanName().setUse(HumanName.NameUse.OFFICIAL).setText(name.full());
        if (!name.family().isEmpty()) {
            fhir.setFamily(name.family());
        }
        for (String word : WHITESPACE.split((name.middle() + " " + name.given()).strip())) {
            if (!word.isEmpty()) {
                fhir.addGiven(word);
            }
        }
        return fhir;
    }

    /** The name the person is known by: official first, then usual, then any but old/maiden/anonymous. */
    static Optional<HumanName> preferred(List<HumanName> names) {
        for (HumanName.NameUse use : new HumanName.NameUse[] {HumanName.NameUse.OFFICIAL, HumanName.NameUse.USUAL}) {
            for (HumanName n : names) {
                if (n.getUse() == use && hasContent(n)) {
                    return Optional.of(n);
                }
            }
        }
        return names.stream()
                .filter(n -> n.getUse() != HumanName.NameUse.OLD && n.getUse() != HumanName.NameUse.MAIDEN
                        && n.getUse() != HumanName.NameUse.ANONYMOUS)
                .filter(HumanNameMapper::hasContent)
                .findFirst();
    }

    static Optional<PersonName> toPersonName(HumanName fhir) {
        String family = fhir.hasFamily() ? fhir.getFamily().strip() : "";
        List<String> givenWords = new ArrayList<>();
        for (StringType given : fhir.getGiven()) {
            if (given.hasValue()) {
                for (String w : WHITESPACE.split(given.getValue().strip())) {
                    if (!w.isEmpty()) {
                        givenWords.add(w);
                    }
                }
            }
        }
        if (!family.isEmpty() && !givenWords.isEmpty()) {
            String given = givenWords.get(givenWords.size() - 1);
            String middle = String.join(" ", givenWords.subList(0, givenWords.size() - 1));
            return Optional.of(new PersonName(family, middle, given));
        }
        if (fhir.hasText() && !fhir.getText().isBlank()) {
            return Optional.of(PersonName.parseFamilyFirst(fhir.getText()));
        }
        if (!givenWords.isEmpty()) {
            // everything in given: a full name written family-first into one field
            return Optional.of(PersonName.parseFamilyFirst(String.join(" ", givenWords)));
        }
        if (!family.isEmpty()) {
            // only a family element: some systems put the whole name there
            return Optional.of(family.contains(" ") ? PersonName.parseFamilyFirst(family) : new PersonName(family, "", ""));
        }
        return Optional.empty();
    }

    /**
     * Whether the name is a placeholder given to a newborn before the birth registration
     * ("Con bà Nguyễn Thị Lan", "CON CUA TRAN THI B", "CB Lê Thị Hoa").
     */
    static boolean isNewbornPlaceholder(PersonName name) {
        String folded = fold(name.full());
        return folded.startsWith("con ba ") || folded.startsWith("con cua ") || folded.startsWith("cb ")
                || folded.startsWith("con me ") || folded.startsWith("be gai con ") || folded.startsWith("be trai con ");
    }

    private static boolean hasContent(HumanName n) {
        return n.hasFamily() || n.hasGiven() || n.hasText();
    }

    /** Lower case without diacritics; Đ/đ is its own letter and does not decompose, so it is mapped by hand. */
    static String fold(String s) {
        String decomposed = Normalizer.normalize(s.replace('Đ', 'D').replace('đ', 'd'), Normalizer.Form.NFD);
        String bare = COMBINING_MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT).strip();
        return WHITESPACE.matcher(bare).replaceAll(" ");
    }
}
