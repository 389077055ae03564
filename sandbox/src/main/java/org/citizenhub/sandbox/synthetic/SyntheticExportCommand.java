package org.citizenhub.sandbox.synthetic;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.citizenhub.mappings.citizen.SourceSystem;

/**
 * The export command (issue 3): writes the synthetic population's views with their truth and prints
 * the statistics.
 *
 * <pre>
 * java -jar sandbox/target/citizen-hub-sandbox-&lt;version&gt;-exec.jar export --size 200000 --seed 42 \
 *      --format csv --systems all --out target/synthetic
 * </pre>
 *
 * Options: {@code --size N} people (default 10000), {@code --seed S} (default 42), {@code --format
 * csv|json} (csv), {@code --systems all|population,health,school,electricity,water,portal,sanitation}
 * (all = the six default views), {@code --out DIR} (synthetic-export), {@code --error-scale F} multiplies
 * every corruption rate (0 = clean views, default 1), {@code --rate SYSTEM.CORRUPTION=R} sets one rate
 * (repeatable, e.g. {@code --rate health.ID_MISSING=0.5}).
 */
public final class SyntheticExportCommand {

    private SyntheticExportCommand() {
    }

    public static void main(String[] args) {
        try {
            System.exit(run(args, System.out));
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
        } catch (IOException e) {
            System.err.println("export failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Runs the command; returns the exit code. Separate from {@link #main} so tests can call it. */
    static int run(String[] args, PrintStream out) throws IOException {
        Options options = Options.parse(args);
        long start = System.nanoTime();
        Population population = PopulationGenerator.generate(options.seed, options.size);
        SyntheticDataset dataset = SyntheticViews.generate(population, options.seed, options.systems, options.profiles());
        DatasetStatistics statistics = DatasetStatistics.of(dataset);
        List<Path> files = DatasetExporter.export(dataset, statistics, options.format, options.out);
        double seconds = (System.nanoTime() - start) / 1e9;
        out.print(statistics.report());
        out.printf(Locale.ROOT, "%nwrote %d files to %s in %.1f s (size %d, seed %d, %s)%n", files.size(), options.out,
                seconds, options.size, options.seed, options.format.name().toLowerCase(Locale.ROOT));
        return 0;
    }

    static String usage() {
        return "usage: export [--size N] [--seed S] [--format csv|json] [--systems all|health,school,...] [--out DIR]"
                + " [--error-scale F] [--rate SYSTEM.CORRUPTION=R ...]";
    }

    /** The parsed command line. */
    static final class Options {
        int size = 10_000;
        long seed = 42;
        DatasetExporter.Format format = DatasetExporter.Format.CSV;
        Set<SourceSystem> systems = EnumSet.copyOf(SyntheticViews.DEFAULT_SYSTEMS);
        Path out = Path.of("synthetic-export");
        double errorScale = 1.0;
        final Map<SourceSystem, Map<Corruption, Double>> rates = new EnumMap<>(SourceSystem.class);

        static Options parse(String[] args) {
            if (args.length == 0 || !args[0].equals("export")) {
                throw new IllegalArgumentException("the first argument must be the command 'export'");
            }
            Options o = new Options();
            for (int i = 1; i < args.length; i++) {
                String name = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + name + " needs a value");
                }
                String value = args[++i];
                try {
                    switch (name) {
                        case "--size" -> o.size = Integer.parseInt(value);
                        case "--seed" -> o.seed = Long.parseLong(value);
                        case "--format" -> o.format = DatasetExporter.Format.valueOf(value.toUpperCase(Locale.ROOT));
                        case "--systems" -> o.systems = systems(value);
                        case "--out" -> o.out = Path.of(value);
                        case "--error-scale" -> o.errorScale = Double.parseDouble(value);
                        case "--rate" -> o.rate(value);
                        default -> throw new IllegalArgumentException("unknown option " + name);
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("option " + name + " needs a number");
                }
            }
            if (o.size < 0 || o.errorScale < 0) {
                throw new IllegalArgumentException("--size and --error-scale must not be negative");
            }
            return o;
        }

        private static Set<SourceSystem> systems(String value) {
            if (value.equalsIgnoreCase("all")) {
                return EnumSet.copyOf(SyntheticViews.DEFAULT_SYSTEMS);
            }
            Set<SourceSystem> systems = EnumSet.noneOf(SourceSystem.class);
            for (String s : value.split(",")) {
                systems.add(SourceSystem.valueOf(s.strip().toUpperCase(Locale.ROOT)));
            }
            return systems;
        }

        /** "health.ID_MISSING=0.5". */
        private void rate(String value) {
            int dot = value.indexOf('.');
            int eq = value.indexOf('=');
            if (dot < 0 || eq < dot) {
                throw new IllegalArgumentException("--rate takes SYSTEM.CORRUPTION=RATE");
            }
            SourceSystem system = SourceSystem.valueOf(value.substring(0, dot).toUpperCase(Locale.ROOT));
            Corruption corruption = Corruption.valueOf(value.substring(dot + 1, eq).toUpperCase(Locale.ROOT));
            rates.computeIfAbsent(system, s -> new EnumMap<>(Corruption.class))
                    .put(corruption, Double.parseDouble(value.substring(eq + 1)));
        }

        Map<SourceSystem, ErrorProfile> profiles() {
            Map<SourceSystem, ErrorProfile> profiles = new EnumMap<>(SourceSystem.class);
            for (SourceSystem s : systems) {
                ErrorProfile p = ErrorProfile.defaultFor(s).scaled(errorScale);
                for (Map.Entry<Corruption, Double> r : rates.getOrDefault(s, Map.of()).entrySet()) {
                    p = p.with(r.getKey(), r.getValue());
                }
                profiles.put(s, p);
            }
            return profiles;
        }
    }
}
