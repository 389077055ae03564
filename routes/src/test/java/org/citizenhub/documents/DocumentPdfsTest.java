package org.citizenhub.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.citizenhub.connectors.vault.CitizenLinker;
import org.citizenhub.connectors.vault.DocumentStore;
import org.citizenhub.connectors.vault.DocumentStore.NewDocument;
import org.citizenhub.connectors.vault.DocumentStore.StoredDocument;
import org.citizenhub.connectors.vault.VaultStore;
import org.citizenhub.mappings.citizen.Address;
import org.citizenhub.mappings.citizen.CitizenRecord;
import org.citizenhub.mappings.citizen.GoldenCitizen;
import org.citizenhub.mappings.citizen.GoldenRecordBuilder;
import org.citizenhub.mappings.citizen.HouseholdMembership;
import org.citizenhub.mappings.citizen.Mapped;
import org.citizenhub.mappings.citizen.PartialDate;
import org.citizenhub.mappings.citizen.PersonName;
import org.citizenhub.mappings.citizen.Provenance;
import org.citizenhub.mappings.citizen.Relation;
import org.citizenhub.mappings.citizen.Sex;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.citizen.SurvivorshipRules;
import org.citizenhub.mappings.documents.DocumentToken;
import org.citizenhub.mappings.documents.PemKeys;
import org.citizenhub.mappings.documents.TokenSigner;
import org.citizenhub.mappings.documents.TokenVerifier;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Real PDFs, read back: the data sheet and the certificate render Vietnamese in an embedded font, and their QR
 * code, decoded off the page image, holds a token that verifies with the hub's public key — and stops verifying
 * when it expires or its document is replaced.
 */
class DocumentPdfsTest {

    private static final Instant NOW = Instant.parse("2026-03-01T02:00:00Z");
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final String PERSONAL_ID = "048196001234";

    @TempDir Path dataDir;

    private VaultStore vault;
    private DocumentStore documents;
    private SigningKeys keys;
    private DocumentsProperties properties;

