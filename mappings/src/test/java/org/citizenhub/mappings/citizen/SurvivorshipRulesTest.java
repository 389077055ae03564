package org.citizenhub.mappings.citizen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.citizenhub.mappings.citizen.SurvivorshipRules.InvalidSurvivorshipRulesException;
import org.citizenhub.mappings.citizen.SurvivorshipRules.Tiebreak;
import org.junit.jupiter.api.Test;

class SurvivorshipRulesTest {

    /** The rules that were code before they became a file. */
    private static SurvivorshipRules formerCodeDefaults() {
        List<SourceSystem> identity = List.of(SourceSystem.POPULATION, SourceSystem.PORTAL, SourceSystem.HEALTH,
                SourceSystem.SCHOOL, SourceSystem.ELECTRICITY, SourceSystem.WATER, SourceSystem.SANITATION);
        List<SourceSystem> contact = List.of(SourceSystem.PORTAL, SourceSystem.POPULATION, SourceSystem.HEALTH,
                SourceSystem.ELECTRICITY, SourceSystem.WATER, SourceSystem.SANITATION, SourceSystem.SCHOOL);
        Map<CitizenField, List<SourceSystem>> rules = new EnumMap<>(CitizenField.class);
        for (CitizenField field : CitizenField.values()) {
            rules.put(field, identity);
        }
        rules.put(CitizenField.PHONE, contact);
        rules.put(CitizenField.EMAIL, contact);
        return new SurvivorshipRules(rules, List.of(Tiebreak.RECENCY, Tiebreak.VERIFICATION));
    }

    private static SurvivorshipRules parse(String yaml) {
        return SurvivorshipRules.parse(new StringReader(yaml), "test.yaml");
    }

    @Test
    void theClasspathDefaultIsTheFormerCodeDefault() {
        assertThat(SurvivorshipRules.defaults()).isEqualTo(formerCodeDefaults());
        assertThat(SurvivorshipRules.defaults().rank(CitizenField.NAME, SourceSystem.POPULATION)).isZero();
        assertThat(SurvivorshipRules.defaults().rank(CitizenField.PHONE, SourceSystem.PORTAL)).isZero();
    }

    @Test
    void theAnnotatedExampleInConfigIsTheDefault() throws IOException {
        Path example = Path.of("../config/survivorship.example.yaml");
        try (var in = Files.newBufferedReader(example, StandardCharsets.UTF_8)) {
            assertThat(SurvivorshipRules.parse(in, example.toString())).isEqualTo(SurvivorshipRules.defaults());
        }
    }

    @Test
    void fieldsNotListedFollowTheDefaultOrderAndUnlistedSystemsRankLast() {
        SurvivorshipRules rules = parse("""
                default: [POPULATION, HEALTH]
                fields:
                  date-of-death: [health, population]
                """);

        assertThat(rules.authority(CitizenField.DATE_OF_DEATH)).containsExactly(SourceSystem.HEALTH, SourceSystem.POPULATION);
        assertThat(rules.authority(CitizenField.NAME)).containsExactly(SourceSystem.POPULATION, SourceSystem.HEALTH);
        assertThat(rules.rank(CitizenField.NAME, SourceSystem.WATER)).isEqualTo(2);
        assertThat(rules.rank(CitizenField.NAME, SourceSystem.SCHOOL)).isEqualTo(2);
        assertThat(rules.tiebreaks()).containsExactly(Tiebreak.RECENCY, Tiebreak.VERIFICATION);
    }

    @Test
    void refusesAnUnknownFieldNamingTheLine() {
        assertThatThrownBy(() -> parse("""
                default: [POPULATION]
                fields:
                  PHONE: [PORTAL]
                  PHNOE: [PORTAL]
                """))
                .isInstanceOf(InvalidSurvivorshipRulesException.class)
                .hasMessageContaining("test.yaml, line 4")
                .hasMessageContaining("unknown field 'PHNOE'");
    }

    @Test
    void refusesAnUnknownSourceSystemNamingTheLine() {
        assertThatThrownBy(() -> parse("""
                default: [POPULATION, HEALTH]
                fields:
                  EMAIL: [PORTAL,
                          GAS]
                """))
                .isInstanceOf(InvalidSurvivorshipRulesException.class)
                .hasMessageContaining("line 4")
                .hasMessageContaining("unknown source system 'GAS' in field EMAIL");
    }

