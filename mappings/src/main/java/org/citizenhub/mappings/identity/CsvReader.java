package org.citizenhub.mappings.identity;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads delimited text robustly: quoted fields with doubled quotes (RFC 4180), a configurable
 * separator, optional trimming (FEBRL separates with ", "), a byte-order mark, bytes that are not valid
 * in the encoding (replaced, later reported by {@link InputQuality}), and a missing final newline.
 * Lines are capped in length so one absurd line cannot exhaust memory.
 */
public final class CsvReader implements Closeable {

    private static final int MAX_LINE = 1 << 20;

    private final BufferedReader reader;
    private final char separator;
    private final boolean trim;
    private final List<String> header;
    private long lineNumber;

    public CsvReader(Path path, char separator, boolean trim, String encoding) throws IOException {
        this(Files.newInputStream(path), separator, trim, encoding);
    }

    public CsvReader(InputStream in, char separator, boolean trim, String encoding) throws IOException {
        CharsetDecoder decoder = Charset.forName(encoding).newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        this.reader = new BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
        this.separator = separator;
        this.trim = trim;
        String[] head = next();
        if (head == null) {
            throw new IOException("empty input: no header line");
        }
        List<String> h = new ArrayList<>();
        for (String s : head) {
            h.add(s.strip().replace("\uFEFF", ""));
        }
        this.header = List.copyOf(h);
    }

    public List<String> header() {
        return header;
    }

    public long lineNumber() {
        return lineNumber;
    }

    /** The next record's fields, or null at the end. Blank lines are skipped. */
    public String[] next() throws IOException {
        while (true) {
            String line = reader.readLine();
            if (line == null) {
                return null;
            }
            lineNumber++;
            if (line.length() > MAX_LINE) {
                line = line.substring(0, MAX_LINE);
            }
            if (line.isBlank()) {
                continue;
            }
            if (line.indexOf('"') < 0) {
                return splitPlain(line);
            }
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            int i = 0;
            while (true) {
                if (i >= line.length()) {
                    if (quoted) {
                        // a quoted field running over the line end: continue with the next line
                        String more = reader.readLine();
                        if (more == null || field.length() > MAX_LINE) {
                            break;
                        }
                        lineNumber++;
                        field.append('\n');
                        line = more;
                        i = 0;
                        continue;
                    }
                    break;
                }
                char c = line.charAt(i++);
                if (quoted) {
                    if (c == '"') {
                        if (i < line.length() && line.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        field.append(c);
                    }
                } else if (c == separator) {
                    fields.add(finish(field));
                    field.setLength(0);
                } else if (c == '"' && isBlank(field)) {
                    field.setLength(0);
                    quoted = true;
                } else {
                    field.append(c);
                }
            }
            fields.add(finish(field));
            return fields.toArray(new String[0]);
        }
    }

    /** A line without quotes: split at every separator. */
    private String[] splitPlain(String line) {
        int count = 1;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == separator) {
                count++;
            }
        }
        String[] fields = new String[count];
        int start = 0;
        for (int f = 0; f < count; f++) {
            int end = line.indexOf(separator, start);
            if (end < 0) {
                end = line.length();
            }
            String v = line.substring(start, end);
            fields[f] = trim ? v.strip() : v;
            start = end + 1;
        }
        return fields;
    }

    private static boolean isBlank(StringBuilder b) {
        for (int i = 0; i < b.length(); i++) {
            if (!Character.isWhitespace(b.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private String finish(StringBuilder field) {
        return trim ? field.toString().strip() : field.toString();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
