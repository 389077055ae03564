package org.citizenhub.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.citizenhub.HubIntegrationTest;
import org.citizenhub.connectors.vault.VaultJson;
import org.citizenhub.connectors.vault.VaultStore;
import org.citizenhub.mappings.citizen.Address;
import org.citizenhub.mappings.citizen.CitizenRecord;
import org.citizenhub.mappings.citizen.Mapped;
import org.citizenhub.mappings.citizen.PartialDate;
import org.citizenhub.mappings.citizen.PersonName;
import org.citizenhub.mappings.citizen.Provenance;
import org.citizenhub.mappings.citizen.Sex;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.population.PopulationIngest;
import org.citizenhub.sandbox.synthetic.Person;
import org.citizenhub.sandbox.synthetic.Population;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/** Every new source record is linked against the vault as it arrives; stewards resolve the uncertain ones. */
class IdentityInHubTest extends HubIntegrationTest {

    @Autowired VaultStore vault;
    @Autowired Population population;
    @Autowired PopulationIngest ingest;
    @Autowired TestRestTemplate http;

    @BeforeEach
    void populationLoaded() {
        await().atMost(Duration.ofSeconds(120)).until(ingest::changeFeedReady);
    }

    private static String plain(String s) {
        return Normalizer.normalize(s.replace('Đ', 'D').replace('đ', 'd'), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").toUpperCase();
    }

    @Test
    void linksAMessyRecordOfAKnownPersonToTheirGoldenRecord() {
        Person p = population.people().stream().filter(x -> x.phone() != null).skip(20).findFirst().orElseThrow();
        String citizenId = vault.findByPersonalId(p.personalId()).orElseThrow().citizenId();
        Address a = p.permanentAddress();
        CitizenRecord water = new CitizenRecord(new Provenance(SourceSystem.WATER, "IT-W-1", Instant.now()), null, null,
                PersonName.parseFamilyFirst(plain(p.name().full())), PartialDate.of(p.dateOfBirth()), p.sex(), null, null,
                new Address(a.houseNumber(), plain(a.street()), plain(a.ward()), "", "", "Da Nang", null),
                null, p.phone(), null, null);

        vault.upsert(List.of(new Mapped(water, List.of())));

        assertThat(vault.linkHistory("WATER:IT-W-1")).singleElement()
                .satisfies(e -> assertThat(e.toCitizenId()).isEqualTo(citizenId));
        assertThat(vault.findById(citizenId).orElseThrow().sourceRecords())
                .extracting(r -> r.key()).contains("WATER:IT-W-1");
    }

    @Test
    void keepsADifferentPersonWithTheSameNameApart() {
        Person p = population.people().get(30);
        String citizenId = vault.findByPersonalId(p.personalId()).orElseThrow().citizenId();
        CitizenRecord stranger = new CitizenRecord(new Provenance(SourceSystem.HEALTH, "IT-H-9", Instant.now()),
                null, null, p.name(), PartialDate.of(p.dateOfBirth().minusYears(23)), p.sex(), null, null,
                new Address("7", "Hùng Vương", "Phường Hải Châu", "20305", "", "Thành phố Đà Nẵng", null),
                null, "0911000999", null, null);

        vault.upsert(List.of(new Mapped(stranger, List.of())));

        // the namesake becomes a citizen of its own, not the resident's
        assertThat(vault.linkHistory("HEALTH:IT-H-9")).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo("NEW");
            assertThat(e.toCitizenId()).isNotEqualTo(citizenId);
            assertThat(vault.findById(e.toCitizenId()).orElseThrow().sourceRecords()).hasSize(1);
        });
    }

    @Test
    void aStewardMergesAnUncertainLinkAndUndoesItThroughRest() throws Exception {
        // two registry residents with one name at one address (father and son), then a record that fits both
        Address home = new Address("K5/2", "Ông Ích Khiêm", "Phường Hải Châu", "20305", "", "Thành phố Đà Nẵng", null);
        vault.upsert(List.of(
                new Mapped(registry("048068000501", "1968-04-02", home), List.of()),
                new Mapped(registry("048296000502", "1996-09-15", home), List.of())));
        CitizenRecord ambiguous = new CitizenRecord(new Provenance(SourceSystem.ELECTRICITY, "IT-E-7", Instant.now()),
                null, null, new PersonName("NGUYEN", "VAN", "TRUNG"), null, null, null, null,
                new Address("K5/2", "ONG ICH KHIEM", "HAI CHAU", "", "", "DA NANG", null), null, null, null, null);

        vault.upsert(List.of(new Mapped(ambiguous, List.of())));

        JsonNode reviews = json(http.getForObject("/api/review", String.class));
        JsonNode item = null;
        for (JsonNode r : reviews) {
            if (r.path("sourceKey").asText().equals("ELECTRICITY:IT-E-7")) {
                item = r;
            }
        }
        assertThat(item).as("review item for the ambiguous record").isNotNull();
        assertThat(item.path("evidence").asText()).isNotBlank();
        String candidate = item.path("candidateCitizenId").asText();

        var accepted = http.postForEntity("/api/review/" + item.path("id").asLong() + "/accept", null, String.class);
        assertThat(accepted.getStatusCode().value()).isEqualTo(200);
        assertThat(vault.findById(candidate).orElseThrow().sourceRecords()).extracting(r -> r.key())
                .contains("ELECTRICITY:IT-E-7");
        assertThat(http.postForEntity("/api/review/" + item.path("id").asLong() + "/accept", null, String.class)
                .getStatusCode().value()).isEqualTo(404);

        var unmerged = http.postForEntity("/api/source-records/ELECTRICITY:IT-E-7/unmerge", null, String.class);
        assertThat(unmerged.getStatusCode().value()).isEqualTo(200);
        assertThat(vault.findById(candidate).orElseThrow().sourceRecords()).extracting(r -> r.key())
                .doesNotContain("ELECTRICITY:IT-E-7");
        JsonNode history = json(http.getForObject("/api/source-records/ELECTRICITY:IT-E-7/links", String.class));
        assertThat(history).extracting(h -> h.path("reason").asText()).containsExactly("REVIEW", "MERGED", "UNMERGED");
    }

    private static CitizenRecord registry(String id, String dob, Address home) {
        return new CitizenRecord(new Provenance(SourceSystem.POPULATION, id, Instant.now()), id, null,
                new PersonName("Nguyễn", "Văn", "Trung"), PartialDate.parse(dob), Sex.MALE, null, home, null, null,
                null, null, null);
    }

    private static JsonNode json(String text) throws Exception {
        return VaultJson.mapper().readTree(text);
    }
}
