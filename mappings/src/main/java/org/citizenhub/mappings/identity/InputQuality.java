package org.citizenhub.mappings.identity;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of bad input met while reading and normalizing, by field and reason. Values themselves are
 * never kept (they may be personal data): only how many there were, so a run reports and goes on.
 */
public final class InputQuality {

    /** Why a raw value was not used. */
    public enum Problem {
        /** Longer than the configured maximum: treated as missing. */
        TOO_LONG,
        /** Bytes that are not valid in the input encoding (replaced, then dropped). */
        BAD_ENCODING,
        /** Control characters removed. */
        CONTROL_CHARACTERS,
        /** Present but not usable by the field's normalizer (e.g. an absurd date, letters in a phone): missing. */
        UNUSABLE,
        /** The input has no column the configuration reads for a field (every record lacks it). */
        COLUMN_MISSING,
        /** A line with fewer or more fields than the header. */
        MALFORMED_LINE
    }

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    public void report(String field, Problem problem) {
        counts.computeIfAbsent(field + ": " + problem.name().toLowerCase().replace('_', ' '), k -> new LongAdder()).increment();
    }

    public Map<String, Long> counts() {
        Map<String, Long> sorted = new TreeMap<>();
        counts.forEach((k, v) -> sorted.put(k, v.sum()));
        return sorted;
    }

    public boolean isEmpty() {
        return counts.isEmpty();
    }

    /**
     * Cleans one raw value: null when it is blank or longer than {@code maxLength}; control characters
     * and the replacement character of undecodable bytes are removed.
     */
    String clean(String field, String raw, int maxLength) {
        if (raw == null) {
            return null;
        }
        if (raw.length() > maxLength) {
            report(field, Problem.TOO_LONG);
            return null;
        }
        boolean dirty = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\uFFFD') {
                dirty = true;
                break;
            }
        }
        String s = raw;
        if (dirty) {
            StringBuilder b = new StringBuilder(raw.length());
            boolean replacement = false;
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c == '\uFFFD') {
                    replacement = true;
                } else if (c < 0x20 || c == 0x7f) {
                    b.append(' ');
                } else {
                    b.append(c);
                }
            }
            report(field, replacement ? Problem.BAD_ENCODING : Problem.CONTROL_CHARACTERS);
            s = b.toString();
        }
        s = s.strip();
        return s.isEmpty() ? null : s;
    }
}
