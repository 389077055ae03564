package org.citizenhub.mappings.identity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.citizenhub.mappings.normalize.DateOfBirth;

/**
 * The comparison kinds a configuration can name, built against the key columns of a {@link RecordTable}:
 * <ul>
 *   <li>{@code exact}: exact, different;</li>
 *   <li>{@code similarity}: exact, then one level per threshold of Jaro-Winkler or Levenshtein similarity,
 *   optionally "crossed" (the value equals another key of the other record, e.g. given and family name
 *   swapped), different;</li>
 *   <li>{@code date}: exact, day and month swapped, one-digit typo, partial (a year-only date or a 01/01
 *   placeholder compatible with the other), different;</li>
 *   <li>{@code identifier}: exact, near (one digit wrong, two neighbours swapped, one digit lost or added),
 *   different, and "conflict" when a validity key says both numbers are valid;</li>
 *   <li>{@code set-overlap}: values are sets "a|b|c" (candidate 2025 wards): overlap, different;</li>
 *   <li>{@code name-part}: toned and folded keys of a Vietnamese name part: exact, unmarked (equal without
 *   diacritics, one side written without them), similar, tones-differ (both marked and different, e.g.
 *   Hùng/Hưng: mostly two different names), different;</li>
 *   <li>{@code middle-name}: exact, abbreviated (initials compatible), different (empty counts as missing).</li>
 * </ul>
 */
final class Comparisons {

    private Comparisons() {
    }

    static Comparison build(ConfigFile.Section s, RecordTable table) {
        Comparison c = create(s, table);
        List<String> keys = new ArrayList<>();
        for (String k : List.of("key", "toned-key", "valid-key", "cross-key", "term-frequency-key")) {
            s.get(k).ifPresent(keys::add);
        }
        c.keys = List.copyOf(keys);
        return c;
    }

    private static Comparison create(ConfigFile.Section s, RecordTable table) {
        String name = s.name();
        String kind = s.require("kind");
        List<String> veto = s.list("veto");
        KeyColumn tf = s.flag("term-frequency", false) ? table.column(s.get("term-frequency-key").orElse(s.require("key"))) : null;
        return switch (kind) {
            case "exact" -> new Exact(name, veto, tf, table.column(s.require("key")));
            case "similarity" -> new Similarity(name, veto, tf, table.column(s.require("key")),
                    s.get("metric").orElse("jaro-winkler"), thresholds(s),
                    s.get("cross-key").map(table::column).orElse(null));
            case "date" -> new Date(name, veto, tf, table.column(s.require("key")));
            case "identifier" -> new Identifier(name, veto, tf, table.column(s.require("key")),
                    s.get("valid-key").map(table::column).orElse(null));
            case "set-overlap" -> new SetOverlap(name, veto, tf, table.column(s.require("key")));
            case "name-part" -> new NamePart(name, veto, tf, table.column(s.require("toned-key")), table.column(s.require("key")),
                    s.number("threshold", 0.9));
            case "middle-name" -> new MiddleName(name, veto, tf, table.column(s.require("key")));
            default -> throw new ConfigFile.ConfigException("comparison " + name + ": unknown kind '" + kind
                    + "' (known: exact, similarity, date, identifier, set-overlap, name-part, middle-name)");
        };
    }

    private static double[] thresholds(ConfigFile.Section s) {
        List<String> items = s.list("thresholds");
        double[] t = new double[items.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = Double.parseDouble(items.get(i));
            if (t[i] <= 0 || t[i] >= 1 || i > 0 && t[i] >= t[i - 1]) {
                throw new ConfigFile.ConfigException("comparison " + s.name() + ": thresholds must decrease within (0, 1)");
            }
        }
        return t;
    }

    static final class Exact extends Comparison {
        private final KeyColumn key;

        Exact(String name, List<String> veto, KeyColumn tf, KeyColumn key) {
            super(name, List.of("exact", "different"), veto, tf);
            this.key = key;
        }

        @Override
        public int level(int a, int b) {
            int ca = key.code(a);
            int cb = key.code(b);
            if (ca == 0 || cb == 0) {
                return MISSING;
            }
            return ca == cb ? 0 : 1;
        }
    }

    static final class Similarity extends Comparison {
        private final KeyColumn key;
        private final boolean jaroWinkler;
        private final double[] thresholds;
        private final KeyColumn crossKey;
        private final ThreadLocal<LevelMemo> memo = ThreadLocal.withInitial(LevelMemo::new);

        Similarity(String name, List<String> veto, KeyColumn tf, KeyColumn key, String metric, double[] thresholds,
                   KeyColumn crossKey) {
            super(name, levels(thresholds, crossKey != null), veto, tf);
            this.key = key;
            this.jaroWinkler = switch (metric) {
                case "jaro-winkler" -> true;
                case "levenshtein" -> false;
                default -> throw new ConfigFile.ConfigException("comparison " + name + ": metric must be jaro-winkler or levenshtein");
            };
            this.thresholds = thresholds;
            this.crossKey = crossKey;
        }

