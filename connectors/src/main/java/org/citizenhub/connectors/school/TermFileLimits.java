package org.citizenhub.connectors.school;

/**
 * Hard limits on a term file: a whole city's pupils fit in a few tens of megabytes and a row in a
 * few hundred characters, so anything far larger is a wrong file or an attack, not a term file.
 */
public record TermFileLimits(long maxFileBytes, int maxRowChars) {

    public TermFileLimits {
        if (maxFileBytes < 1 || maxFileBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("maxFileBytes must be between 1 and about 2 GB");
        }
        if (maxRowChars < 80) {
            throw new IllegalArgumentException("maxRowChars must be at least 80");
        }
    }

    /** 64 MiB per file, 4,096 characters per row. */
    public static TermFileLimits defaults() {
        return new TermFileLimits(64L * 1024 * 1024, 4096);
    }
}
