package org.citizenhub.connectors.school;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.citizenhub.connectors.MalformedPayloadException;
import org.citizenhub.mappings.school.SchoolRecord;

/**
 * Reads a school term file: CSV, UTF-8 (a byte-order mark is allowed), a header naming the columns.
 *
 * <p>The file is checked as a whole before any row is handed out, so a file is either taken — its
 * good rows in {@link TermFile#rows()}, its bad rows one by one in {@link TermFile#rejected()} — or
 * refused entirely with a {@link MalformedPayloadException}: too large, binary (a spreadsheet, a
 * PDF), not UTF-8 (decoded with {@link CodingErrorAction#REPORT}, never with replacement characters
 * that would silently corrupt names), or without the term-file header. Reasons name lines, columns
 * and rules, never the content.
 *
 * <p>Columns are found by header name (any order, any case); extra columns are ignored so the
 * education system can add some without breaking the hub. Records may not span lines (see {@link CsvLine}).
 */
public final class TermFileReader {

    /** The columns every term file must have (the school system's export, {@code ViewFields.School}). */
    public static final List<String> COLUMNS = List.of("studentCode", "personalId", "fullName", "birthDate", "gender",
            "school", "className", "schoolYear", "averageScore", "conduct", "guardianName", "guardianPhone");

    private final TermFileLimits limits;

    public TermFileReader(TermFileLimits limits) {
        this.limits = limits;
    }

    public TermFile read(Path file) {
        try {
            long size = Files.size(file);
            if (size > limits.maxFileBytes()) {
                throw tooLarge();
            }
            try (InputStream in = Files.newInputStream(file)) {
                return read(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read term file", e);
        }
    }

    public TermFile read(InputStream in) {
        byte[] bytes;
        try {
            bytes = in.readNBytes((int) limits.maxFileBytes() + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read term file", e);
        }
        if (bytes.length > limits.maxFileBytes()) {
            throw tooLarge();
        }
        return read(bytes);
    }

    public TermFile read(byte[] bytes) {
        String fingerprint = sha256(bytes);
        refuseBinary(bytes);
        String text = decodeUtf8(bytes);
        List<String> lines = text.lines().toList();

        int headerIndex = 0;
        while (headerIndex < lines.size() && lines.get(headerIndex).isBlank()) {
            headerIndex++;
        }
        if (headerIndex == lines.size()) {
            throw new MalformedPayloadException("term file is empty");
        }
        int[] columnAt = header(lines.get(headerIndex));
        int width = columnAt[columnAt.length - 1];

        List<TermFileRow> rows = new ArrayList<>(lines.size());
        List<RejectedRow> rejected = new ArrayList<>();
        Map<String, Integer> lineOfKey = new HashMap<>();
        for (int i = headerIndex + 1; i < lines.size(); i++) {
            int lineNumber = i + 1;
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            if (line.length() > limits.maxRowChars()) {
                rejected.add(new RejectedRow(lineNumber, "row is longer than " + limits.maxRowChars() + " characters"));
                continue;
            }
            List<String> fields;
            try {
                fields = CsvLine.split(line);
            } catch (CsvLine.MalformedLine e) {
                rejected.add(new RejectedRow(lineNumber, e.getMessage()));
                continue;
            }
            if (fields.size() != width) {
                rejected.add(new RejectedRow(lineNumber, "row has " + fields.size() + " fields, the header has " + width));
                continue;
            }
            SchoolRecord record = record(fields, columnAt);
            Integer first = lineOfKey.putIfAbsent(record.rowKey(), lineNumber);
            if (first != null) {
                rejected.add(new RejectedRow(lineNumber, "same school year and student code as line " + first));
                continue;
            }
            rows.add(new TermFileRow(lineNumber, record));
        }
        return new TermFile(fingerprint, rows, rejected);
    }

    /**
     * The position of each of {@link #COLUMNS} in the header, followed by the header's width.
     */
    private static int[] header(String line) {
        List<String> names;
        try {
            names = CsvLine.split(line);
        } catch (CsvLine.MalformedLine e) {
            throw new MalformedPayloadException("term file header is not CSV: " + e.getMessage());
        }
        if (names.size() == 1 && (line.indexOf(';') >= 0 || line.indexOf('\t') >= 0)) {
            throw new MalformedPayloadException("term file is not comma-separated (semicolons or tabs in the header)");
        }
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).strip().toLowerCase(Locale.ROOT);
            if (!name.isEmpty() && position.putIfAbsent(name, i) != null) {
                throw new MalformedPayloadException("term file header names a column twice");
            }
        }
        int[] columnAt = new int[COLUMNS.size() + 1];
        Set<String> missing = new LinkedHashSet<>();
        for (int c = 0; c < COLUMNS.size(); c++) {
            Integer at = position.get(COLUMNS.get(c).toLowerCase(Locale.ROOT));
            if (at == null) {
                missing.add(COLUMNS.get(c));
            } else {
                columnAt[c] = at;
            }
        }
        if (missing.size() == COLUMNS.size()) {
            throw new MalformedPayloadException("term file has no term-file header (first line names none of the columns)");
        }
        if (!missing.isEmpty()) {
            throw new MalformedPayloadException("term file header lacks columns " + String.join(", ", missing));
        }
        columnAt[COLUMNS.size()] = names.size();
        return columnAt;
    }

    private static SchoolRecord record(List<String> f, int[] at) {
        return new SchoolRecord(f.get(at[0]), f.get(at[1]), f.get(at[2]), f.get(at[3]), f.get(at[4]), f.get(at[5]),
                f.get(at[6]), f.get(at[7]), f.get(at[8]), f.get(at[9]), f.get(at[10]), f.get(at[11]));
    }

    /** Text files have no NUL bytes; spreadsheets, PDFs and UTF-16 exports do or start with a signature. */
    private static void refuseBinary(byte[] bytes) {
        if (startsWith(bytes, 'P', 'K', 3, 4)) {
            throw new MalformedPayloadException("term file is a ZIP archive (an .xlsx workbook?), not CSV");
        }
        if (startsWith(bytes, '%', 'P', 'D', 'F')) {
            throw new MalformedPayloadException("term file is a PDF document, not CSV");
        }
        if (startsWith(bytes, 0xFF, 0xFE) || startsWith(bytes, 0xFE, 0xFF)) {
            throw new MalformedPayloadException("term file is UTF-16, not UTF-8");
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new MalformedPayloadException("term file is binary (NUL byte at offset " + i + "), not CSV");
            }
        }
    }

    private static boolean startsWith(byte[] bytes, int... signature) {
        if (bytes.length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((bytes[i] & 0xFF) != signature[i]) {
                return false;
            }
        }
        return true;
    }

    /** Strict UTF-8: the first invalid byte refuses the file (Windows-1258 and TCVN3 exports are common). */
    private static String decodeUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new MalformedPayloadException("term file is not UTF-8 (invalid byte sequence at offset " + in.position() + ")");
        }
        result = decoder.flush(out);
        if (result.isError()) {
            throw new MalformedPayloadException("term file is not UTF-8 (truncated byte sequence at the end)");
        }
        out.flip();
        if (out.length() > 0 && out.charAt(0) == '\uFEFF') {
            out.position(1);
        }
        return out.toString();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private MalformedPayloadException tooLarge() {
        return new MalformedPayloadException("term file exceeds " + limits.maxFileBytes() + " bytes");
    }
}
