package org.citizenhub.sandbox.synthetic;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.citizenhub.mappings.citizen.Sex;

/**
 * Vietnamese family, middle and given names with realistic frequencies. Middle and given names
 * depend on sex and on the generation: "Văn"/"Thị" and names like "Hùng" or "Lan" are far more
 * common among people born before 1980 than among children born after 2000.
 */
final class NameBook {

    private enum Generation { OLD, MIDDLE, YOUNG }

    private final WeightedTable<String> families;
    private final Map<Sex, Map<Generation, WeightedTable<String>>> middles;
    private final Map<Sex, Map<Generation, WeightedTable<String>>> givens;

    private NameBook() {
        WeightedTable.Builder<String> fb = WeightedTable.builder();
        for (String[] row : ResourceTable.read("family-names.tsv")) {
            fb.add(row[0], Double.parseDouble(row[1]));
        }
        families = fb.build();
        middles = byGeneration(ResourceTable.read("middle-names.tsv"));
        givens = byGeneration(ResourceTable.read("given-names.tsv"));
    }

    private static final NameBook INSTANCE = new NameBook();

    static NameBook instance() {
        return INSTANCE;
    }

    String family(SplittableRandom random) {
        return families.pick(random);
    }

    String middle(SplittableRandom random, Sex sex, int birthYear) {
        return middles.get(sex).get(generationOf(birthYear)).pick(random);
    }

    String given(SplittableRandom random, Sex sex, int birthYear) {
        return givens.get(sex).get(generationOf(birthYear)).pick(random);
    }

    private static Generation generationOf(int birthYear) {
        if (birthYear < 1980) {
            return Generation.OLD;
        }
        return birthYear < 2000 ? Generation.MIDDLE : Generation.YOUNG;
    }

    /** Weight factor of a name tagged with {@code era} for people of a generation. */
    private static double factor(String era, Generation generation) {
        return switch (era) {
            case "old" -> switch (generation) { case OLD -> 2.5; case MIDDLE -> 1.0; case YOUNG -> 0.25; };
            case "young" -> switch (generation) { case OLD -> 0.2; case MIDDLE -> 1.0; case YOUNG -> 2.5; };
            default -> 1.0;
        };
    }

    private static Map<Sex, Map<Generation, WeightedTable<String>>> byGeneration(List<String[]> rows) {
        Map<Sex, Map<Generation, WeightedTable<String>>> result = new EnumMap<>(Sex.class);
        for (Sex sex : Sex.values()) {
            Map<Generation, WeightedTable<String>> perGeneration = new EnumMap<>(Generation.class);
            String code = sex == Sex.MALE ? "M" : "F";
            for (Generation generation : Generation.values()) {
                WeightedTable.Builder<String> b = WeightedTable.builder();
                for (String[] row : rows) {
                    if (row[0].equals(code)) {
                        b.add(row[1], Double.parseDouble(row[2]) * factor(row[3], generation));
                    }
                }
                perGeneration.put(generation, b.build());
            }
            result.put(sex, perGeneration);
        }
        return result;
    }
}
