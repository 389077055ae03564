package org.citizenhub.mappings.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.nio.charset.StandardCharsets;

import org.citizenhub.mappings.citizen.CitizenField;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.junit.jupiter.api.Test;

class CatalogueReaderTest {

    private static Catalogue read(String procedures, String agencies) {
        return CatalogueReader.read(new ByteArrayInputStream(procedures.getBytes(StandardCharsets.UTF_8)), "procedures.yaml",
                new ByteArrayInputStream(agencies.getBytes(StandardCharsets.UTF_8)), "agencies.yaml");
    }

    private static final String PROCEDURES = """
            authorities: {IDENTITY: POPULATION, HEALTH: HEALTH}
            purposes:
              renewal: {description: Renewal, categories: [IDENTITY, HEALTH, DOCUMENTS]}
            procedures:
              renewal:
                name: Licence renewal
                purpose: renewal
                fields: [NAME, PERSONAL_ID]
                evidence:
                  - type: HEALTH_CHECK_CERTIFICATE
                  - type: DRIVING_LICENCE
            """;

    @Test
    void readsTheShippedCatalogue() throws Exception {
        Catalogue catalogue = CatalogueReader.read(new FileInputStream("../config/procedures.yaml"), "procedures.yaml",
                new FileInputStream("../config/agencies.yaml"), "agencies.yaml");
        assertThat(catalogue.procedures()).containsKeys("driving-licence-renewal", "business-household-registration", "school-enrolment");
        assertThat(catalogue.procedure("driving-licence-renewal").orElseThrow().evidence())
                .extracting(Catalogue.EvidenceNeed::type).contains("HEALTH_CHECK_CERTIFICATE", "DRIVING_LICENCE");
        assertThat(catalogue.agency("social-insurance").orElseThrow().mayUse("driving-licence-renewal")).isFalse();
        assertThat(catalogue.isAuthoritative(DataCategory.ADDRESS, SourceSystem.POPULATION)).isTrue();
        assertThat(catalogue.isAuthoritative(DataCategory.ADDRESS, SourceSystem.WATER)).isFalse();
    }

    @Test
    void readsProceduresAgenciesAndTheirQueues() {
        Catalogue catalogue = read(PROCEDURES, """
                agencies:
                  traffic-police: {name: Traffic police, purposes: [renewal], events: [IDENTITY]}
                """);
        Catalogue.Procedure renewal = catalogue.procedure("renewal").orElseThrow();
        assertThat(renewal.fields()).containsExactly(CitizenField.NAME, CitizenField.PERSONAL_ID);
        assertThat(Catalogue.categoriesOf(renewal)).containsExactlyInAnyOrder(DataCategory.IDENTITY, DataCategory.HEALTH,
                DataCategory.DOCUMENTS);
        Catalogue.Agency police = catalogue.agency("traffic-police").orElseThrow();
        assertThat(police.requestQueue()).isEqualTo("hub.agency.traffic-police.requests");
        assertThat(police.replyQueue()).isEqualTo("hub.agency.traffic-police.replies");
        assertThat(police.eventCategories()).containsExactly(DataCategory.IDENTITY);
    }

    @Test
    void reportsEveryMistakeAtOnceNamingWhere() {
        String procedures = """
                authorities: {IDENTITY: REGISTRY}
                purposes:
                  narrow: {description: Narrow, categories: [IDENTITY]}
                procedures:
                  renewal:
                    name: Renewal
                    purpose: narrow
                    fields: [NAME, SHOE_SIZE, PHONE]
                """;
        String agencies = """
                agencies:
                  Bad_Id: {name: X, purposes: [narrow]}
                  police: {name: Police, purposes: [unknown], events: [HEALTH]}
                """;
        assertThatThrownBy(() -> read(procedures, agencies))
                .isInstanceOf(CatalogueReader.InvalidCatalogueException.class)
                .hasMessageContaining("authorities.IDENTITY: unknown SourceSystem 'REGISTRY'")
                .hasMessageContaining("procedures.renewal.fields: unknown CitizenField 'SHOE_SIZE'")
                .hasMessageContaining("procedures.renewal: needs [CONTACT], which its purpose 'narrow' does not cover")
                .hasMessageContaining("agencies.Bad_Id: a code is lower-case letters")
                .hasMessageContaining("agencies.police.purposes: unknown purpose 'unknown'")
                .hasMessageContaining("agencies.police.events: an agency receives events only of categories its purposes cover");
    }

    @Test
    void refusesAFileThatIsNotYaml() {
        assertThatThrownBy(() -> read("purposes: [unclosed", "agencies: {}"))
                .isInstanceOf(CatalogueReader.InvalidCatalogueException.class)
                .hasMessageContaining("procedures.yaml: not readable YAML");
    }
}
