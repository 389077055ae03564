package org.citizenhub.sandbox.school;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.citizenhub.sandbox.synthetic.ViewFields;

/**
 * Writes term files the way the education system exports them: a header of the view's columns,
 * one line per row, CRLF line ends, values quoted only when they need it. Files appear in the inbox
 * atomically — written under a hidden temporary name, then moved — so a file poller never reads half
 * a file (Camel's file consumer skips dot-files).
 */
final class TermFileWriter {

    static final String HEADER = String.join(",", ViewFields.School.ALL);

    private TermFileWriter() {
    }

    /** The CSV text of rows, each a list of values in {@link ViewFields.School#ALL} order. */
    static String csv(List<List<String>> rows) {
        StringBuilder sb = new StringBuilder(HEADER.length() + rows.size() * 160);
        sb.append(HEADER).append("\r\n");
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(quoted(row.get(i)));
            }
            sb.append("\r\n");
        }
        return sb.toString();
    }

    static String quoted(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    static Path write(Path inbox, String fileName, String text, Charset charset) {
        return write(inbox, fileName, text.getBytes(charset));
    }

    static Path write(Path inbox, String fileName, byte[] bytes) {
        try {
            Files.createDirectories(inbox);
            Path tmp = inbox.resolve("." + fileName + ".tmp");
            Files.write(tmp, bytes);
            Path target = inbox.resolve(fileName);
            return Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write term file " + fileName, e);
        }
    }

    /** An .xlsx-like workbook: a ZIP with a worksheet part. */
    static byte[] workbook(String text) {
        try (var bytes = new java.io.ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            zip.write(("<worksheet><sheetData><!-- " + text.length() + " characters --></sheetData></worksheet>").getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "Trường THCS Nguyễn Du" → "truong-thcs-nguyen-du", for file names. */
    static String slug(String text) {
        String decomposed = Normalizer.normalize(text.replace('Đ', 'D').replace('đ', 'd'), Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-|-$)", "");
    }

    /** Windows-1258 when the runtime has it (full JDKs do), else Latin-1: either way not UTF-8. */
    static Charset legacyVietnamese() {
        try {
            return Charset.forName("windows-1258");
        } catch (IllegalArgumentException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }
}
