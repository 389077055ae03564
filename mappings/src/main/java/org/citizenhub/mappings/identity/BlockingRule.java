package org.citizenhub.mappings.identity;

import java.util.ArrayList;
import java.util.List;

/**
 * A blocking rule: records are compared only if they share the values of all its parts. A part is a
 * key ({@code dob}) or the first n characters of a key ({@code surname:3}). Rules are unioned: a pair
 * is a candidate if any rule puts both records in the same block.
 */
public record BlockingRule(String text, int index, List<Part> parts) {

    /** A key, optionally cut to its first {@code prefix} characters (0 = whole value). */
    public record Part(String baseKey, int prefix) {
        /** The name of the key column holding this part's values. */
        public String key() {
            return prefix == 0 ? baseKey : baseKey + ":" + prefix;
        }
    }

    static BlockingRule parse(String text, int index) {
        List<Part> parts = new ArrayList<>();
        for (String item : ConfigFile.splitList(text)) {
            int colon = item.lastIndexOf(':');
            if (colon > 0) {
                try {
                    parts.add(new Part(item.substring(0, colon).strip(), Integer.parseInt(item.substring(colon + 1).strip())));
                } catch (NumberFormatException e) {
                    throw new ConfigFile.ConfigException("blocking rule '" + text + "': prefix after ':' must be a number");
                }
            } else {
                parts.add(new Part(item, 0));
            }
        }
        if (parts.isEmpty()) {
            throw new ConfigFile.ConfigException("empty blocking rule");
        }
        return new BlockingRule(text, index, List.copyOf(parts));
    }

    /**
     * The block key of a row: a 64-bit hash of its part codes, or 0 when a part is missing (the row
     * is then in no block of this rule).
     */
    long key(KeyColumn[] partColumns, int row) {
        long h = 0x9E3779B97F4A7C15L * (index + 1);
        for (KeyColumn c : partColumns) {
            int code = c.code(row);
            if (code == 0) {
                return 0;
            }
            h = (h ^ code) * 0xff51afd7ed558ccdL;
            h ^= h >>> 33;
        }
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }
}
