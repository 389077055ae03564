package org.citizenhub.mappings.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchResolverTest {

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(BatchResolverTest.class.getResource("/identity/" + name).toURI());
    }

    @Test
    void deduplicatesFebrlWithoutLabelsAndScoresWithThem() throws Exception {
        BatchResolver.Result result = BatchResolver.dedupe(MatchConfig.load("febrl-dedupe"),
                List.of(resource("febrl3-excerpt.csv")), message -> { });
        PairwiseEvaluation e = result.evaluate();
        assertThat(e.truePairs()).isEqualTo(1028);
        assertThat(e.f1()).isGreaterThan(0.99);
        assertThat(e.blockingRecall()).isGreaterThan(0.99);
        assertThat(result.count(Outcome.LINK)).isPositive();
        assertThat(result.count(Outcome.DISTINCT)).isPositive();
    }

    @Test
    void badInputIsReportedAndTreatedAsMissing() throws Exception {
        List<String> log = new ArrayList<>();
        // nine records are too few to estimate from: the parameters come from the synthetic population
        BatchResolver.Result result = BatchResolver.dedupe(MatchConfig.load("citizen"), List.of(resource("bad-input.csv")), null,
                resource("citizen-model.properties"), log::add);
        assertThat(result.table().size()).isEqualTo(9);
        assertThat(result.quality().counts()).containsKeys("fullName: too long", "line: malformed line",
                "fullName: bad encoding", "dob: unusable", "email: column missing");
        assertThat(result.quality().counts().keySet()).noneMatch(k -> k.contains("Nguy") || k.contains("0905"));
        // the two clean records of the same man still link
        int r1 = rowOf(result.table(), "R1");
        int r2 = rowOf(result.table(), "R2");
        assertThat(result.clusterOf()[r1]).isEqualTo(result.clusterOf()[r2]);
    }

    private static int rowOf(RecordTable table, String id) {
        for (int r = 0; r < table.size(); r++) {
            if (table.id(r).equals(id)) {
                return r;
            }
        }
        throw new AssertionError("no row " + id);
    }

    @Test
    void linksTwoFilesOneToOneAndWritesClustersPairsAndModel(@TempDir Path dir) throws Exception {
        List<String> lines = Files.readAllLines(resource("febrl3-excerpt.csv"), StandardCharsets.UTF_8);
        List<String> left = new ArrayList<>(List.of(lines.get(0)));
        List<String> right = new ArrayList<>(List.of(lines.get(0)));
        for (String line : lines.subList(1, lines.size())) {
            (line.contains("-org") ? left : right).add(line);
        }
        Files.write(dir.resolve("a.csv"), left);
        Files.write(dir.resolve("b.csv"), right);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = new IdentityCommand(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(new String[] {
                "link", "--config", "febrl-link", "--left", dir.resolve("a.csv").toString(),
                "--right", dir.resolve("b.csv").toString(), "--out", dir.resolve("out").toString()});
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(code).isZero();
        assertThat(out).contains("pairwise precision", "blocking recall", "candidate pairs compared", "time ");
        assertThat(dir.resolve("out/clusters.csv")).exists();
        assertThat(Files.readAllLines(dir.resolve("out/pairs.csv")).get(1)).contains("LINK", "p=");
        assertThat(Files.readString(dir.resolve("out/model.properties"))).contains("m.soc_sec_id.0");
    }

    @Test
    void commandReportsUsageAndConfigurationErrorsWithoutStackTraces() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        IdentityCommand command = new IdentityCommand(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(command.run(new String[] {"dedupe", "--config", "no-such-config", "--input", "x.csv"})).isEqualTo(2);
        assertThat(command.run(new String[] {"frobnicate"})).isEqualTo(2);
        assertThat(command.run(new String[] {"dedupe", "--config", "febrl-dedupe", "--input", "/no/such/file.csv"})).isEqualTo(1);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("no configuration file", "usage:", "cannot read");
    }

    @Test
    void configurationErrorsNameTheProblem() {
        assertThatThrownBy(() -> MatchConfig.parse("[field a]\nnormalizer = nope\n"))
                .hasMessageContaining("unknown normalizer 'nope'");
        assertThatThrownBy(() -> MatchConfig.parse("[field a]\nnormalizer = text\n[comparison a]\nkind = exact\nkey = a\n"))
                .hasMessageContaining("[blocking] needs at least one");
        assertThatThrownBy(() -> MatchConfig.parse("[field a]\nnormalizer = text\n[blocking]\nrule = b\n"))
                .hasMessageContaining("unknown key 'b'");
        assertThatThrownBy(() -> ConfigFile.parse("key = value\n")).hasMessageContaining("line 1");
        assertThatThrownBy(() -> MatchConfig.parse("[field a]\nnormalizer = text\n[comparison a]\nkind = exact\nkey = a\nveto = maybe\n"
                + "[blocking]\nrule = a\n").comparisons(MatchConfig.parse("[field a]\nnormalizer = text\n[comparison a]\nkind = exact\nkey = a\n"
                + "[blocking]\nrule = a\n").newTable())).isInstanceOf(RuntimeException.class);
    }
}
