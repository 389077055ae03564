package org.citizenhub.mappings.identity;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates a FEBRL-like file of any size from a seed, for the scale benchmark: values are drawn from
 * the original records of the FEBRL files (read at run time from their folder, not shipped), and
 * duplicates are corrupted as FEBRL does (typos, missing values, swapped given and family name, swapped
 * or mistyped date digits, mistyped identifier). Ids follow FEBRL ({@code rec-N-org}, {@code rec-N-dup-K}),
 * so the same configuration scores the result. About 40% of records are duplicates of another.
 */
final class FebrlLikeGenerator {

    static final String HEADER = "rec_id, given_name, surname, street_number, address_1, address_2, suburb, postcode, state, date_of_birth, soc_sec_id";

    private final List<String[]> originals = new ArrayList<>();
    private final SplittableRandom random;

    FebrlLikeGenerator(Path febrlDir, long seed) throws IOException {
        this.random = new SplittableRandom(seed);
        try (var files = Files.list(febrlDir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList()) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    String[] v = line.split(",", -1);
                    if (v.length == 11 && v[0].strip().endsWith("-org")) {
                        for (int i = 0; i < v.length; i++) {
                            v[i] = v[i].strip();
                        }
                        originals.add(v);
                    }
                }
            }
        }
        if (originals.isEmpty()) {
            throw new IOException("no FEBRL original records found in " + febrlDir);
        }
    }

    static int command(Map<String, List<String>> o, PrintStream out) throws IOException {
        Path dir = Path.of(IdentityCommand.required(o, "febrl-dir"));
        int records = Integer.parseInt(IdentityCommand.required(o, "records").replace("_", ""));
        long seed = o.containsKey("seed") ? Long.parseLong(o.get("seed").get(0)) : 42L;
        Path file = Path.of(IdentityCommand.required(o, "out"));
        long t0 = System.nanoTime();
        new FebrlLikeGenerator(dir, seed).write(file, records);
        out.printf("wrote %,d FEBRL-like records (seed %d) to %s in %,d ms%n", records, seed, file,
                (System.nanoTime() - t0) / 1_000_000);
        return 0;
    }

    void write(Path file, int records) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(HEADER);
            w.write('\n');
            int written = 0;
            int entity = 0;
            while (written < records) {
                String[] person = person(entity);
                line(w, person);
                written++;
                int dups = duplicates();
                for (int k = 0; k < dups && written < records; k++) {
                    String[] dup = corrupt(person.clone());
                    dup[0] = "rec-" + entity + "-dup-" + k;
                    line(w, dup);
                    written++;
                }
                entity++;
            }
        }
    }

    /** 0 duplicates for 60% of people, else 1..5 with decreasing frequency (FEBRL3-like). */
    private int duplicates() {
        double r = random.nextDouble();
        if (r < 0.6) {
            return 0;
        }
        return r < 0.8 ? 1 : r < 0.9 ? 2 : r < 0.95 ? 3 : r < 0.98 ? 4 : 5;
    }

    private String[] person(int entity) {
        String[] v = new String[11];
        v[0] = "rec-" + entity + "-org";
        v[1] = pick(1);
        v[2] = pick(2);
        v[3] = pick(3);
        v[4] = pick(4);
        v[5] = pick(5);
        String[] place = originals.get(random.nextInt(originals.size()));
        v[6] = place[6];
        v[7] = place[7];
        v[8] = place[8];
        v[9] = random.nextInt(100) < 3 ? "" : LocalDate.of(1900, 1, 1).plusDays(random.nextInt(36524)).toString().replace("-", "");
        v[10] = Integer.toString(1_000_000 + random.nextInt(9_000_000));
        return v;
    }

    private String pick(int column) {
        return originals.get(random.nextInt(originals.size()))[column];
    }

    private String[] corrupt(String[] v) {
        int changes = 1 + random.nextInt(3);
        for (int c = 0; c < changes; c++) {
            int field = 1 + random.nextInt(10);
            int kind = random.nextInt(10);
            if (kind == 0) {
                v[field] = "";
            } else if (kind == 1 && field <= 2) {
                String t = v[1];
                v[1] = v[2];
                v[2] = t;
            } else if (field == 9 && v[9].length() == 8 && kind < 4) {
                v[9] = v[9].substring(0, 4) + v[9].substring(6, 8) + v[9].substring(4, 6);
            } else {
                v[field] = typo(v[field]);
            }
        }
        return v;
    }

    private String typo(String s) {
        if (s.isEmpty()) {
            return s;
        }
        int i = random.nextInt(s.length());
        char c = s.charAt(i);
        char r = Character.isDigit(c) ? (char) ('0' + random.nextInt(10)) : (char) ('a' + random.nextInt(26));
        return switch (random.nextInt(4)) {
            case 0 -> s.substring(0, i) + r + s.substring(i + 1);
            case 1 -> s.substring(0, i) + r + s.substring(i);
            case 2 -> s.length() > 1 ? s.substring(0, i) + s.substring(i + 1) : s;
            default -> i + 1 < s.length() ? s.substring(0, i) + s.charAt(i + 1) + c + s.substring(i + 2) : s;
        };
    }

    private static void line(BufferedWriter w, String[] v) throws IOException {
        w.write(String.join(", ", v));
        w.write('\n');
    }
}
