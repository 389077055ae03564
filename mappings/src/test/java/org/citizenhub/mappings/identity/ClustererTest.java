package org.citizenhub.mappings.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Clustering does not chain two different people through one record that fits both. */
class ClustererTest {

    @Test
    void aRecordWithoutBirthDateDoesNotMergeFatherAndSon() throws Exception {
        MatchConfig config = MatchConfig.load("citizen");
        RecordTable table = config.newTable();
        List<String> layout = List.of("recordId", "fullName", "dateOfBirth", "personalId", "phone", "address");
        RecordNormalizer normalizer = new RecordNormalizer(config, layout, new InputQuality());
        String[][] rows = {
                {"SON", "Nguyễn Văn Hùng", "15/03/1985", "048085001234", "0905123456", "K12/5 Nguyễn Văn Linh, Phường Hải Châu, Đà Nẵng"},
                {"FATHER", "Nguyễn Văn Hùng", "02/01/1960", "048060000111", "0905123456", "K12/5 Nguyễn Văn Linh, Phường Hải Châu, Đà Nẵng"},
                {"WATER", "NGUYEN VAN HUNG", "", "", "0905123456", "K12/5 Nguyen Van Linh, P. Thach Thang, Q. Hai Chau, Da Nang"},
        };
        for (String[] row : rows) {
            table.append(row[0], "", normalizer.keys(row));
            table.commitLast();
        }
        List<Comparison> comparisons = config.comparisons(table);
        MatchModel model;
        try (Reader in = new InputStreamReader(getClass().getResourceAsStream("/identity/citizen-model.properties"), StandardCharsets.UTF_8)) {
            model = MatchModel.read(in, comparisons);
        }
        PairScorer scorer = new PairScorer(comparisons, model, config.decision());
        assertThat(scorer.conflicting(0, 1)).isTrue();
        assertThat(scorer.reachesLink(scorer.weight(0, 2))).isTrue();
        assertThat(scorer.reachesLink(scorer.weight(1, 2))).isTrue();

        Clusterer clusterer = new Clusterer(scorer, config.cluster(), 3);
        boolean[] accepted = clusterer.cluster(new int[] {0, 1}, new int[] {2, 2},
                new float[] {(float) scorer.weight(0, 2), (float) scorer.weight(1, 2)}, 2, false);
        int[] cluster = clusterer.clusterIds();
        assertThat(cluster[0]).isNotEqualTo(cluster[1]);
        assertThat(accepted).containsExactlyInAnyOrder(true, false);
    }
}