        private static List<String> levels(double[] thresholds, boolean crossed) {
            List<String> levels = new ArrayList<>();
            levels.add("exact");
            for (double t : thresholds) {
                levels.add("similar>=" + t);
            }
            if (crossed) {
                levels.add("crossed");
            }
            levels.add("different");
            return levels;
        }

        @Override
        public int level(int a, int b) {
            int ca = key.code(a);
            int cb = key.code(b);
            if (ca == 0 || cb == 0) {
                return MISSING;
            }
            if (ca == cb) {
                return 0;
            }
            LevelMemo remembered = memo.get();
            int level = remembered.level(ca, cb);
            if (level < 0) {
                double sim = jaroWinkler ? StringSimilarity.jaroWinkler(key.chars(ca), key.chars(cb))
                        : StringSimilarity.levenshteinSimilarity(key.value(ca), key.value(cb));
                level = thresholds.length + 1;
                for (int i = 0; i < thresholds.length; i++) {
                    if (sim >= thresholds[i]) {
                        level = i + 1;
                        break;
                    }
                }
                remembered.put(ca, cb, level);
            }
            if (level <= thresholds.length) {
                return level;
            }
            String va = key.value(ca);
            if (crossKey != null) {
                int xa = crossKey.code(a);
                int xb = crossKey.code(b);
                if (xa != 0 && xb != 0 && crossKey.value(xb).equals(va) && crossKey.value(xa).equals(key.value(cb))) {
                    return thresholds.length + 1;
                }
                return thresholds.length + 2;
            }
            return thresholds.length + 1;
        }
    }

    /**
     * Remembers the similarity level of recently seen pairs of values (per thread, direct-mapped): names,
     * suburbs and streets repeat across millions of pairs, and similarity is the costly part of comparing.
     */
    static final class LevelMemo {
        private static final int SIZE = 1 << 12;
        private final long[] keys = new long[SIZE];
        private final byte[] levels = new byte[SIZE];

        LevelMemo() {
            java.util.Arrays.fill(keys, -1L);
        }

        int level(int a, int b) {
            long key = a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
            int slot = slot(key);
            return keys[slot] == key ? levels[slot] : -1;
        }

        void put(int a, int b, int level) {
            long key = a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
            int slot = slot(key);
            keys[slot] = key;
            levels[slot] = (byte) level;
        }

        private static int slot(long key) {
            key *= 0x9E3779B97F4A7C15L;
            return (int) (key >>> 52);
        }
    }

    /** Dates in the key form of {@link DateOfBirth#key()}; parsed once per distinct value. */
    static final class Date extends Comparison {
        private final KeyColumn key;
        private volatile int[] parsed = new int[0];

        Date(String name, List<String> veto, KeyColumn tf, KeyColumn key) {
            super(name, List.of("exact", "day-month-swapped", "typo", "partial", "different"), veto, tf);
            this.key = key;
        }

        /** year*10000 + month*100 + day, negative when the date is a 01/01 placeholder. */
        private int packed(int code) {
            int[] known = parsed;
            if (code < known.length) {
                return known[code];
            }
            {
                synchronized (this) {
                    if (code >= parsed.length) {
                        int[] grown = Arrays.copyOf(parsed, Math.max(code + 1, key.distinctValues() + 1));
                        for (int c = parsed.length; c < grown.length && c <= key.distinctValues(); c++) {
                            DateOfBirth d = DateOfBirth.fromKey(key.value(c));
                            grown[c] = d == null ? 0 : (d.year() * 10000 + d.month() * 100 + d.day()) * (d.janFirstPlaceholder() ? -1 : 1);
                        }
                        parsed = grown;
                    }
                }
            }
            return parsed[code];
        }

        @Override
        public int level(int a, int b) {
            int ca = key.code(a);
            int cb = key.code(b);
            if (ca == 0 || cb == 0) {
                return MISSING;
            }
            if (ca == cb) {
                return 0;
            }
            int pa = packed(ca);
            int pb = packed(cb);
            boolean placeholderA = pa < 0;
            boolean placeholderB = pb < 0;
            pa = Math.abs(pa);
            pb = Math.abs(pb);
            int ya = pa / 10000;
            int yb = pb / 10000;
            int ma = pa / 100 % 100;
            int mb = pb / 100 % 100;
            int da = pa % 100;
            int db = pb % 100;
            if (pa == pb) {
                return 0;
            }
            if (ya == yb && da != 0 && db != 0 && ma == db && mb == da) {
                return 1;
            }
            boolean partialA = da == 0 || placeholderA;
            boolean partialB = db == 0 || placeholderB;
            if ((partialA || partialB) && ya == yb && (ma == 0 || mb == 0 || ma == mb || placeholderA || placeholderB)) {
                return 3;
            }
            if (da != 0 && db != 0 && oneDigitApart(pa, pb)) {
                return 2;
            }
            return 4;
        }
    }

