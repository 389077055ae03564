package org.citizenhub.sandbox.synthetic;

/** Zero-padded decimal numbers without String.format, which dominates generation time at scale. */
final class ZeroPadded {

    private ZeroPadded() {
    }

    static String of(long value, int width) {
        String digits = Long.toString(value);
        if (digits.length() >= width) {
            return digits;
        }
        return "0".repeat(width - digits.length()) + digits;
    }
}
