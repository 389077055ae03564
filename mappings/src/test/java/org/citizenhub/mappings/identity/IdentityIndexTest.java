package org.citizenhub.mappings.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine's outcomes on the messy cases of BRIEF §4, with the citizen configuration and a model
 * estimated without labels on a synthetic Đà Nẵng population (test resource citizen-model.properties).
 * The vault holds a son and his father of the same name at the same address (scenario 3).
 */
class IdentityIndexTest {

    private IdentityIndex index;

    @BeforeEach
    void vault() throws IOException {
        index = new IdentityIndex(MatchConfig.load("citizen"));
        try (Reader model = new InputStreamReader(getClass().getResourceAsStream("/identity/citizen-model.properties"),
                StandardCharsets.UTF_8)) {
            index.readModel(model);
        }
        index.add(population("048085001234", "Nguyễn Văn Hùng", "MALE", "1985-03-15", "0905123456", "K12/5", "Nguyễn Văn Linh"), "SON");
        index.add(population("048060000111", "Nguyễn Văn Hùng", "MALE", "1960-01-02", "0914777888", "K12/5", "Nguyễn Văn Linh"), "FATHER");
        index.add(population("048190004321", "Lê Thị Hoà", "FEMALE", "1990-07-20", "0935111222", "45", "Trần Phú"), "MOTHER");
    }

    private static MatchRecord population(String id, String name, String sex, String dob, String phone, String house, String street) {
        return record("POPULATION:" + id, "POPULATION", Map.of("personalId", id, "fullName", name, "sex", sex, "dateOfBirth", dob,
                "phone", phone, "houseNumber", house, "street", street, "ward", "Phường Hải Châu", "city", "Thành phố Đà Nẵng"));
    }

    private static MatchRecord record(String id, String source, Map<String, String> fields) {
        return new MatchRecord(id, source, new HashMap<>(fields));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("water account, upper case without diacritics, +84 phone, pre-2025 ward and district",
                        Map.of("holderName", "NGUYEN VAN HUNG", "phone", "+84 905 123 456",
                                "serviceAddress", "K12/5 Nguyen Van Linh, P. Thach Thang, Q. Hai Chau, TP Da Nang"),
                        Outcome.LINK, "SON"),
                Arguments.of("health record, one-digit typo in the CCCD, dd/MM/yyyy date, given name first",
                        Map.of("fullName", "Hùng Nguyễn Văn", "personalId", "048085001235", "birthDate", "15/03/1985",
                                "gender", "male", "addressLine", "K12/5 Nguyễn Văn Linh", "ward", "Phường Hải Châu"),
                        Outcome.LINK, "SON"),
                Arguments.of("portal, 11-digit phone of before 2018, old tone placement, NFD, abbreviated middle name",
                        Map.of("fullName", "Le T. Hoa\u0300", "phone", "0935.111.222", "dateOfBirth", "20/07/1990",
                                "address", "45 Đ. Trần Phú, P. Hải Châu, TP Đà Nẵng"),
                        Outcome.LINK, "MOTHER"),
                Arguments.of("a different valid personal ID: never linked automatically, whatever else agrees",
                        Map.of("fullName", "Nguyễn Văn Hùng", "personalId", "048085009876", "dateOfBirth", "1985-03-15",
                                "sex", "MALE", "phone", "0905123456", "houseNumber", "K12/5", "street", "Nguyễn Văn Linh",
                                "ward", "Phường Hải Châu"),
                        Outcome.REVIEW, null),
                Arguments.of("a different full date of birth with the same name and address: never linked automatically",
                        Map.of("fullName", "Nguyễn Văn Hùng", "dateOfBirth", "1992-11-30", "phone", "0905123456",
                                "houseNumber", "K12/5", "street", "Nguyễn Văn Linh", "ward", "Phường Hải Châu"),
                        Outcome.REVIEW, null),
                Arguments.of("only the common name and the ward: father and son both fit, a steward decides",
                        Map.of("fullName", "NGUYỄN VĂN HÙNG", "ward", "Phường Hải Châu", "city", "Đà Nẵng"),
                        Outcome.REVIEW, null),
                Arguments.of("somebody else",
                        Map.of("fullName", "Trần Thị Mai", "dateOfBirth", "2001-02-03", "phone", "0987654321",
                                "address", "7 Lê Duẩn, Phường Hòa Cường, Thành phố Đà Nẵng"),
                        Outcome.DISTINCT, null));
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("cases")
    void decidesLikeADataSteward(String description, Map<String, String> fields, Outcome expected, String entity) {
        IdentityIndex.MatchResult result = index.match(record("PROBE:1", "PROBE", fields));
        assertThat(result.decision()).as(description).isEqualTo(expected);
        if (entity != null) {
            assertThat(result.entity()).contains(entity);
        } else {
            assertThat(result.entity()).isEmpty();
        }
    }