    /** Two 8-digit dates differing in one digit or in two neighbouring digits swapped. */
    static boolean oneDigitApart(int a, int b) {
        int diffs = 0;
        int position = -1;
        int da0 = 0;
        int db0 = 0;
        for (int i = 0; i < 8; i++) {
            int da = a % 10;
            int db = b % 10;
            a /= 10;
            b /= 10;
            if (da != db) {
                diffs++;
                if (diffs == 1) {
                    position = i;
                    da0 = da;
                    db0 = db;
                } else if (diffs == 2) {
                    if (position != i - 1 || da != db0 || db != da0) {
                        return false;
                    }
                } else {
                    return false;
                }
            }
        }
        return diffs == 1 || diffs == 2;
    }

    static final class Identifier extends Comparison {
        private final KeyColumn key;
        private final KeyColumn validKey;

        Identifier(String name, List<String> veto, KeyColumn tf, KeyColumn key, KeyColumn validKey) {
            super(name, validKey == null ? List.of("exact", "near", "different")
                    : List.of("exact", "near", "different", "conflict"), veto, tf);
            this.key = key;
            this.validKey = validKey;
        }

        @Override
        public int level(int a, int b) {
            int ca = key.code(a);
            int cb = key.code(b);
            if (ca == 0 || cb == 0) {
                return MISSING;
            }
            if (ca == cb) {
                return 0;
            }
            if (StringSimilarity.withinOneEdit(key.chars(ca), key.chars(cb))) {
                return 1;
            }
            if (validKey != null && validKey.code(a) != 0 && validKey.code(b) != 0) {
                return 3;
            }
            return 2;
        }
    }

    static final class SetOverlap extends Comparison {
        private final KeyColumn key;

        SetOverlap(String name, List<String> veto, KeyColumn tf, KeyColumn key) {
            super(name, List.of("overlap", "different"), veto, tf);
            this.key = key;
        }

        @Override
        public int level(int a, int b) {
            int ca = key.code(a);
            int cb = key.code(b);
            if (ca == 0 || cb == 0) {
                return MISSING;
            }
            if (ca == cb) {
                return 0;
            }
            String va = key.value(ca);
            String vb = key.value(cb);
            if (va.indexOf('|') < 0 && vb.indexOf('|') < 0) {
                return 1;
            }
            for (String x : va.split("\\|")) {
                for (String y : vb.split("\\|")) {
                    if (x.equals(y)) {
                        return 0;
                    }
                }
            }
            return 1;
        }
    }

    static final class NamePart extends Comparison {
        private final KeyColumn toned;
        private final KeyColumn folded;
        private final double threshold;

        NamePart(String name, List<String> veto, KeyColumn tf, KeyColumn toned, KeyColumn folded, double threshold) {
            super(name, List.of("exact", "unmarked", "similar", "tones-differ", "different"), veto, tf);
            this.toned = toned;
            this.folded = folded;
            this.threshold = threshold;
        }

        @Override
        public int level(int a, int b) {
            int fa = folded.code(a);
            int fb = folded.code(b);
            if (fa == 0 || fb == 0) {
                return MISSING;
            }
            if (fa == fb) {
                int ta = toned.code(a);
                int tb = toned.code(b);
                if (ta == tb) {
                    return 0;
                }
                return marked(toned.value(ta)) && marked(toned.value(tb)) ? 3 : 1;
            }
            return StringSimilarity.jaroWinkler(folded.chars(fa), folded.chars(fb)) >= threshold ? 2 : 4;
        }

        private static boolean marked(String tonedValue) {
            if (tonedValue == null) {
                return false;
            }
            for (int i = 0; i < tonedValue.length(); i++) {
                char c = tonedValue.charAt(i);
                if (c > 0x7f || c >= '1' && c <= '5') {
                    return true;
                }
            }
            return false;
        }
    }

    static final class MiddleName extends Comparison {
        private final KeyColumn key;

        MiddleName(String name, List<String> veto, KeyColumn tf, KeyColumn key) {
            super(name, List.of("exact", "abbreviated", "different"), veto, tf);
            this.key = key;
        }

        @Override
        public int level(int a, int b) {
            int ca = key.code(a);
            int cb = key.code(b);
            if (ca == 0 || cb == 0) {
                return MISSING;
            }
            if (ca == cb) {
                return 0;
            }
            String[] wa = key.value(ca).split(" ");
            String[] wb = key.value(cb).split(" ");
            if (wa.length != wb.length) {
                return 2;
            }
            for (int i = 0; i < wa.length; i++) {
                boolean abbreviated = (wa[i].length() == 1 || wb[i].length() == 1) && wa[i].charAt(0) == wb[i].charAt(0);
                if (!abbreviated && !wa[i].equals(wb[i])) {
                    return 2;
                }
            }
            return 1;
        }
    }
}
