package org.citizenhub.connectors.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import org.citizenhub.connectors.portal.RejectedResultException.Code;
import org.citizenhub.connectors.vault.VaultJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The portal's procedure results: read as the contract says, every kind of bad message refused with its code. */
class PortalResultReaderTest {

    private static final String PDF_BASE64 = Base64.getEncoder().encodeToString("%PDF-1.4\n1 0 obj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
    private final PortalResultReader reader = new PortalResultReader(64 * 1024, 1024);

    private static String result(String replace, String with) {
        String json = """
                {"personalId": "048 196 001 234", "procedure": "driving-licence-renewal", "documentType": "DRIVING_LICENCE",
                 "documentNumber": "480196001234", "issuer": "Sở Xây dựng thành phố Đà Nẵng", "issuedOn": "2026-01-15",
                 "validUntil": "2036-01-15", "data": {"licenceClass": "B", "restrictions": []}, "pdfBase64": "%s"}
                """.formatted(PDF_BASE64);
        return replace == null ? json : json.replace(replace, with);
    }

    @Test
    void readsAResultWithItsPdf() {
        PortalResult r = reader.read(result(null, null));

        assertThat(r.personalId()).isEqualTo("048196001234");
        assertThat(r.procedure()).isEqualTo("driving-licence-renewal");
        assertThat(r.documentType()).isEqualTo("DRIVING_LICENCE");
        assertThat(r.documentNumber()).isEqualTo("480196001234");
        assertThat(r.issuer()).isEqualTo("Sở Xây dựng thành phố Đà Nẵng");
        assertThat(r.issuedOn()).isEqualTo(LocalDate.of(2026, 1, 15));
        assertThat(r.validUntil()).isEqualTo(LocalDate.of(2036, 1, 15));
        assertThat(r.revoked()).isFalse();
        assertThat(r.data()).containsEntry("licenceClass", "B").containsKey("restrictions");
        assertThat(new String(r.pdf(), StandardCharsets.US_ASCII)).startsWith("%PDF-1.4");
    }

    @Test
    void aResultNeedsNoPdfNorEndOfValidity() {
        PortalResult r = reader.read(result("\"pdfBase64\": \"" + PDF_BASE64 + "\"", "\"status\": \"REVOKED\"")
                .replace("\"2036-01-15\"", "null"));

        assertThat(r.pdf()).isNull();
        assertThat(r.validUntil()).isNull();
        assertThat(r.revoked()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not JSON                | {\"personalId\":                       | {\"personalId\" ]     | MALFORMED_RESULT",
            "no data                 | \"data\":                               | \"datum\":            | MALFORMED_RESULT",
            "data not an object      | {\"licenceClass\": \"B\", \"restrictions\": []} | \"B\"          | MALFORMED_RESULT",
            "issuer missing          | \"issuer\"                              | \"issuedBy\"          | MALFORMED_RESULT",
            "type not a code         | \"DRIVING_LICENCE\"                     | \"driving licence\"   | MALFORMED_RESULT",
            "date not ISO            | \"2026-01-15\"                          | \"15/01/2026\"        | MALFORMED_RESULT",
            "valid before issued     | \"2036-01-15\"                          | \"2025-12-31\"        | MALFORMED_RESULT",
            "unknown status          | \"data\":                               | \"status\": \"LOST\", \"data\": | MALFORMED_RESULT",
            "id with 11 digits       | 048 196 001 234                         | 048 196 001 23        | INVALID_ID",
            "id with a wrong century | 048 196 001 234                         | 048 796 001 234       | INVALID_ID",
            "id a number             | \"048 196 001 234\"                     | 48196001234           | MALFORMED_RESULT",
            "PDF not base64          | JVBER                                   | ****                  | NOT_A_PDF",
            "PDF a number            | \"pdfBase64\": \"                        | \"pdfBase64\": 1, \"x\": \" | NOT_A_PDF",
    })
    void refusesABadResultWithItsCode(String name, String replace, String with, Code code) {
        String message = result(replace.strip(), with.strip());
        assertThat(message).as("the case changes the message").isNotEqualTo(result(null, null));

        assertThatThrownBy(() -> reader.read(message)).isInstanceOfSatisfying(RejectedResultException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void refusesBytesThatAreNoPdf() {
        String html = Base64.getEncoder().encodeToString("<html>%PDF-1.4 %%EOF</html>".getBytes(StandardCharsets.US_ASCII));
        String truncated = Base64.getEncoder().encodeToString("%PDF-1.4\n1 0 obj\n".getBytes(StandardCharsets.US_ASCII));

        for (String pdf : new String[] {html, truncated}) {
            assertThatThrownBy(() -> reader.read(result(PDF_BASE64, pdf))).isInstanceOfSatisfying(RejectedResultException.class,
                    e -> assertThat(e.code()).isEqualTo(Code.NOT_A_PDF));
        }
    }

    @Test
    void refusesAnOversizedMessageOrPdfBeforeReadingIt() {
        String bigPdf = Base64.getEncoder().encodeToString(("%PDF-1.4\n" + "x".repeat(2000) + "\n%%EOF").getBytes(StandardCharsets.US_ASCII));
        String bigMessage = result("\"licenceClass\": \"B\"", "\"licenceClass\": \"" + "B".repeat(70_000) + "\"");

        assertThatThrownBy(() -> reader.read(result(PDF_BASE64, bigPdf))).isInstanceOfSatisfying(RejectedResultException.class,
                e -> assertThat(e.code()).isEqualTo(Code.MESSAGE_TOO_LARGE));
        assertThatThrownBy(() -> reader.read(bigMessage)).isInstanceOfSatisfying(RejectedResultException.class,
                e -> assertThat(e.code()).isEqualTo(Code.MESSAGE_TOO_LARGE));
    }

    @Test
    void theReasonNeverQuotesTheMessage() {
        assertThatThrownBy(() -> reader.read(result("048 196 001 234", "048 796 001 234")))
                .hasMessageNotContaining("048").hasMessageNotContaining("796");
    }

    @Test
    void theContractsExamplesAreReadable() throws Exception {
        JsonNode schema = VaultJson.mapper().readTree(Files.readString(Path.of("../contracts/portal-result.schema.json")));
        PortalResultReader generous = new PortalResultReader(1 << 20, 1 << 20);

        assertThat(schema.get("examples")).hasSizeGreaterThanOrEqualTo(2);
        for (JsonNode example : schema.get("examples")) {
            assertThat(generous.read(example.toString()).personalId()).isEqualTo("048196001234");
        }
    }
}