    @Test
    void everyCandidateCarriesItsExplanationWithoutPersonalData() {
        IdentityIndex.MatchResult result = index.match(record("PROBE:1", "WATER", Map.of("holderName", "NGUYEN VAN HUNG",
                "phone", "0905123456", "serviceAddress", "K12/5 Nguyen Van Linh, P. Thach Thang, Q. Hai Chau, TP Da Nang")));
        IdentityIndex.Candidate best = result.candidates().get(0);
        assertThat(best.entityId()).isEqualTo("SON");
        String summary = best.explanation().summary();
        assertThat(summary).contains("phone exact", "given unmarked", "ward overlap").doesNotContain("0905123456", "HUNG", "hung");
        double total = best.explanation().priorWeight();
        for (Explanation.Evidence e : best.explanation().evidence()) {
            total += e.total();
        }
        assertThat(total).isCloseTo(best.explanation().totalWeight(), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void conflictWithAnyRecordOfAnEntityBlocksTheLinkToIt() {
        // the son's health record links; then a record agreeing with that record but carrying another CCCD
        index.add(record("HEALTH:BN1", "HEALTH", Map.of("fullName", "Nguyễn Văn Hùng", "birthDate", "1985-03-15",
                "personalId", "048085001234", "phone", "0905123456")), "SON");
        IdentityIndex.MatchResult result = index.match(record("PORTAL:9", "PORTAL", Map.of("fullName", "Nguyễn Văn Hùng",
                "dateOfBirth", "15/03/1985", "personalId", "048085007777", "phone", "0905123456")));
        assertThat(result.decision()).isNotEqualTo(Outcome.LINK);
        assertThat(result.entities()).anyMatch(e -> e.entityId().equals("SON") && e.conflicting());
    }

    @Test
    void matchDoesNotChangeTheIndexButAddDoes() {
        MatchRecord newcomer = record("PORTAL:7", "PORTAL", Map.of("fullName", "Phạm Minh Tuấn", "dateOfBirth", "1970-05-05",
                "phone", "0977000111"));
        assertThat(index.match(newcomer).decision()).isEqualTo(Outcome.DISTINCT);
        assertThat(index.size()).isEqualTo(3);
        index.add(newcomer, "NEW");
        MatchRecord again = record("HEALTH:8", "HEALTH", Map.of("fullName", "PHAM MINH TUAN", "birthDate", "1970-05-05",
                "phone", "+84977000111"));
        assertThat(index.match(again).entity()).contains("NEW");
        assertThat(index.explain("PORTAL:7", "POPULATION:048085001234")).isPresent();
        assertThat(index.explain("PORTAL:7", "nope")).isEmpty();
    }

    @Test
    void garbageRecordsAreMissingValuesNotErrors() {
        List<Map<String, String>> garbage = List.of(
                Map.of("fullName", "\u0000\u0001###", "dateOfBirth", "99/99/9999", "phone", "abc"),
                Map.of("fullName", "x".repeat(100_000), "personalId", "1".repeat(5000)),
                Map.of("dateOfBirth", "31/02/1985", "serviceAddress", ",,,,,"),
                Map.of());
        for (Map<String, String> fields : garbage) {
            assertThat(index.match(record("BAD", "PORTAL", fields)).decision()).isEqualTo(Outcome.DISTINCT);
        }
        assertThat(index.quality().counts()).containsKey("fullName: too long");
    }
}