    @Test
    void refusesOtherMistakesClearly() {
        assertThatThrownBy(() -> parse("defualt: [POPULATION]\n")).hasMessageContaining("line 1")
                .hasMessageContaining("unknown key 'defualt'");
        assertThatThrownBy(() -> parse("default: POPULATION\n")).hasMessageContaining("must be a list");
        assertThatThrownBy(() -> parse("default: []\n")).hasMessageContaining("lists no source system");
        assertThatThrownBy(() -> parse("default: [POPULATION, HEALTH, POPULATION]\n"))
                .hasMessageContaining("POPULATION is listed twice");
        assertThatThrownBy(() -> parse("default: [POPULATION]\nfields:\n  PHONE: [PORTAL]\n  phone: [HEALTH]\n"))
                .hasMessageContaining("line 4").hasMessageContaining("PHONE is given twice");
        assertThatThrownBy(() -> parse("fields:\n  PHONE: [PORTAL]\n")).hasMessageContaining("no 'default' order");
        assertThatThrownBy(() -> parse("tiebreak: [newest]\ndefault: [POPULATION]\n"))
                .hasMessageContaining("line 1").hasMessageContaining("unknown tie-breaker 'newest'");
        assertThatThrownBy(() -> parse("default: [POPULATION\n")).hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> parse("- POPULATION\n")).hasMessageContaining("line 1");
    }

    @Test
    void recencyThenVerificationDecideAmongEquals() {
        Instant at = Instant.parse("2025-03-01T00:00:00Z");
        // same system, same retrieval time: the record with a consistent personal ID wins the name
        CitizenRecord unverified = health("h1", at, "048190001234", "Nguyen Van Hung"); // the digit says female
        CitizenRecord verified = health("h2", at, "048090001234", "Nguyễn Văn Hùng");
        GoldenRecordBuilder builder = new GoldenRecordBuilder(SurvivorshipRules.defaults());

        assertThat(builder.build("c", 1, List.of(unverified, verified)).name().provenance().sourceRecordId())
                .isEqualTo("h2");
        // recency first: a newer unverified record beats an older verified one
        CitizenRecord newer = health("h9", at.plusSeconds(60), "", "Nguyễn Văn Hưng");
        assertThat(builder.build("c", 1, List.of(verified, newer)).name().provenance().sourceRecordId())
                .isEqualTo("h9");
        // verification first when the rules say so
        SurvivorshipRules verificationFirst = parse("tiebreak: [verification, recency]\ndefault: [POPULATION, HEALTH]\n");
        assertThat(builder.build("c", 1, List.of(verified, newer), verificationFirst).name().provenance().sourceRecordId())
                .isEqualTo("h2");
    }

    @Test
    void aBuilderFollowsRulesThatChange() {
        Instant at = Instant.parse("2025-03-01T00:00:00Z");
        CitizenRecord registry = new CitizenRecord(new Provenance(SourceSystem.POPULATION, "p1", at), null, null,
                PersonName.parseFamilyFirst("Lê Thị Hoa"), PartialDate.parse("1985"), Sex.FEMALE, null, null, null, null,
                null, null, null);
        CitizenRecord hospital = new CitizenRecord(new Provenance(SourceSystem.HEALTH, "h1", at), null, null,
                PersonName.parseFamilyFirst("Lê Thị Hoa"), PartialDate.parse("1985"), Sex.FEMALE, null, null, null, null,
                null, null, java.time.LocalDate.parse("2025-02-20"));
        CitizenRecord registryDeath = new CitizenRecord(new Provenance(SourceSystem.POPULATION, "p1", at), null, null,
                PersonName.parseFamilyFirst("Lê Thị Hoa"), PartialDate.parse("1985"), Sex.FEMALE, null, null, null, null,
                null, null, java.time.LocalDate.parse("2025-02-21"));
        SurvivorshipRules[] current = {SurvivorshipRules.defaults()};
        GoldenRecordBuilder builder = new GoldenRecordBuilder(() -> current[0]);

        assertThat(builder.build("c", 1, List.of(registryDeath, hospital)).dateOfDeath().provenance().sourceSystem())
                .isEqualTo(SourceSystem.POPULATION);
        current[0] = parse("default: [POPULATION]\nfields:\n  DATE_OF_DEATH: [HEALTH, POPULATION]\n");
        assertThat(builder.build("c", 1, List.of(registryDeath, hospital)).dateOfDeath().provenance().sourceSystem())
                .isEqualTo(SourceSystem.HEALTH);
        assertThat(builder.build("c", 1, List.of(registry, hospital)).name().provenance().sourceSystem())
                .isEqualTo(SourceSystem.POPULATION);
    }

    private static CitizenRecord health(String id, Instant at, String personalId, String name) {
        return new CitizenRecord(new Provenance(SourceSystem.HEALTH, id, at), personalId, null,
                PersonName.parseFamilyFirst(name), PartialDate.parse("1990-05-12"), Sex.MALE, null, null, null, null,
                null, null, null);
    }
}
