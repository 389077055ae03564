package org.citizenhub.mappings.normalize;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers the keys of frequent values (name words, ward and street names): Unicode normalization
 * is the costly part of reading a record, and a city's records repeat the same few thousand words.
 * Bounded: past the limit, values are computed without being remembered. Thread-safe.
 */
final class WordCache {

    private final Map<String, String[]> cache = new ConcurrentHashMap<>();
    private final int limit;
    private final Function<String, String[]> compute;

    WordCache(int limit, Function<String, String[]> compute) {
        this.limit = limit;
        this.compute = compute;
    }

    String[] get(String value) {
        String[] known = cache.get(value);
        if (known != null) {
            return known;
        }
        String[] keys = compute.apply(value);
        if (cache.size() < limit) {
            cache.put(value, keys);
        }
        return keys;
    }
}
