package org.citizenhub.connectors.school;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.citizenhub.connectors.MalformedPayloadException;
import org.citizenhub.mappings.school.SchoolRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TermFileReaderTest {

    private static final String HEADER = String.join(",", TermFileReader.COLUMNS);
    private final TermFileReader reader = new TermFileReader(TermFileLimits.defaults());

    @Test
    void keepsTheGoodRowsAndReportsTheBadOnesLineByLine() {
        TermFile file = reader.read(resource("term-good-and-bad.csv"));

        assertThat(file.rows()).extracting(TermFileRow::line, TermFileRow::rowKey).containsExactly(
                tuple(2, "2025-2026/4800000001"), tuple(3, "2025-2026/4800000002"), tuple(7, "2025-2026/4800000003"),
                // readable rows: whether their values make sense is the mapper's question
                tuple(10, "2025-2026/4800000007"), tuple(11, "2025-2026/4800000008"), tuple(12, "2025-2026/4800000009"));
        assertThat(file.rejected()).containsExactly(
                new RejectedRow(5, "row has an unterminated quoted field"),
                new RejectedRow(6, "row has 11 fields, the header has 12"),
                new RejectedRow(8, "row has text after a closing quote"),
                new RejectedRow(9, "same school year and student code as line 2"));
    }

    @Test
    void readsQuotedFieldsAndKeepsTheTextAsWritten() {
        SchoolRecord second = reader.read(resource("term-good-and-bad.csv")).rows().get(1).record();

        assertThat(second).isEqualTo(new SchoolRecord("4800000002", "048312004321", "LÊ THỊ BẢO NGỌC", "17/11/2012", "Nữ",
                "Trường THCS Nguyễn Du", "8/2", "2025-2026", "8,4", "Khá", "Lê Văn Tám, cha", "0935.111.222"));
    }

    @Test
    void findsColumnsByNameInAnyOrderAndIgnoresExtraColumns() {
        String csv = "GhiChu,schoolyear,STUDENTCODE,personalId,fullName,birthDate,gender,school,className,averageScore,conduct,guardianName,guardianPhone\n"
                + "x,2025-2026,4800000001,,Nguyễn Văn Hùng,05/03/2012,Nam,Trường THCS Nguyễn Du,8/2,7.8,Tốt,Nguyễn Văn Hải,0905123456\n";
        TermFile file = reader.read(csv.getBytes(StandardCharsets.UTF_8));

        assertThat(file.rejected()).isEmpty();
        assertThat(file.rows()).singleElement().satisfies(row -> {
            assertThat(row.record().studentCode()).isEqualTo("4800000001");
            assertThat(row.record().schoolYear()).isEqualTo("2025-2026");
            assertThat(row.record().guardianPhone()).isEqualTo("0905123456");
        });
    }

    static Stream<Arguments> filesRefusedWhole() {
        return Stream.of(
                Arguments.of("term-windows-1258.csv", "term file is not UTF-8 (invalid byte sequence at offset"),
                Arguments.of("term-utf16.csv", "term file is UTF-16, not UTF-8"),
                Arguments.of("term-workbook.csv", "term file is a ZIP archive (an .xlsx workbook?), not CSV"),
                Arguments.of("term-semicolons.csv", "term file is not comma-separated"),
                Arguments.of("term-no-header.csv", "term file has no term-file header"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filesRefusedWhole")
    void refusesAFileThatIsNotAUtf8TermFileAsAWhole(String resource, String reason) {
        assertThatThrownBy(() -> reader.read(resource(resource)))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageStartingWith(reason)
                .hasNoCause();
    }

    @Test
    void refusesAHeaderWithoutSomeColumnsNamingThem() {
        byte[] csv = "studentCode,fullName,birthDate,school,className,schoolYear,averageScore,conduct\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> reader.read(csv))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessage("term file header lacks columns personalId, gender, guardianName, guardianPhone");
    }

    @Test
    void refusesBinaryAndEmptyFiles() {
        byte[] withNul = (HEADER + "\n4800000001,\0,x\n").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> reader.read(withNul)).hasMessageStartingWith("term file is binary (NUL byte at offset");
        assertThatThrownBy(() -> reader.read("\n\n  \n".getBytes(StandardCharsets.UTF_8))).hasMessage("term file is empty");
        assertThatThrownBy(() -> reader.read(new byte[0])).hasMessage("term file is empty");
    }

    @Test
    void enforcesTheFileSizeAndRowLengthLimits() {
        TermFileReader small = new TermFileReader(new TermFileLimits(2_000, 200));
        String goodRow = "4800000001,,Nguyễn Văn Hùng,05/03/2012,Nam,Trường THCS Nguyễn Du,8/2,2025-2026,7.8,Tốt,Nguyễn Văn Hải,0905123456";
        String longRow = "4800000002,,Nguyễn Văn " + "A".repeat(300) + ",05/03/2012,Nam,Trường THCS Nguyễn Du,8/2,2025-2026,7.8,Tốt,Nguyễn Văn Hải,0905123456";
        TermFile file = small.read((HEADER + "\n" + longRow + "\n" + goodRow + "\n").getBytes(StandardCharsets.UTF_8));
        assertThat(file.rows()).extracting(TermFileRow::line).containsExactly(3);
        assertThat(file.rejected()).containsExactly(new RejectedRow(2, "row is longer than 200 characters"));

        byte[] big = (HEADER + "\n" + (goodRow + "\n").repeat(20)).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> small.read(new ByteArrayInputStream(big)))
                .isInstanceOf(MalformedPayloadException.class).hasMessage("term file exceeds 2000 bytes");
    }

    @Test
    void refusesAnOversizedFileOnDiskBeforeReadingIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("big.csv");
        Files.write(file, new byte[3_000]);
        assertThatThrownBy(() -> new TermFileReader(new TermFileLimits(2_000, 200)).read(file))
                .isInstanceOf(MalformedPayloadException.class).hasMessage("term file exceeds 2000 bytes");
    }

    @Test
    void theSameBytesHaveTheSameFingerprintAndAnyChangeAnother(@TempDir Path dir) throws IOException {
        byte[] bytes = resource("term-good-and-bad.csv");
        Path copy = dir.resolve("delivered-again.csv");
        Files.write(copy, bytes);

        TermFile first = reader.read(bytes);
        TermFile again = reader.read(copy);
        byte[] oneByteChanged = Arrays.copyOf(bytes, bytes.length);
        oneByteChanged[oneByteChanged.length - 3] = '6';

        assertThat(again.fingerprint()).isEqualTo(first.fingerprint());
        assertThat(again.idempotencyKey()).isEqualTo("SCHOOL-FILE:" + first.fingerprint());
        assertThat(first.fingerprint()).matches("[0-9a-f]{64}");
        assertThat(reader.read(oneByteChanged).fingerprint()).isNotEqualTo(first.fingerprint());
        // sha256sum of "abc", so the fingerprint is the standard digest of the bytes as delivered
        assertThat(TermFileReader.sha256("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void aCorrectedFileCarriesTheSameRowKeysSoItsRowsSupersedeTheEarlierOnes() {
        TermFile original = reader.read(resource("term-good-and-bad.csv"));
        TermFile corrected = reader.read(resource("term-corrected.csv"));

        assertThat(corrected.fingerprint()).isNotEqualTo(original.fingerprint());
        List<String> originalKeys = original.rows().stream().map(TermFileRow::rowKey).toList();
        assertThat(corrected.rows()).extracting(TermFileRow::rowKey).allMatch(originalKeys::contains);
        assertThat(corrected.rows().get(0).record().averageScore()).isEqualTo("8.0");
    }

    @Test
    void reasonsNeverQuoteTheRows() {
        TermFile file = reader.read(resource("term-good-and-bad.csv"));
        for (RejectedRow row : file.rejected()) {
            assertThat(row.reason()).doesNotContain("Phạm", "Hồ Thị", "Võ Văn", "0905", "4800000");
        }
    }

    static byte[] resource(String name) {
        try (InputStream in = TermFileReaderTest.class.getResourceAsStream("/school/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
