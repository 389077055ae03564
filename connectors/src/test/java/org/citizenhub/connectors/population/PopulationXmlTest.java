package org.citizenhub.connectors.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.citizenhub.connectors.MalformedPayloadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PopulationXmlTest {

    private final PopulationXml xml = new PopulationXml(64 * 1024);

    private static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private static final String CITIZEN = """
            <citizen><personalId>048090001234</personalId><familyName>Nguyễn</familyName><middleName>Văn</middleName>
            <givenName>Hùng</givenName><dateOfBirth>1990-05-12</dateOfBirth><sex>MALE</sex>
            <houseNumber>K12/5</houseNumber><street>Lê Duẩn</street><ward code="20305">Phường Hải Châu</ward>
            <city>Thành phố Đà Nẵng</city><householdId>H1</householdId><relationToHead>HEAD</relationToHead></citizen>""";

    @Test
    void readsAnExtractPage() {
        ExtractPage page = xml.readExtractPage(stream(
                "<?xml version=\"1.0\"?><citizenExtract page=\"2\" hasMore=\"true\" asOfSequence=\"17\">" + CITIZEN + CITIZEN
                        + "</citizenExtract>"));

        assertThat(page.page()).isEqualTo(2);
        assertThat(page.hasMore()).isTrue();
        assertThat(page.asOfSequence()).isEqualTo(17);
        assertThat(page.records()).hasSize(2);
        var r = page.records().get(0);
        assertThat(r.personalId()).isEqualTo("048090001234");
        assertThat(r.givenName()).isEqualTo("Hùng");
        assertThat(r.houseNumber()).isEqualTo("K12/5");
        assertThat(r.ward()).isEqualTo("Phường Hải Châu");
        assertThat(r.wardCode()).isEqualTo("20305");
        assertThat(r.phone()).isEmpty();
    }

    @Test
    void readsLookupAnswersAndTheChangeFeed() {
        assertThat(xml.readLookupResponse(stream("<lookupResponse status=\"FOUND\">" + CITIZEN + "</lookupResponse>")))
                .hasValueSatisfying(r -> assertThat(r.familyName()).isEqualTo("Nguyễn"));
        assertThat(xml.readLookupResponse(stream("<lookupResponse status=\"NOT_FOUND\"/>"))).isEmpty();
        assertThat(xml.readChangeFeed(stream("<changeFeed><change sequence=\"5\" type=\"ADDRESS_CHANGED\" personalId=\"048090001234\"/>"
                + "<change sequence=\"6\" type=\"DECEASED\" personalId=\"048190001234\"/></changeFeed>")))
                .extracting(ChangeNotice::changeKey).containsExactly("POPULATION:5", "POPULATION:6");
    }

    @Test
    void writesALookupRequestWithEscaping() {
        assertThat(PopulationXml.lookupRequest("<&>")).isEqualTo("<lookupRequest><personalId>&lt;&amp;&gt;</personalId></lookupRequest>");
    }

    @Test
    void refusesExternalEntities() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE lookupResponse [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <lookupResponse status="FOUND"><citizen><familyName>&secret;</familyName></citizen></lookupResponse>""";
        assertThatThrownBy(() -> xml.readLookupResponse(stream(xxe)))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageNotContaining("root:");
    }

    @Test
    void refusesTheBillionLaughs() {
        String laughs = """
                <?xml version="1.0"?>
                <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
                <changeFeed><change sequence="1" type="&lol2;" personalId="1"/></changeFeed>""";
        assertThatThrownBy(() -> xml.readChangeFeed(stream(laughs))).isInstanceOf(MalformedPayloadException.class);
    }

    @Test
    void refusesOversizedMessages() {
        String big = "<citizenExtract page=\"0\" hasMore=\"false\" asOfSequence=\"0\">" + CITIZEN.repeat(200) + "</citizenExtract>";
        assertThatThrownBy(() -> xml.readExtractPage(stream(big)))
                .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("exceeds");
    }

    @Test
    void refusesOversizedValues() {
        String longName = "<lookupResponse status=\"FOUND\"><citizen><familyName>" + "x".repeat(5_000)
                + "</familyName></citizen></lookupResponse>";
        assertThatThrownBy(() -> xml.readLookupResponse(stream(longName)))
                .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("exceeds");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "<html><body>Bảo trì</body></html>",
            "<citizenExtract page=\"0\" hasMore=\"false\" asOfSequence=\"0\"><citizen>",
            "<citizenExtract page=\"x\" hasMore=\"false\" asOfSequence=\"0\"/>",
            "<citizenExtract hasMore=\"false\"/>",
            "{\"json\": true}",
    })
    void reportsMalformedMessagesWithoutQuotingThem(String payload) {
        assertThatThrownBy(() -> xml.readExtractPage(stream(payload)))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageNotContaining("Bảo trì");
    }
}
