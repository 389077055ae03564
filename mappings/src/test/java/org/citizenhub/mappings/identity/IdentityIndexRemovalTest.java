package org.citizenhub.mappings.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Records leave the index without a trace (superseded, unmerged, rejected), and a writer's
 * tentative records are seen by its own matches only until it promotes or discards them.
 */
class IdentityIndexRemovalTest {

    private IdentityIndex index;

    private static final MatchRecord TUAN = record("PORTAL:7", "PORTAL", Map.of("fullName", "Phạm Minh Tuấn",
            "dateOfBirth", "1970-05-05", "phone", "0977000111"));
    private static final MatchRecord TUAN_AGAIN = record("HEALTH:8", "HEALTH", Map.of("fullName", "PHAM MINH TUAN",
            "birthDate", "1970-05-05", "phone", "+84977000111"));

    @BeforeEach
    void index() throws IOException {
        index = new IdentityIndex(MatchConfig.load("citizen"));
        try (Reader model = new InputStreamReader(getClass().getResourceAsStream("/identity/citizen-model.properties"),
                StandardCharsets.UTF_8)) {
            index.readModel(model);
        }
        index.add(record("POPULATION:048190004321", "POPULATION", Map.of("personalId", "048190004321",
                "fullName", "Lê Thị Hoà", "sex", "FEMALE", "dateOfBirth", "1990-07-20", "phone", "0935111222")), "HOA");
    }

    private static MatchRecord record(String id, String source, Map<String, String> fields) {
        return new MatchRecord(id, source, new HashMap<>(fields));
    }

    @Test
    void aRemovedRecordMatchesNothingAndLeavesNoTermFrequency() {
        IdentityIndex.MatchResult before = index.match(TUAN_AGAIN);
        index.add(TUAN, "TUAN");
        assertThat(index.match(TUAN_AGAIN).entity()).contains("TUAN");

        assertThat(index.remove("PORTAL:7")).isTrue();

        IdentityIndex.MatchResult after = index.match(TUAN_AGAIN);
        assertThat(after.decision()).isEqualTo(Outcome.DISTINCT);
        assertThat(after.candidates()).noneMatch(c -> c.recordId().equals("PORTAL:7"));
        assertThat(after.compared()).isEqualTo(before.compared());
        assertThat(index.contains("PORTAL:7")).isFalse();
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.remove("PORTAL:7")).isFalse();
        // added back, it is found again: the blocks were left consistent
        index.add(TUAN, "TUAN");
        assertThat(index.match(TUAN_AGAIN).entity()).contains("TUAN");
    }

    @Test
    void termFrequenciesAreAsBeforeOnceTheRecordsAreRemoved() {
        String[] given = {"An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Khánh", "Long", "Minh", "Nam"};
        for (int i = 0; i < 40; i++) {
            index.add(record("WATER:" + i, "WATER", Map.of("holderName", "Trần Văn " + given[i % 10] + " " + given[i / 10])),
                    "W" + i);
        }
        MatchRecord hoa = record("HEALTH:3", "HEALTH", Map.of("fullName", "Lê Thị Hoà", "birthDate", "20/07/1990",
                "phone", "0935111222"));
        double before = weightForHoa(hoa);
        for (int i = 0; i < 40; i++) {
            index.add(record("PORTAL:" + i, "PORTAL", Map.of("fullName", "Lê Thị Hoà", "dateOfBirth", (1940 + i) + "-01-01")),
                    "P" + i);
        }
        double meanwhile = weightForHoa(hoa);

        for (int i = 0; i < 40; i++) {
            index.remove("PORTAL:" + i);
        }

        assertThat(meanwhile).as("forty more 'Lê Thị Hoà' make the name common").isLessThan(before);
        assertThat(weightForHoa(hoa)).isCloseTo(before, org.assertj.core.data.Offset.offset(1e-9));
    }

    private double weightForHoa(MatchRecord probe) {
        return index.match(probe).candidates().stream().filter(c -> "HOA".equals(c.entityId()))
                .findFirst().orElseThrow().explanation().totalWeight();
    }

    @Test
    void aReplacedRecordIsFoundByItsNewValuesOnlyAndUnderItsNewGoldenId() {
        index.add(TUAN, "TUAN");
        MatchRecord moved = record("PORTAL:7", "PORTAL", Map.of("fullName", "Võ Thị Lan", "dateOfBirth", "1982-11-30",
                "phone", "0988555444"));

        index.replace(moved, "LAN");

        assertThat(index.size()).isEqualTo(2);
        assertThat(index.entityOf("PORTAL:7")).contains("LAN");
        assertThat(index.match(TUAN_AGAIN).candidates()).noneMatch(c -> c.recordId().equals("PORTAL:7"));
        MatchRecord lan = record("HEALTH:9", "HEALTH", Map.of("fullName", "VO THI LAN", "birthDate", "30/11/1982",
                "phone", "0988 555 444"));
        assertThat(index.match(lan).entity()).contains("LAN");
    }

    @Test
    void tentativeRecordsAreSeenByTheirOwnerOnlyUntilPromoted() {
        Object transaction = new Object();
        Object otherTransaction = new Object();
        index.addTentative(TUAN, "TUAN", transaction);

        assertThat(index.match(TUAN_AGAIN, transaction).entity()).contains("TUAN");
        assertThat(index.match(TUAN_AGAIN, otherTransaction).decision()).isEqualTo(Outcome.DISTINCT);
        assertThat(index.match(TUAN_AGAIN).decision()).isEqualTo(Outcome.DISTINCT);
        assertThat(index.contains("PORTAL:7")).isFalse();
        assertThat(index.tentativeCount()).isEqualTo(1);

        assertThat(index.promote(transaction, "PORTAL:7", "TUAN")).isTrue();

        assertThat(index.tentativeCount()).isZero();
        assertThat(index.discard(transaction)).isZero();
        assertThat(index.match(TUAN_AGAIN, otherTransaction).entity()).contains("TUAN");
        assertThat(index.entityOf("PORTAL:7")).contains("TUAN");
    }

    @Test
    void discardedTentativeRecordsLeaveNothingBehind() {
        IdentityIndex.MatchResult before = index.match(TUAN_AGAIN);
        Object transaction = new Object();
        index.addTentative(TUAN, "TUAN", transaction);

        assertThat(index.discard(transaction)).isEqualTo(1);

        assertThat(index.tentativeCount()).isZero();
        assertThat(index.contains("PORTAL:7")).isFalse();
        assertThat(index.match(TUAN_AGAIN, transaction).decision()).isEqualTo(Outcome.DISTINCT);
        assertThat(index.match(TUAN_AGAIN, transaction).compared()).isEqualTo(before.compared());
        assertThat(index.promote(transaction, "PORTAL:7", "TUAN")).isFalse();
    }

    @Test
    void promotingANewVersionReplacesTheCommittedOne() {
        index.add(TUAN, "TUAN");
        Object transaction = new Object();
        MatchRecord moved = record("PORTAL:7", "PORTAL", Map.of("fullName", "Võ Thị Lan", "dateOfBirth", "1982-11-30",
                "phone", "0988555444"));
        index.addTentative(moved, "LAN", transaction);

        index.promote(transaction, "PORTAL:7", "LAN");

        assertThat(index.size()).isEqualTo(2);
        assertThat(index.match(TUAN_AGAIN).candidates()).noneMatch(c -> c.recordId().equals("PORTAL:7"));
        assertThat(index.entityOf("PORTAL:7")).contains("LAN");
    }
}
