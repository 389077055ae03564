package org.citizenhub.mappings.identity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One comparison key of every record, dictionary-encoded: each distinct value is interned once and
 * records hold an int code (0 = missing). Counts per value give the term frequencies.
 */
public final class KeyColumn {

    private final String name;
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> values = new ArrayList<>();
    private final List<char[]> chars = new ArrayList<>();
    private int[] counts = new int[16];
    private int[] codes = new int[1024];
    private long nonMissing;
    private double sumSquaredCounts;

    KeyColumn(String name) {
        this.name = name;
        values.add(null);
        chars.add(new char[0]);
    }

    public String name() {
        return name;
    }

    /** The code of a value, adding it to the dictionary if new; 0 for null or empty. */
    int intern(String value) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        Integer id = ids.get(value);
        if (id != null) {
            return id;
        }
        int next = values.size();
        ids.put(value, next);
        values.add(value);
        chars.add(value.toCharArray());
        if (next >= counts.length) {
            counts = Arrays.copyOf(counts, counts.length * 2);
        }
        return next;
    }

    void set(int row, int code) {
        if (row >= codes.length) {
            codes = Arrays.copyOf(codes, Math.max(row + 1, codes.length * 2));
        }
        codes[row] = code;
    }

    /** Counts the row's value in the term frequencies (done when a record joins the table for good). */
    void count(int row) {
        int code = codes[row];
        if (code != 0) {
            long c = counts[code]++;
            nonMissing++;
            sumSquaredCounts += 2 * c + 1;
        }
    }

    public int code(int row) {
        return codes[row];
    }

    int[] codes() {
        return codes;
    }

    public String value(int code) {
        return values.get(code);
    }

    /** The characters of a value, kept once per distinct value for fast similarity measures. */
    char[] chars(int code) {
        return chars.get(code);
    }

    public int distinctValues() {
        return values.size() - 1;
    }

    /**
     * Term-frequency adjustment in bits for two records agreeing on this code: positive for a value
     * rarer than the average agreeing value, negative for a common one ("Nguyễn").
     */
    double termFrequencyAdjustment(int code) {
        if (code == 0 || nonMissing == 0) {
            return 0;
        }
        double p = Math.max(counts[code], 1) / (double) nonMissing;
        double expected = sumSquaredCounts / ((double) nonMissing * nonMissing);
        return Math.log(expected / p) / Math.log(2);
    }
}
