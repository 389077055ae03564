package org.citizenhub.mappings.identity;

import java.util.Arrays;
import java.util.List;

/**
 * One comparison of two records with ordered agreement levels (level 0 = strongest agreement, the
 * last level = disagreement). Returns {@link #MISSING} when either record lacks the value; a missing
 * comparison weighs nothing. Some levels may be declared a <em>veto</em>: conflicting strong evidence
 * (two different valid personal IDs, two different full dates of birth) that forbids an automatic link.
 */
public abstract class Comparison {

    public static final int MISSING = -1;

    private final String name;
    private final List<String> levels;
    private final boolean[] veto;
    private final KeyColumn termFrequencyKey;
    /** The keys this comparison reads (set when built from a configuration). */
    List<String> keys = List.of();
    /**
     * The evidence group this comparison belongs to, -1 for none. A group counts once on each side: its
     * strongest agreement and its strongest disagreement. Phone, house, street and ward all agree for
     * every member of a household, and a house, street and ward all differ for someone who lives
     * elsewhere: one piece of evidence each way, not four.
     */
    int group = -1;
    String groupName = "";

    protected Comparison(String name, List<String> levels, List<String> vetoLevels, KeyColumn termFrequencyKey) {
        this.name = name;
        this.levels = List.copyOf(levels);
        this.veto = new boolean[levels.size()];
        for (String v : vetoLevels) {
            int i = this.levels.indexOf(v);
            if (i < 0) {
                throw new ConfigFile.ConfigException("comparison " + name + ": veto level '" + v
                        + "' is not one of its levels " + levels);
            }
            veto[i] = true;
        }
        this.termFrequencyKey = termFrequencyKey;
        if (levels.size() > 14) {
            throw new ConfigFile.ConfigException("comparison " + name + ": at most 14 levels");
        }
    }

    public final String name() {
        return name;
    }

    public final List<String> levels() {
        return levels;
    }

    public final boolean isVeto(int level) {
        return level >= 0 && veto[level];
    }

    final boolean hasVeto() {
        for (boolean v : veto) {
            if (v) {
                return true;
            }
        }
        return false;
    }

    /** The key whose value frequency adjusts the weight of exact agreement (level 0), or null. */
    final KeyColumn termFrequencyKey() {
        return termFrequencyKey;
    }

    /** The agreement level of rows a and b, or {@link #MISSING}. */
    public abstract int level(int a, int b);

    @Override
    public String toString() {
        return name + Arrays.toString(levels.toArray());
    }
}
