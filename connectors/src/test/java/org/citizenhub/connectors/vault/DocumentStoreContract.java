package org.citizenhub.connectors.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.citizenhub.connectors.vault.DocumentStore.NewDocument;
import org.citizenhub.connectors.vault.DocumentStore.Result;
import org.citizenhub.connectors.vault.DocumentStore.StoreOutcome;
import org.citizenhub.connectors.vault.DocumentStore.StoredDocument;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** What the document store guarantees, on every database the vault supports (H2 and PostgreSQL). */
abstract class DocumentStoreContract {

    private static final Instant T0 = Instant.parse("2026-02-01T03:00:00Z");
    private static final String ISSUER = "Sở Giao thông vận tải Đà Nẵng";

    private DocumentStore documents;

    /** A fresh, empty database for each test. */
    protected abstract DataSource freshDatabase();

    @BeforeEach
    void migrate() {
        DataSource db = freshDatabase();
        Flyway.configure().dataSource(db).cleanDisabled(false).load().clean();
        Flyway.configure().dataSource(db).load().migrate();
        documents = new DocumentStore(new NamedParameterJdbcTemplate(db),
                new TransactionTemplate(new DataSourceTransactionManager(db)), Clock.fixed(T0, ZoneOffset.UTC));
    }

    static NewDocument licence(String citizen, String number, String licenceClass, byte[] pdf) {
        return new NewDocument(citizen, "DRIVING_LICENCE", number, "driving-licence-renewal", ISSUER,
                LocalDate.of(2026, 1, 15), LocalDate.of(2036, 1, 15), false,
                Map.of("licenceClass", licenceClass, "holder", Map.of("family", "Nguyễn", "given", "Nhung")), pdf);
    }

    @Test
    void theSameResultPublishedTwiceIsStoredOnce() {
        StoreOutcome first = documents.store(licence("citizen-1", "480123456789", "B", pdf(1000)));
        StoreOutcome again = documents.store(licence("citizen-1", "480123456789", "B", pdf(1000)));

        assertThat(first.result()).isEqualTo(Result.STORED);
        assertThat(again.result()).isEqualTo(Result.UNCHANGED);
        assertThat(again.document().id()).isEqualTo(first.document().id());
        assertThat(documents.documentsOf("citizen-1")).singleElement().satisfies(d -> {
            assertThat(d.documentType()).isEqualTo("DRIVING_LICENCE");
            assertThat(d.documentNumber()).isEqualTo("480123456789");
            assertThat(d.procedure()).isEqualTo("driving-licence-renewal");
            assertThat(d.issuer()).isEqualTo(ISSUER);
            assertThat(d.issuedOn()).isEqualTo(LocalDate.of(2026, 1, 15));
            assertThat(d.validUntil()).isEqualTo(LocalDate.of(2036, 1, 15));
            assertThat(d.status()).isEqualTo(DocumentStore.ACTIVE);
            assertThat(d.data()).containsEntry("licenceClass", "B")
                    .containsEntry("holder", Map.of("family", "Nguyễn", "given", "Nhung"));
            assertThat(d.hasPdf()).isTrue();
            assertThat(d.storedAt()).isEqualTo(T0);
        });
    }

    @Test
    void theDataOrderDoesNotMakeADifferentResult() {
        NewDocument one = new NewDocument("c", "SCHOOL_ENROLMENT", "HS-1", "SCHOOL_ENROLMENT", "Trường THCS Nguyễn Huệ",
                LocalDate.of(2026, 8, 1), null, false, orderedMap("grade", 6, "school", "THCS Nguyễn Huệ"), null);
        NewDocument other = new NewDocument("c", "SCHOOL_ENROLMENT", "HS-1", "SCHOOL_ENROLMENT", "Trường THCS Nguyễn Huệ",
                LocalDate.of(2026, 8, 1), null, false, orderedMap("school", "THCS Nguyễn Huệ", "grade", 6), null);

        documents.store(one);

        assertThat(documents.store(other).result()).isEqualTo(Result.UNCHANGED);
    }

