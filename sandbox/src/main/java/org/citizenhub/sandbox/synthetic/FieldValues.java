package org.citizenhub.sandbox.synthetic;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The fields of one record as a map over its system's fixed column list: one array of values per
 * record instead of a hash map, because an export of 200,000 people holds over half a million
 * records. Filled with {@link #put} while the record is built, read-only once {@link #freeze frozen}.
 * Iterates in column order, skipping columns never set.
 */
final class FieldValues extends AbstractMap<String, String> {

    /** The columns of one system and their positions, shared by all its records. */
    static final class Columns {
        private final List<String> names;
        private final Map<String, Integer> index = new HashMap<>();

        Columns(List<String> names) {
            this.names = List.copyOf(names);
            for (int i = 0; i < this.names.size(); i++) {
                index.put(this.names.get(i), i);
            }
        }
    }

    private final Columns columns;
    private final String[] values;
    private boolean frozen;

    FieldValues(Columns columns) {
        this.columns = columns;
        this.values = new String[columns.names.size()];
    }

    @Override
    public String put(String column, String value) {
        if (frozen) {
            throw new UnsupportedOperationException("the record is complete");
        }
        Integer i = columns.index.get(column);
        if (i == null) {
            throw new IllegalArgumentException("not a column of this view: " + column);
        }
        String previous = values[i];
        values[i] = value == null ? "" : value;
        return previous;
    }

    FieldValues freeze() {
        frozen = true;
        return this;
    }

    boolean isFrozen() {
        return frozen;
    }

    @Override
    public String get(Object column) {
        Integer i = columns.index.get(column);
        return i == null ? null : values[i];
    }

    @Override
    public boolean containsKey(Object column) {
        return get(column) != null;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next = advance(0);

                    private int advance(int from) {
                        int i = from;
                        while (i < values.length && values[i] == null) {
                            i++;
                        }
                        return i;
                    }

                    @Override
                    public boolean hasNext() {
                        return next < values.length;
                    }

                    @Override
                    public Entry<String, String> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, String> e = new SimpleImmutableEntry<>(columns.names.get(next), values[next]);
                        next = advance(next + 1);
                        return e;
                    }
                };
            }

            @Override
            public int size() {
                int n = 0;
                for (String v : values) {
                    n += v == null ? 0 : 1;
                }
                return n;
            }
        };
    }
}
