package org.citizenhub.mappings.identity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A matching configuration read from a {@link ConfigFile}: how to read input, which fields to derive
 * keys from and with which normalizer, the comparisons, the blocking rules, the decision thresholds and
 * the clustering limits. The format is described in {@code identity/README.md} beside the shipped
 * configurations ({@code febrl-dedupe.conf}, {@code febrl-link.conf}, {@code citizen.conf}).
 */
public final class MatchConfig {

    /** A field: its normalizer and the input columns it reads, in the order the normalizer expects. */
    public record FieldSpec(String name, FieldNormalizer normalizer, List<String> columns) {
    }

    /** How to read a CSV file. */
    public record InputSpec(char separator, boolean trim, String idColumn, Optional<String> sourceColumn,
                            Optional<String> truthColumn, Optional<Pattern> truthIdPattern, String encoding,
                            int maxFieldLength) {
    }

    /** Decision thresholds on the match probability, and the one-to-one rule for linking two deduplicated files. */
    public record Decision(double linkProbability, double reviewProbability, boolean oneToOne) {
        public Decision {
            if (!(reviewProbability > 0 && reviewProbability <= linkProbability && linkProbability < 1)) {
                throw new ConfigFile.ConfigException("[decision] needs 0 < review-probability <= link-probability < 1");
            }
        }
    }

    /** Clustering: two clusters join only if their records agree on average at least this much. */
    public record ClusterSpec(double minAverageProbability, int maxClusterSize) {
    }

    private final ConfigFile file;
    private final InputSpec input;
    private final List<FieldSpec> fields;
    private final List<String> keyNames;
    private final List<BlockingRule> blockingRules;
    private final int maxBlockSize;
    private final Decision decision;
    private final ClusterSpec cluster;
    private final int maxIterations;
    private final boolean uFromRandomPairs;
    private final boolean uFixed;
    private final boolean trainPerRule;
    private final int randomPairs;

    private MatchConfig(ConfigFile file) {
        this.file = file;
        ConfigFile.Section in = file.section("input");
        String sep = in.get("separator").orElse(",");
        char separator = sep.equals("tab") ? '\t' : sep.equals("semicolon") ? ';' : sep.charAt(0);
        input = new InputSpec(separator, in.flag("trim", true), in.get("id-column").orElse("id"),
                in.get("source-column"), in.get("truth-column"), in.get("truth-id-pattern").map(Pattern::compile),
                in.get("encoding").orElse("UTF-8"), (int) in.number("max-field-length", 200));

        fields = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        for (ConfigFile.Section f : file.sections("field")) {
            FieldNormalizer normalizer = FieldNormalizer.named(f.require("normalizer"));
            List<String> columns = f.get("columns").map(ConfigFile::splitList).orElse(List.of(f.name()));
            fields.add(new FieldSpec(f.name(), normalizer, columns));
            for (String suffix : normalizer.keySuffixes()) {
                keys.add(f.name() + suffix);
            }
        }
        if (fields.isEmpty()) {
            throw new ConfigFile.ConfigException("a configuration needs at least one [field ...] section");
        }
        ConfigFile.Section blocking = file.section("blocking");
        blockingRules = new ArrayList<>();
        for (String rule : blocking.all("rule")) {
            BlockingRule r = BlockingRule.parse(rule, blockingRules.size());
            for (BlockingRule.Part p : r.parts()) {
                if (!keys.contains(p.baseKey())) {
                    throw new ConfigFile.ConfigException("blocking rule '" + rule + "' uses unknown key '" + p.baseKey() + "'");
                }
            }
            blockingRules.add(r);
        }
        if (blockingRules.isEmpty()) {
            throw new ConfigFile.ConfigException("[blocking] needs at least one 'rule ='");
        }
        for (BlockingRule r : blockingRules) {
            for (BlockingRule.Part p : r.parts()) {
                keys.add(p.key());
            }
        }
        keyNames = List.copyOf(keys);
        maxBlockSize = (int) blocking.number("max-block-size", 1000);
        ConfigFile.Section d = file.section("decision");
        decision = new Decision(d.number("link-probability", 0.95), d.number("review-probability", 0.5), d.flag("one-to-one", false));
        ConfigFile.Section c = file.section("cluster");
        cluster = new ClusterSpec(c.number("min-average-probability", 0.5), (int) c.number("max-cluster-size", 200));
        ConfigFile.Section model = file.section("model");
        maxIterations = (int) model.number("max-iterations", 200);
        String u = model.get("u-estimation").orElse("random-pairs-then-em");
        if (!List.of("random-pairs", "random-pairs-then-em", "em").contains(u)) {
            throw new ConfigFile.ConfigException("[model] u-estimation must be random-pairs, random-pairs-then-em or em");
        }
        uFromRandomPairs = !u.equals("em");
        uFixed = u.equals("random-pairs");
        randomPairs = (int) model.number("random-pairs", 300_000);
        String training = model.get("training").orElse("per-rule");
        if (!List.of("candidates", "per-rule").contains(training)) {
            throw new ConfigFile.ConfigException("[model] training must be candidates or per-rule");
        }
        trainPerRule = training.equals("per-rule");
        if (file.sections("comparison").isEmpty()) {
            throw new ConfigFile.ConfigException("a configuration needs at least one [comparison ...] section");
        }
    }

    public static MatchConfig load(String pathOrName) {
        return new MatchConfig(ConfigFile.load(pathOrName));
    }

    public static MatchConfig parse(String text) {
        return new MatchConfig(ConfigFile.parse(text));
    }

    public InputSpec input() {
        return input;
    }

    public List<FieldSpec> fields() {
        return fields;
    }

    public List<String> keyNames() {
        return keyNames;
    }

    public List<BlockingRule> blockingRules() {
        return blockingRules;
    }

    public int maxBlockSize() {
        return maxBlockSize;
    }

    public Decision decision() {
        return decision;
    }

    public ClusterSpec cluster() {
        return cluster;
    }

    public int maxIterations() {
        return maxIterations;
    }

    /** True: u probabilities from random pairs, EM estimates m and the prior; false: EM estimates all. */
    public boolean uFromRandomPairs() {
        return uFromRandomPairs;
    }

    /** True: u stays as measured on random pairs; false: EM refines it on the candidate pairs. */
    public boolean uFixed() {
        return uFixed;
    }

    /**
     * True: EM once per blocking rule without the rule's own comparisons, u from random pairs (for
     * candidate sets full of look-alike non-matches); false: one EM over all candidate pairs.
     */
    public boolean trainPerRule() {
        return trainPerRule;
    }

    public int randomPairs() {
        return randomPairs;
    }

    /** An empty table with this configuration's keys. */
    public RecordTable newTable() {
        return new RecordTable(keyNames);
    }

    /** The configured comparisons bound to a table's key columns. */
    public List<Comparison> comparisons(RecordTable table) {
        List<Comparison> result = new ArrayList<>();
        for (ConfigFile.Section s : file.sections("comparison")) {
            result.add(Comparisons.build(s, table));
        }
        List<ConfigFile.Section> groups = file.sections("group");
        for (int g = 0; g < groups.size(); g++) {
            for (String member : groups.get(g).list("comparisons")) {
                Comparison c = result.stream().filter(x -> x.name().equals(member)).findFirst()
                        .orElseThrow(() -> new ConfigFile.ConfigException("[group] names unknown comparison '" + member + "'"));
                c.group = g;
                c.groupName = groups.get(g).name();
            }
        }
        if (result.size() > 15) {
            throw new ConfigFile.ConfigException("at most 15 comparisons");
        }
        return result;
    }
}
