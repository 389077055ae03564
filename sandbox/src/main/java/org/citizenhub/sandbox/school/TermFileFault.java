package org.citizenhub.sandbox.school;

/** Term files that go wrong the ways real deliveries do. */
public enum TermFileFault {
    /** A good file saved in Windows-1258, the legacy Vietnamese code page: to be refused whole. */
    NOT_UTF8,
    /** An Excel workbook (a ZIP) saved with a .csv name: to be refused whole. */
    NOT_CSV,
    /**
     * A UTF-8 CSV with 5 good rows (lines 2–6) and 5 bad ones (lines 7–11): an impossible average
     * score, an unknown school, an impossible birth date, an unterminated quote, a missing column.
     */
    BAD_ROWS
}
