package org.citizenhub.mappings.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class CandidatePairsTest {

    private static final String CONFIG = """
            [field name]
            normalizer = text
            [field city]
            normalizer = text
            [comparison name]
            kind = exact
            key = name
            [blocking]
            rule = name
            rule = city
            max-block-size = 3
            """;

    private static RecordTable table(MatchConfig config, String[][] rows) {
        RecordTable table = config.newTable();
        RecordNormalizer normalizer = new RecordNormalizer(config, List.of("name", "city", "source"), new InputQuality());
        for (String[] row : rows) {
            table.append(row[0] + "@" + row[1], row[2], normalizer.keys(row));
            table.commitLast();
        }
        return table;
    }

    @Test
    void unionOfRulesComparesEachPairOnceAndSkipsOversizedBlocks() {
        MatchConfig config = MatchConfig.parse(CONFIG);
        RecordTable table = table(config, new String[][] {
                {"hung", "hue", "a"}, {"hung", "hue", "a"}, {"lan", "hue", "a"},
                {"mai", "da nang", "a"}, {"nam", "da nang", "a"}, {"hoa", "da nang", "a"}, {"binh", "da nang", "a"},
                {"", "", "a"}});
        CandidatePairs pairs = CandidatePairs.generate(table, config.blockingRules(), config.maxBlockSize(), false);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < pairs.size(); i++) {
            assertThat(seen.add(pairs.left(i) + "-" + pairs.right(i))).as("pair listed twice").isTrue();
        }
        // name: (0,1); city hue: (0,1) again - skipped - plus (0,2), (1,2); city da nang: 4 records > 3, skipped
        assertThat(seen).containsExactlyInAnyOrder("0-1", "0-2", "1-2");
        assertThat(pairs.ruleStats().get(0).newPairs()).isEqualTo(1);
        assertThat(pairs.ruleStats().get(1).newPairs()).isEqualTo(2);
        assertThat(pairs.ruleStats().get(1).oversizedBlocks()).isEqualTo(1);
        assertThat(pairs.ruleStats().get(1).recordsInOversizedBlocks()).isEqualTo(4);
        assertThat(pairs.isCandidate(3, 4)).isFalse();
        assertThat(pairs.isCandidate(1, 2)).isTrue();
    }

    @Test
    void linkingComparesOnlyAcrossSources() {
        MatchConfig config = MatchConfig.parse(CONFIG);
        RecordTable table = table(config, new String[][] {
                {"hung", "hue", "left"}, {"hung", "hue", "left"}, {"hung", "hue", "right"}});
        CandidatePairs pairs = CandidatePairs.generate(table, config.blockingRules(), config.maxBlockSize(), true);
        assertThat(pairs.size()).isEqualTo(2);
        for (int i = 0; i < pairs.size(); i++) {
            assertThat(table.source(pairs.left(i))).isNotEqualTo(table.source(pairs.right(i)));
        }
    }
}
