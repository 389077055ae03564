package org.citizenhub.bench;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} options of a benchmark. */
record BenchOptions(Map<String, String> values) {

    static BenchOptions parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            values.put(args[i].substring(2), args[i + 1]);
        }
        return new BenchOptions(values);
    }

    int integer(String name, int defaultValue) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : defaultValue;
    }
}
