package org.citizenhub.mappings.identity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The normalized records of a run or of an incremental index, column by column: per key an int code
 * per record (dictionary-encoded, see {@link KeyColumn}), plus record ids and sources. Appending a row
 * is separate from counting it in the term frequencies so that a record can be scored and then
 * either kept ({@link #commitLast()}) or dropped ({@link #dropLast()}).
 */
public final class RecordTable {

    private final Map<String, KeyColumn> columns = new LinkedHashMap<>();
    private final KeyColumn[] byIndex;
    private final List<String> ids = new ArrayList<>();
    private final Map<String, Integer> sourceCodes = new LinkedHashMap<>();
    private int[] sources = new int[1024];
    private int size;
    private final int width;
    /** Codes row by row: comparing two records reads two short runs of memory, not one line per key. */
    private int[] codes;

    RecordTable(List<String> keyNames) {
        width = keyNames.size();
        codes = new int[1024 * width];
        byIndex = new KeyColumn[keyNames.size()];
        for (int i = 0; i < keyNames.size(); i++) {
            KeyColumn c = new KeyColumn(keyNames.get(i), this, i);
            byIndex[i] = c;
            columns.put(keyNames.get(i), c);
        }
    }

    public KeyColumn column(String key) {
        KeyColumn c = columns.get(key);
        if (c == null) {
            throw new ConfigFile.ConfigException("unknown key '" + key + "' (known keys: " + columns.keySet() + ")");
        }
        return c;
    }

    int code(int row, int slot) {
        return codes[row * width + slot];
    }

    void setCode(int row, int slot, int code) {
        codes[row * width + slot] = code;
    }

    private void ensureRows(int rows) {
        if ((long) rows * width > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("too many records for one table");
        }
        if (rows * width > codes.length) {
            long grown = Math.max((long) rows * width, Math.min((long) codes.length * 2, Integer.MAX_VALUE - 16));
            codes = Arrays.copyOf(codes, (int) grown);
        }
    }

    public int size() {
        return size;
    }

    public String id(int row) {
        return ids.get(row);
    }

    public int source(int row) {
        return sources[row];
    }

    /** The names of the sources in order of their codes. */
    public List<String> sourceNames() {
        return new ArrayList<>(sourceCodes.keySet());
    }

    int sourceCode(String source) {
        return sourceCodes.computeIfAbsent(source, s -> sourceCodes.size());
    }

    /** Appends a row of key values (aligned with the key names) and returns its index; not yet counted. */
    int append(String id, String source, String[] keyValues) {
        int row = size;
        ensureRows(row + 1);
        for (int k = 0; k < byIndex.length; k++) {
            byIndex[k].set(row, byIndex[k].intern(keyValues[k]));
        }
        if (row >= sources.length) {
            sources = Arrays.copyOf(sources, sources.length * 2);
        }
        sources[row] = sourceCode(source);
        ids.add(id);
        size++;
        return row;
    }

    /**
     * Appends and counts many rows at once; each key column is interned by its own task, so the columns
     * of a chunk are encoded in parallel.
     */
    void appendAll(List<String> rowIds, List<String> rowSources, String[][] keyValues) {
        int first = size;
        int count = rowIds.size();
        ensureRows(first + count);
        int[][] chunkCodes = new int[byIndex.length][];
        java.util.stream.IntStream.range(0, byIndex.length).parallel().forEach(k -> {
            // each task writes its own array: writing the shared row-major array from several threads
            // would make them fight over the same cache lines
            KeyColumn column = byIndex[k];
            int[] codesOfColumn = new int[count];
            for (int i = 0; i < count; i++) {
                codesOfColumn[i] = column.intern(keyValues[i][k]);
                column.countCode(codesOfColumn[i]);
            }
            chunkCodes[k] = codesOfColumn;
        });
        for (int i = 0; i < count; i++) {
            int base = (first + i) * width;
            for (int k = 0; k < width; k++) {
                codes[base + k] = chunkCodes[k][i];
            }
        }
        for (int i = 0; i < count; i++) {
            if (first + i >= sources.length) {
                sources = Arrays.copyOf(sources, sources.length * 2);
            }
            sources[first + i] = sourceCode(rowSources.get(i));
            ids.add(rowIds.get(i));
        }
        size += count;
    }

    void commitLast() {
        for (KeyColumn c : byIndex) {
            c.count(size - 1);
        }
    }

    /** Takes a committed row out of the term frequencies (the row itself stays, unreachable). */
    void uncount(int row) {
        for (KeyColumn c : byIndex) {
            c.uncount(row);
        }
    }

    void dropLast() {
        size--;
        ids.remove(size);
    }
}
