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
    private final RecordTable owner;
    private final int slot;
    private long nonMissing;
    private double sumSquaredCounts;

    KeyColumn(String name, RecordTable owner, int slot) {
        this.name = name;
        this.owner = owner;
        this.slot = slot;
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

    /** Stores the code of a row; the table has made room for the row beforehand. */
    void set(int row, int code) {
        owner.setCode(row, slot, code);
    }

    /** Counts the row's value in the term frequencies (done when a record joins the table for good). */
    void count(int row) {
        countCode(code(row));
    }

    /** Counts one occurrence of a value code in the term frequencies. */
    void countCode(int code) {
        if (code != 0) {
            long c = counts[code]++;
            nonMissing++;
            sumSquaredCounts += 2 * c + 1;
        }
    }

    /** Takes a row's value out of the term frequencies again (the record left the index). */
    void uncount(int row) {
        int code = code(row);
        if (code != 0 && counts[code] > 0) {
            long c = counts[code]--;
            nonMissing--;
            sumSquaredCounts -= 2 * c - 1;
        }
    }

    /** The code of a row's value (0 = missing). Codes are stored row by row in the table for locality. */
    public int code(int row) {
        return owner.code(row, slot);
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
