package org.citizenhub.connectors.school;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one line of comma-separated values (RFC 4180 quoting: {@code "a, b"}, {@code "say ""hi"""}).
 * Term files are read line by line, not with a streaming CSV parser, on purpose: a record may not
 * span lines, so one unbalanced quote costs its own row only instead of swallowing the rest of the
 * file into one field.
 */
final class CsvLine {

    private CsvLine() {
    }

    /** Thrown for a line that is not well-formed CSV; the message never quotes the line. */
    static final class MalformedLine extends Exception {
        MalformedLine(String reason) {
            super(reason, null, false, false);
        }
    }

    static List<String> split(String line) throws MalformedLine {
        List<String> fields = new ArrayList<>(16);
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = line.length();
        while (true) {
            field.setLength(0);
            if (i < n && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new MalformedLine("row has an unterminated quoted field");
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < n && line.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                if (i < n && line.charAt(i) != ',') {
                    throw new MalformedLine("row has text after a closing quote");
                }
            } else {
                int comma = line.indexOf(',', i);
                int end = comma < 0 ? n : comma;
                field.append(line, i, end);
                i = end;
            }
            fields.add(field.toString());
            if (i >= n) {
                return fields;
            }
            i++; // the comma
        }
    }
}
