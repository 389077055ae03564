package org.citizenhub.sandbox.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.citizenhub.mappings.citizen.SourceSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetExportTest {

    @TempDir
    Path tmp;

    @Test
    void sameSeedWritesTheSameBytes() throws IOException {
        for (String format : List.of("csv", "json")) {
            Path a = tmp.resolve(format + "-a");
            Path b = tmp.resolve(format + "-b");
            Path c = tmp.resolve(format + "-c");
            run("--size", "3000", "--seed", "7", "--format", format, "--out", a.toString());
            run("--size", "3000", "--seed", "7", "--format", format, "--out", b.toString());
            run("--size", "3000", "--seed", "8", "--format", format, "--out", c.toString());
            List<String> files = List.of("population", "health", "school", "electricity", "water", "portal", "truth");
            for (String f : files) {
                Path name = Path.of(f + "." + format);
                assertThat(Files.readAllBytes(a.resolve(name))).as(f).isEqualTo(Files.readAllBytes(b.resolve(name)));
                assertThat(Files.readAllBytes(a.resolve(name))).as(f).isNotEqualTo(Files.readAllBytes(c.resolve(name)));
            }
            assertThat(Files.readString(a.resolve(DatasetExporter.STATISTICS_FILE)))
                    .isEqualTo(Files.readString(b.resolve(DatasetExporter.STATISTICS_FILE)));
        }
    }

    @Test
    void truthFileNamesOnePersonForEveryExportedRecord() throws IOException {
        Path out = tmp.resolve("truth");
        run("--size", "2000", "--seed", "3", "--systems", "population,health,water", "--out", out.toString());
        assertThat(Files.exists(out.resolve("school.csv"))).isFalse();
        List<String> truth = Files.readAllLines(out.resolve("truth.csv"), StandardCharsets.UTF_8);
        assertThat(truth.get(0)).isEqualTo("recordId,system,personKey");
        Set<String> keys = new HashSet<>();
        Map<String, Integer> rowsPerSystem = new HashMap<>();
        for (String line : truth.subList(1, truth.size())) {
            String[] f = line.split(",");
            assertThat(f).hasSize(3);
            assertThat(keys.add(f[1] + "/" + f[0])).as("one truth row per record").isTrue();
            assertThat(f[2]).matches("[PN]\\d{7}");
            rowsPerSystem.merge(f[1], 1, Integer::sum);
        }
        for (String system : List.of("population", "health", "water")) {
            List<String> lines = Files.readAllLines(out.resolve(system + ".csv"), StandardCharsets.UTF_8);
            assertThat(lines.get(0)).startsWith("recordId,");
            // no field contains a line break, so lines = records + header
            assertThat(lines.size() - 1).isEqualTo(rowsPerSystem.get(system.toUpperCase()));
        }
        assertThat(rowsPerSystem.get("POPULATION")).isEqualTo(2000);
    }

    @Test
    void jsonHoldsOneObjectPerRecord() throws IOException {
        Path out = tmp.resolve("json");
        run("--size", "500", "--format", "json", "--systems", "portal", "--out", out.toString());
        List<String> lines = Files.readAllLines(out.resolve("portal.json"), StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("[");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("]");
        assertThat(lines.get(1)).startsWith("{\"recordId\":\"CD").contains("\"fullName\":");
    }

    @Test
    void printsTheStatistics() throws IOException {
        String printed = run("--size", "1000", "--out", tmp.resolve("stats").toString());
        assertThat(printed).contains("records per system", "true pairs", "hard-negative pairs", "TWINS",
                "corruptions:", "HEALTH       ID_MISSING");
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> run("--size")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SyntheticExportCommand.run(new String[] {"import"}, new PrintStream(new ByteArrayOutputStream())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> run("--systems", "bank")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> run("--rate", "health.NOT_A_THING=0.5")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> run("--rate", "health.ID_MISSING=2")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rateOptionChangesOneCorruption() throws IOException {
        Path out = tmp.resolve("rate");
        run("--size", "1000", "--systems", "school", "--rate", "school.ID_MISSING=1", "--out", out.toString());
        List<String> lines = Files.readAllLines(out.resolve("school.csv"), StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            assertThat(line.split(",")[2]).as("personalId column").isEmpty();
        }
    }

    private String run(String... options) throws IOException {
        String[] args = new String[options.length + 1];
        args[0] = "export";
        System.arraycopy(options, 0, args, 1, options.length);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        SyntheticExportCommand.run(args, new PrintStream(buffer, true, StandardCharsets.UTF_8));
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