    @Test
    void aCorrectedResultSupersedesThePreviousRevision() {
        StoredDocument wrong = documents.store(licence("citizen-1", "480123456789", "A1", null)).document();

        StoreOutcome corrected = documents.store(licence("citizen-1", "480123456789", "B", null));

        assertThat(corrected.result()).isEqualTo(Result.SUPERSEDED);
        assertThat(corrected.document().id()).isNotEqualTo(wrong.id());
        assertThat(documents.documentsOf("citizen-1")).extracting(StoredDocument::id).containsExactly(corrected.document().id());
        assertThat(documents.find(wrong.id())).hasValueSatisfying(d -> assertThat(d.status()).isEqualTo(DocumentStore.SUPERSEDED));
        assertThat(documents.contentDigest(wrong.id())).isNotEqualTo(documents.contentDigest(corrected.document().id()));
        // the wrong one published again (a late duplicate) is a correction again, not lost
        assertThat(documents.store(licence("citizen-1", "480123456789", "A1", null)).result()).isEqualTo(Result.SUPERSEDED);
    }

    @Test
    void aRevocationMarksTheCurrentRevisionOnce() {
        StoredDocument licence = documents.store(licence("citizen-1", "480123456789", "B", null)).document();
        NewDocument revocation = new NewDocument("citizen-1", "DRIVING_LICENCE", "480123456789", "DRIVING_LICENCE_REVOCATION",
                ISSUER, LocalDate.of(2026, 5, 1), null, true, Map.of(), null);

        assertThat(documents.store(revocation).result()).isEqualTo(Result.REVOKED);
        assertThat(documents.store(revocation).result()).isEqualTo(Result.UNCHANGED);

        StoredDocument revoked = documents.find(licence.id()).orElseThrow();
        assertThat(revoked.status()).isEqualTo(DocumentStore.REVOKED);
        assertThat(revoked.isValidOn(LocalDate.of(2026, 6, 1))).isFalse();
        assertThat(documents.documentsOf("citizen-1")).extracting(StoredDocument::status).containsExactly(DocumentStore.REVOKED);
    }

    @Test
    void keepsThePdfByteForByteApartFromTheListing() {
        byte[] pdf = pdf(3 * 1024 * 1024);
        StoredDocument stored = documents.store(licence("citizen-1", "480123456789", "B", pdf)).document();
        StoredDocument withoutPdf = documents.store(licence("citizen-1", "480000000001", "B", null)).document();

        assertThat(documents.pdf(stored.id())).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(pdf));
        assertThat(documents.pdf(withoutPdf.id())).isEmpty();
        assertThat(withoutPdf.hasPdf()).isFalse();
        assertThat(documents.find("no-such-document")).isEmpty();
    }

    @Test
    void listsOnlyTheCitizensOwnDocumentsNewestFirst() {
        documents.store(licence("citizen-1", "480123456789", "B", null));
        documents.store(new NewDocument("citizen-1", "business-household-registration", "32A8-001234", "business-household-registration",
                "UBND phường Hải Châu", LocalDate.of(2026, 3, 2), null, false, Map.of("tradeName", "Quán Hồng Nhung"), null));
        documents.store(licence("citizen-2", "480999999999", "B", null));

        assertThat(documents.documentsOf("citizen-1")).extracting(StoredDocument::documentType)
                .containsExactly("business-household-registration", "DRIVING_LICENCE");
        assertThat(documents.documentsOf("citizen-3")).isEmpty();
    }

    @Test
    void aDocumentIsValidFromItsIssueToItsLastDayUnlessReplaced() {
        StoredDocument licence = documents.store(licence("citizen-1", "480123456789", "B", null)).document();

        assertThat(licence.isValidOn(LocalDate.of(2026, 1, 14))).isFalse();
        assertThat(licence.isValidOn(LocalDate.of(2026, 1, 15))).isTrue();
        assertThat(licence.isValidOn(LocalDate.of(2036, 1, 15))).isTrue();
        assertThat(licence.isValidOn(LocalDate.of(2036, 1, 16))).isFalse();

        documents.store(licence("citizen-1", "480123456789", "C", null));
        assertThat(documents.find(licence.id()).orElseThrow().isValidOn(LocalDate.of(2026, 6, 1))).isFalse();
    }

    private static byte[] pdf(int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 'x');
        System.arraycopy("%PDF-1.7".getBytes(), 0, bytes, 0, 8);
        for (int i = 8; i < size; i += 97) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    private static Map<String, Object> orderedMap(Object... keysAndValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

}
