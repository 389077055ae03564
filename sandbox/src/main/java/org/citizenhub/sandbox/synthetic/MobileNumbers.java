package org.citizenhub.sandbox.synthetic;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Vietnamese mobile numbers: 10 digits, prefixes 03x/05x/07x/08x/09x since the 2018 renumbering.
 * Knows the pre-2018 11-digit prefixes ("0168" became "038"), which old records still hold.
 */
final class MobileNumbers {

    private static final WeightedTable<String> PREFIXES = WeightedTable.<String>builder()
            // Viettel
            .add("086", 4).add("096", 6).add("097", 6).add("098", 6)
            .add("032", 3).add("033", 3).add("034", 3).add("035", 3).add("036", 3).add("037", 3).add("038", 3).add("039", 3)
            // MobiFone (strong in central Vietnam)
            .add("089", 3).add("090", 8).add("093", 6).add("070", 3).add("076", 2).add("077", 3).add("078", 2).add("079", 2)
            // VinaPhone
            .add("088", 3).add("091", 5).add("094", 4).add("081", 2).add("082", 2).add("083", 2).add("084", 2).add("085", 2)
            // Vietnamobile, Gmobile
            .add("092", 1).add("056", 1).add("058", 1).add("099", 0.5).add("059", 0.5)
            .build();

    /** New 3-digit prefix → the 4-digit prefix it had before September 2018. */
    private static final Map<String, String> BEFORE_2018 = Map.ofEntries(
            Map.entry("032", "0162"), Map.entry("033", "0163"), Map.entry("034", "0164"), Map.entry("035", "0165"),
            Map.entry("036", "0166"), Map.entry("037", "0167"), Map.entry("038", "0168"), Map.entry("039", "0169"),
            Map.entry("070", "0120"), Map.entry("079", "0121"), Map.entry("077", "0122"), Map.entry("076", "0126"),
            Map.entry("078", "0128"), Map.entry("083", "0123"), Map.entry("084", "0124"), Map.entry("085", "0125"),
            Map.entry("081", "0127"), Map.entry("082", "0129"), Map.entry("056", "0186"), Map.entry("058", "0188"),
            Map.entry("059", "0199"));

    private final Set<String> issued = new HashSet<>();

    /** A new, unused 10-digit number. */
    String issue(SplittableRandom random) {
        while (true) {
            String number = PREFIXES.pick(random) + ZeroPadded.of(random.nextInt(10_000_000), 7);
            if (issued.add(number)) {
                return number;
            }
        }
    }

    void reserve(String number) {
        issued.add(number);
    }

    /** The 11-digit number this one had before 2018, if its prefix was renumbered. */
    static Optional<String> before2018(String number) {
        String old = BEFORE_2018.get(number.substring(0, 3));
        return old == null ? Optional.empty() : Optional.of(old + number.substring(3));
    }
}