    @BeforeEach
    void freshVault() {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:pdfs" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(db).load().migrate();
        NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(db);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(db));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        vault = new VaultStore(jdbc, tx, new GoldenRecordBuilder(SurvivorshipRules.defaults()), clock, CitizenLinker.NONE);
        documents = new DocumentStore(jdbc, tx, clock);
        properties = new DocumentsProperties("Citizen Hub — Thành phố Đà Nẵng", VIETNAM, 1 << 20, 1 << 20, Duration.ofDays(90),
                Duration.ofDays(1825), "", new DocumentsProperties.Signing("", "", dataDir.resolve("keys").toString()));
        keys = SigningKeys.from(properties.signing());
        vault.upsert(List.of(new Mapped(new CitizenRecord(
                new Provenance(SourceSystem.POPULATION, PERSONAL_ID, Instant.parse("2026-02-20T03:00:00Z")), PERSONAL_ID, null,
                new PersonName("Nguyễn", "Thị Hồng", "Nhung"), PartialDate.parse("1996-07-04"), Sex.FEMALE, "Quảng Nam",
                new Address("12", "Bạch Đằng", "Phường Hải Châu", "20194", "", "Thành phố Đà Nẵng", null), null,
                new HouseholdMembership("HK-0001", Relation.HEAD), "0905123456", null, null), List.of())));
    }

    private DocumentPdfs pdfs(Instant at) {
        return new DocumentPdfs(vault, documents, keys, properties, Clock.fixed(at, ZoneOffset.UTC));
    }

    private DocumentVerification verification(Instant at) {
        return new DocumentVerification(keys, documents, properties, Clock.fixed(at, ZoneOffset.UTC));
    }

    private GoldenCitizen nhung() {
        return vault.findByPersonalId(PERSONAL_ID).orElseThrow();
    }

    private StoredDocument licence(String licenceClass) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("licenceClass", licenceClass);
        data.put("placeOfTest", "Trung tâm sát hạch Hòa Cầm, Đà Nẵng");
        return documents.store(new NewDocument(nhung().citizenId(), "DRIVING_LICENCE", "480196001234", "driving-licence-renewal",
                "Sở Xây dựng thành phố Đà Nẵng", LocalDate.of(2026, 1, 15), LocalDate.of(2036, 1, 15), false, data, null)).document();
    }

    @Test
    void theDataSheetShowsEveryFieldWithItsSourceInVietnamese() throws Exception {
        byte[] pdf = pdfs(NOW).dataSheet(nhung());

        String text = PdfPages.text(pdf);
        assertThat(text).contains("Phiếu thông tin công dân", "Nguyễn Thị Hồng Nhung", "048196001234", "04/07/1996", "Nữ / Female",
                "12 Bạch Đằng, Phường Hải Châu, Thành phố Đà Nẵng", "Quảng Nam", "HK-0001 — Chủ hộ / Head", "0905123456",
                "Cơ sở dữ liệu quốc gia về dân cư", "20/02/2026");
        assertThat(PdfPages.fontsEmbedded(pdf)).isTrue();
    }

    @Test
    void theDataSheetsQrCodeHoldsAValidTokenWithoutPersonalData() throws Exception {
        byte[] pdf = pdfs(NOW).dataSheet(nhung());

        String scanned = PdfPages.qrCode(pdf);

        TokenVerifier.Check check = new TokenVerifier(PemKeys.readPublicKey(keys.publicKeyPem())).check(scanned, NOW.plusSeconds(60));
        assertThat(check.outcome()).isEqualTo(TokenVerifier.Outcome.VALID);
        DocumentToken token = check.token().orElseThrow();
        assertThat(token.kind()).isEqualTo(DocumentToken.Kind.DATA_SHEET);
        assertThat(token.validUntil()).isEqualTo(NOW.plus(Duration.ofDays(90)));
        String payload = new String(Base64.getUrlDecoder().decode(scanned.substring(0, scanned.indexOf('.'))), StandardCharsets.UTF_8);
        assertThat(payload).doesNotContain(PERSONAL_ID, "Nhung", "Nguy", "Bạch", nhung().citizenId());
        assertThat(PdfPages.text(pdf)).contains(token.tokenId());

        DocumentVerification.Verdict verdict = verification(NOW.plusSeconds(60)).verify(scanned);
        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.issuer()).isEqualTo("Citizen Hub — Thành phố Đà Nẵng");
        assertThat(verdict.documentType()).isEqualTo("CITIZEN_DATA_SHEET");
    }

    @Test
    void theCertificateShowsTheDocumentAndItsHolder() throws Exception {
        StoredDocument licence = licence("B");

        byte[] pdf = pdfs(NOW).certificate(licence);

        assertThat(PdfPages.text(pdf)).contains("Chứng nhận giấy tờ", "Nguyễn Thị Hồng Nhung", "Giấy phép lái xe", "480196001234",
                "Sở Xây dựng thành phố Đà Nẵng", "15/01/2026", "15/01/2036", "licenceClass", "Trung tâm sát hạch Hòa Cầm, Đà Nẵng");
        assertThat(PdfPages.fontsEmbedded(pdf)).isTrue();
    }

    @Test
    void theCertificatesTokenVerifiesUntilItsDocumentIsCorrectedOrItExpires() throws Exception {
        StoredDocument licence = licence("B");
        String scanned = PdfPages.qrCode(pdfs(NOW).certificate(licence));

        DocumentVerification.Verdict valid = verification(NOW.plusSeconds(60)).verify(scanned);
        assertThat(valid).isEqualTo(new DocumentVerification.Verdict(true, "VALID", valid.tokenId(), DocumentToken.Kind.DOCUMENT,
                "DRIVING_LICENCE", "Sở Xây dựng thành phố Đà Nẵng", NOW, LocalDate.of(2036, 1, 16).atStartOfDay(VIETNAM).toInstant(),
                "ACTIVE"));
        // the last valid day counts in Vietnam: the token expires at its end
        assertThat(verification(Instant.parse("2036-01-15T16:59:59Z")).verify(scanned).valid()).isTrue();
        assertThat(verification(Instant.parse("2036-01-15T17:00:00Z")).verify(scanned).reason()).isEqualTo("EXPIRED");

        licence("C");
        DocumentVerification.Verdict superseded = verification(NOW.plusSeconds(120)).verify(scanned);
        assertThat(superseded.valid()).isFalse();
        assertThat(superseded.reason()).isEqualTo("SUPERSEDED");
        assertThat(superseded.documentStatus()).isEqualTo("SUPERSEDED");
    }

    @Test
    void aTokenOfAnotherKeyOrForAnUnknownDocumentFails() throws Exception {
        StoredDocument licence = licence("B");
        String genuine = PdfPages.qrCode(pdfs(NOW).certificate(licence));
        DocumentToken content = keys.verifier().check(genuine, NOW).token().orElseThrow();
        String forged = new TokenSigner(PemKeys.generate().getPrivate()).sign(content);
        String unknown = keys.signer().sign(new DocumentToken("t", DocumentToken.Kind.DOCUMENT, "no-such-document", "DRIVING_LICENCE",
                NOW, content.validUntil(), content.digest()));
        String otherContent = keys.signer().sign(new DocumentToken("t", DocumentToken.Kind.DOCUMENT, licence.id(), "DRIVING_LICENCE",
                NOW, content.validUntil(), DocumentToken.digestOf(new byte[] {1})));

        DocumentVerification verification = verification(NOW);
        assertThat(verification.verify(forged)).isEqualTo(new DocumentVerification.Verdict(false, "BAD_SIGNATURE", null, null, null,
                null, null, null, null));
        assertThat(verification.verify(unknown).reason()).isEqualTo("UNKNOWN_DOCUMENT");
        assertThat(verification.verify(otherContent).reason()).isEqualTo("CONTENT_MISMATCH");
        assertThat(verification.verify("not a token").reason()).isEqualTo("MALFORMED");
    }

    @Test
    void noCertificateForARevokedDocument() {
        StoredDocument licence = licence("B");
        documents.store(new NewDocument(licence.citizenId(), "DRIVING_LICENCE", "480196001234", "DRIVING_LICENCE_REVOCATION",
                "Sở Xây dựng thành phố Đà Nẵng", LocalDate.of(2026, 2, 1), null, true, Map.of(), null));
        StoredDocument revoked = documents.find(licence.id()).orElseThrow();

        assertThat(pdfs(NOW).certifiable(revoked)).isFalse();
        assertThatThrownBy(() -> pdfs(NOW).certificate(revoked)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLongSheetFlowsOntoMorePagesAndUnknownCharactersDoNotBreakIt() throws Exception {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < 80; i++) {
            data.put("field" + i, "Giá trị số " + i + " — Đà Nẵng");
        }
        data.put("emoji", "☃ \uD83D\uDE97 tab\there");
        StoredDocument long_ = documents.store(new NewDocument(nhung().citizenId(), "SCHOOL_ENROLMENT", "HS-2026-1", "SCHOOL_ENROLMENT",
                "Trường THCS Nguyễn Huệ", LocalDate.of(2026, 2, 1), null, false, data, null)).document();

        byte[] pdf = pdfs(NOW).certificate(long_);

        assertThat(PdfPages.pages(pdf)).isGreaterThan(1);
        assertThat(PdfPages.text(pdf)).contains("field79", "Giá trị số 79 — Đà Nẵng", "tab here");
        assertThat(keys.verifier().check(PdfPages.qrCode(pdf), NOW).valid()).isTrue();
    }

    @Test
    void theDevelopmentKeyIsGeneratedOnceAndReused() throws Exception {
        Path keyDir = dataDir.resolve("keys");
        String first = keys.publicKeyPem();

        SigningKeys again = SigningKeys.from(properties.signing());

        assertThat(again.publicKeyPem()).isEqualTo(first);
        assertThat(Files.readString(keyDir.resolve(SigningKeys.PUBLIC_FILE))).isEqualTo(first);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(keyDir.resolve(SigningKeys.PRIVATE_FILE)))).isEqualTo("rw-------");
        String token = keys.signer().sign(new DocumentToken("t", DocumentToken.Kind.DATA_SHEET, "r", "X", NOW, NOW.plusSeconds(9), "d"));
        assertThat(again.verifier().check(token, NOW).valid()).isTrue();
    }

    @Test
    void configuredKeysAreLoadedAndMustBelongTogether() throws Exception {
        var pair = PemKeys.generate();
        Path privateFile = Files.writeString(dataDir.resolve("hub.pem"), PemKeys.toPem(pair.getPrivate()));
        Path publicFile = Files.writeString(dataDir.resolve("hub.pub.pem"), PemKeys.toPem(pair.getPublic()));
        Path otherPublic = Files.writeString(dataDir.resolve("other.pub.pem"), PemKeys.toPem(PemKeys.generate().getPublic()));

        SigningKeys loaded = SigningKeys.from(new DocumentsProperties.Signing(privateFile.toString(), publicFile.toString(), ""));

        assertThat(loaded.publicKeyPem()).isEqualTo(PemKeys.toPem(pair.getPublic()));
        assertThatThrownBy(() -> SigningKeys.from(new DocumentsProperties.Signing(privateFile.toString(), otherPublic.toString(), "")))
                .hasMessageContaining("does not belong");
        assertThatThrownBy(() -> SigningKeys.from(new DocumentsProperties.Signing("", "", ""))).hasMessageContaining("no document-signing key");
        assertThatThrownBy(() -> SigningKeys.from(new DocumentsProperties.Signing(privateFile.toString(), "", "x")))
                .hasMessageContaining("both");
    }
}
