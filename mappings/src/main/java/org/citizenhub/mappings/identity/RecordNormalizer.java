package org.citizenhub.mappings.identity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Derives every key of a configuration from one record's raw columns: cleans bad input (too long,
 * control characters, undecodable bytes → reported, missing), runs each field's normalizer, and cuts
 * the prefix keys used by blocking rules. Bound to a column layout (the header of a CSV, or the field
 * names of {@link MatchRecord}s). Thread-safe.
 */
final class RecordNormalizer {

    private final MatchConfig config;
    private final List<String> layout;
    /** Per field and input position, the layout indexes of its alternatives ("a | b") present in the layout. */
    private final int[][][] fieldColumns;
    private final int[][] fieldKeySlots;
    private final int[] prefixSource;
    private final int[] prefixLength;
    private final InputQuality quality;

    RecordNormalizer(MatchConfig config, List<String> layout, InputQuality quality) {
        this.config = config;
        this.layout = List.copyOf(layout);
        this.quality = quality;
        Map<String, Integer> columnIndex = new HashMap<>();
        for (int i = 0; i < layout.size(); i++) {
            columnIndex.putIfAbsent(layout.get(i), i);
        }
        List<String> keys = config.keyNames();
        List<MatchConfig.FieldSpec> fields = config.fields();
        fieldColumns = new int[fields.size()][][];
        fieldKeySlots = new int[fields.size()][];
        for (int f = 0; f < fields.size(); f++) {
            MatchConfig.FieldSpec spec = fields.get(f);
            fieldColumns[f] = new int[spec.columns().size()][];
            for (int c = 0; c < spec.columns().size(); c++) {
                // "a | b": the first alternative that has a value (systems name the same thing differently)
                fieldColumns[f][c] = java.util.Arrays.stream(spec.columns().get(c).split("\\|"))
                        .map(alternative -> columnIndex.get(alternative.strip()))
                        .filter(java.util.Objects::nonNull).mapToInt(Integer::intValue).toArray();
            }
            List<String> suffixes = spec.normalizer().keySuffixes();
            fieldKeySlots[f] = new int[suffixes.size()];
            for (int s = 0; s < suffixes.size(); s++) {
                fieldKeySlots[f][s] = keys.indexOf(spec.name() + suffixes.get(s));
            }
        }
        prefixSource = new int[keys.size()];
        prefixLength = new int[keys.size()];
        java.util.Arrays.fill(prefixSource, -1);
        for (BlockingRule rule : config.blockingRules()) {
            for (BlockingRule.Part p : rule.parts()) {
                if (p.prefix() > 0) {
                    int slot = keys.indexOf(p.key());
                    prefixSource[slot] = keys.indexOf(p.baseKey());
                    prefixLength[slot] = p.prefix();
                }
            }
        }
    }

    /** Columns the configuration reads that the layout lacks (reported once, then treated as missing). */
    List<String> missingColumns() {
        List<String> missing = new ArrayList<>();
        List<MatchConfig.FieldSpec> fields = config.fields();
        for (int f = 0; f < fields.size(); f++) {
            if (fieldColumns[f].length > 0 && fieldColumns[f][0].length == 0) {
                missing.add(fields.get(f).columns().get(0));
            }
        }
        return missing;
    }

    List<String> layout() {
        return layout;
    }

    /** The key values of one row (aligned with {@link MatchConfig#keyNames()}); "" for missing. */
    String[] keys(String[] row) {
        String[] out = new String[config.keyNames().size()];
        int maxLength = config.input().maxFieldLength();
        List<MatchConfig.FieldSpec> fields = config.fields();
        for (int f = 0; f < fields.size(); f++) {
            MatchConfig.FieldSpec spec = fields.get(f);
            int[][] cols = fieldColumns[f];
            String[] raw = new String[cols.length];
            boolean any = false;
            for (int c = 0; c < cols.length; c++) {
                String value = null;
                String column = spec.columns().get(c);
                for (int alternative : cols[c]) {
                    if (alternative < row.length && row[alternative] != null && !row[alternative].isEmpty()) {
                        value = row[alternative];
                        column = layout.get(alternative);
                        break;
                    }
                }
                raw[c] = quality.clean(column, value, maxLength);
                any |= raw[c] != null;
            }
            int[] slots = fieldKeySlots[f];
            String[] produced = new String[slots.length];
            if (any) {
                try {
                    spec.normalizer().normalize(raw, produced);
                } catch (RuntimeException e) {
                    // a normalizer must never stop a run: the value is reported and treated as missing
                    java.util.Arrays.fill(produced, "");
                    quality.report(spec.name(), InputQuality.Problem.UNUSABLE);
                }
                if (raw[0] != null && (produced[0] == null || produced[0].isEmpty()) && allEmpty(produced)) {
                    quality.report(spec.name(), InputQuality.Problem.UNUSABLE);
                }
            }
            for (int s = 0; s < slots.length; s++) {
                out[slots[s]] = produced[s] == null ? "" : produced[s];
            }
        }
        for (int k = 0; k < out.length; k++) {
            if (prefixSource[k] >= 0) {
                String base = out[prefixSource[k]];
                out[k] = base == null || base.isEmpty() ? "" : base.substring(0, Math.min(prefixLength[k], base.length()));
            }
        }
        return out;
    }

    /** The key values of a {@link MatchRecord}. */
    String[] keys(MatchRecord record) {
        String[] row = new String[layout.size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = record.field(layout.get(i));
        }
        return keys(row);
    }

    private static boolean allEmpty(String[] values) {
        for (String v : values) {
            if (v != null && !v.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** The input columns any field of the configuration reads. */
    static List<String> columnsRead(MatchConfig config) {
        List<String> columns = new ArrayList<>();
        for (MatchConfig.FieldSpec f : config.fields()) {
            for (String c : f.columns()) {
                for (String alternative : c.split("\\|")) {
                    if (!columns.contains(alternative.strip())) {
                        columns.add(alternative.strip());
                    }
                }
            }
        }
        return columns;
    }
}
