package org.citizenhub.mappings.identity;

/** String similarity measures on folded keys, allocation-light for use on millions of pairs. */
public final class StringSimilarity {

    private StringSimilarity() {
    }

    /** Jaro-Winkler similarity in [0, 1] (prefix scale 0.1, up to 4 characters). */
    public static double jaroWinkler(String a, String b) {
        if (a.equals(b)) {
            return 1.0;
        }
        return jaroWinkler(a.toCharArray(), b.toCharArray());
    }

    /** Jaro-Winkler on character arrays (no equality shortcut: callers compare codes first). */
    public static double jaroWinkler(char[] a, char[] b) {
        int la = a.length;
        int lb = b.length;
        if (la == 0 || lb == 0) {
            return 0.0;
        }
        if (la > 64 || lb > 64) {
            return levenshteinSimilarity(new String(a), new String(b));
        }
        int window = Math.max(0, Math.max(la, lb) / 2 - 1);
        long matchedB = 0L;
        long matchedA = 0L;
        int matches = 0;
        for (int i = 0; i < la; i++) {
            char c = a[i];
            int from = Math.max(0, i - window);
            int to = Math.min(lb - 1, i + window);
            for (int j = from; j <= to; j++) {
                if ((matchedB & (1L << j)) == 0 && b[j] == c) {
                    matchedB |= 1L << j;
                    matchedA |= 1L << i;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0) {
            return 0.0;
        }
        int transpositions = 0;
        int j = 0;
        for (int i = 0; i < la; i++) {
            if ((matchedA & (1L << i)) != 0) {
                while ((matchedB & (1L << j)) == 0) {
                    j++;
                }
                if (a[i] != b[j]) {
                    transpositions++;
                }
                j++;
            }
        }
        double m = matches;
        double jaro = (m / la + m / lb + (m - transpositions / 2.0) / m) / 3.0;
        int prefix = 0;
        int maxPrefix = Math.min(4, Math.min(la, lb));
        while (prefix < maxPrefix && a[prefix] == b[prefix]) {
            prefix++;
        }
        return jaro + prefix * 0.1 * (1.0 - jaro);
    }

    /** 1 - (Damerau-Levenshtein distance / longer length), in [0, 1]. */
    public static double levenshteinSimilarity(String a, String b) {
        int max = Math.max(a.length(), b.length());
        return max == 0 ? 1.0 : 1.0 - (double) editDistance(a, b) / max;
    }

    /** Optimal-string-alignment distance: insertions, deletions, substitutions, adjacent transpositions. */
    public static int editDistance(String a, String b) {
        int la = a.length();
        int lb = b.length();
        if (la == 0) {
            return lb;
        }
        if (lb == 0) {
            return la;
        }
        int[] prev2 = new int[lb + 1];
        int[] prev = new int[lb + 1];
        int[] cur = new int[lb + 1];
        for (int j = 0; j <= lb; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= la; i++) {
            cur[0] = i;
            char ca = a.charAt(i - 1);
            for (int j = 1; j <= lb; j++) {
                char cb = b.charAt(j - 1);
                int cost = ca == cb ? 0 : 1;
                int v = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && ca == b.charAt(j - 2) && a.charAt(i - 2) == cb) {
                    v = Math.min(v, prev2[j - 2] + 1);
                }
                cur[j] = v;
            }
            int[] t = prev2;
            prev2 = prev;
            prev = cur;
            cur = t;
        }
        return prev[lb];
    }

    /** True when the edit distance is at most one (fast path without a full matrix). */
    public static boolean withinOneEdit(String a, String b) {
        int la = a.length();
        int lb = b.length();
        if (Math.abs(la - lb) > 1) {
            return false;
        }
        if (la == lb) {
            int first = -1;
            int diffs = 0;
            for (int i = 0; i < la; i++) {
                if (a.charAt(i) != b.charAt(i)) {
                    if (++diffs > 2) {
                        return false;
                    }
                    if (first < 0) {
                        first = i;
                    }
                }
            }
            if (diffs <= 1) {
                return true;
            }
            int j = first + 1;
            return j < la && a.charAt(first) == b.charAt(j) && a.charAt(j) == b.charAt(first);
        }
        String s = la < lb ? a : b;
        String l = la < lb ? b : a;
        int i = 0;
        int j = 0;
        boolean skipped = false;
        while (i < s.length() && j < l.length()) {
            if (s.charAt(i) == l.charAt(j)) {
                i++;
                j++;
            } else {
                if (skipped) {
                    return false;
                }
                skipped = true;
                j++;
            }
        }
        return true;
    }

    /** {@link #withinOneEdit(String, String)} on character arrays. */
    public static boolean withinOneEdit(char[] a, char[] b) {
        int la = a.length;
        int lb = b.length;
        if (Math.abs(la - lb) > 1) {
            return false;
        }
        if (la == lb) {
            int first = -1;
            int diffs = 0;
            for (int i = 0; i < la; i++) {
                if (a[i] != b[i]) {
                    if (++diffs > 2) {
                        return false;
                    }
                    if (first < 0) {
                        first = i;
                    }
                }
            }
            if (diffs <= 1) {
                return true;
            }
            int j = first + 1;
            return j < la && a[first] == b[j] && a[j] == b[first];
        }
        char[] s = la < lb ? a : b;
        char[] l = la < lb ? b : a;
        int i = 0;
        int j = 0;
        boolean skipped = false;
        while (i < s.length && j < l.length) {
            if (s[i] == l[j]) {
                i++;
                j++;
            } else {
                if (skipped) {
                    return false;
                }
                skipped = true;
                j++;
            }
        }
        return true;
    }
}
