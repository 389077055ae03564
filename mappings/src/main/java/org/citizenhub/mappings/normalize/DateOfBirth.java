package org.citizenhub.mappings.normalize;

import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A date of birth read from any of the forms systems use: dd/MM/yyyy (also with - or .), yyyy-MM-dd,
 * yyyyMMdd, MM/yyyy, yyyy-MM, year only, and the placeholders 00/00/yyyy (unknown day and month).
 * A date whose day is above 12 in the month position is read with day and month swapped.
 * 01/01/yyyy is kept as a full date but flagged: many systems write it when only the year is known.
 * Absurd values (no year, a year outside 1880..2100, month or day out of range) give null: missing.
 *
 * @param month 0 when unknown
 * @param day   0 when unknown
 */
public record DateOfBirth(int year, int month, int day, boolean janFirstPlaceholder) {

    private static final Pattern DAY_FIRST = Pattern.compile("(\\d{1,2})[/.\\- ](\\d{1,2})[/.\\- ](\\d{4})");
    private static final Pattern YEAR_FIRST = Pattern.compile("(\\d{4})[/.\\-](\\d{1,2})[/.\\-](\\d{1,2})");
    private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
    private static final Pattern MONTH_YEAR = Pattern.compile("(\\d{1,2})[/.\\-](\\d{4})");
    private static final Pattern YEAR_MONTH = Pattern.compile("(\\d{4})[/.\\-](\\d{1,2})");
    private static final Pattern YEAR = Pattern.compile("(\\d{4})");

    /** Parses a date of birth; null when the text is empty, garbage or absurd. */
    public static DateOfBirth parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        if (s.isEmpty() || s.length() > 40) {
            return null;
        }
        if (s.length() == 8 && allDigits(s)) {
            return of(digits(s, 0, 4), digits(s, 4, 6), digits(s, 6, 8));
        }
        if (s.length() == 10 && (s.charAt(2) == '/' || s.charAt(2) == '-' || s.charAt(2) == '.') && s.charAt(5) == s.charAt(2)
                && allDigits(s.substring(0, 2) + s.substring(3, 5) + s.substring(6))) {
            return of(digits(s, 6, 10), digits(s, 3, 5), digits(s, 0, 2));
        }
        Matcher m;
        if ((m = DAY_FIRST.matcher(s)).matches()) {
            return of(num(m, 3), num(m, 2), num(m, 1));
        }
        if ((m = YEAR_FIRST.matcher(s)).matches() || (m = COMPACT.matcher(s)).matches()) {
            return of(num(m, 1), num(m, 2), num(m, 3));
        }
        if ((m = MONTH_YEAR.matcher(s)).matches()) {
            return of(num(m, 2), num(m, 1), 0);
        }
        if ((m = YEAR_MONTH.matcher(s)).matches()) {
            return of(num(m, 1), num(m, 2), 0);
        }
        if ((m = YEAR.matcher(s)).matches()) {
            return of(num(m, 1), 0, 0);
        }
        return null;
    }

    private static DateOfBirth of(int year, int month, int day) {
        if (year < 1880 || year > 2100) {
            return null;
        }
        if (month == 0) {
            day = 0;
        }
        if (month > 12 && month <= 31 && day >= 1 && day <= 12) {
            int swap = month;
            month = day;
            day = swap;
        }
        if (month > 12 || day > 31) {
            return null;
        }
        if (day != 0 && !valid(year, month, day)) {
            return null;
        }
        return new DateOfBirth(year, month, day, month == 1 && day == 1);
    }

    private static boolean valid(int year, int month, int day) {
        return day <= LocalDate.of(year, month, 1).lengthOfMonth();
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }

    private static int num(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }

    public boolean isComplete() {
        return day != 0;
    }

    /** The key form {@code yyyyMMdd} with 00 for unknown parts, and a trailing {@code p} for 01/01. */
    public String key() {
        StringBuilder k = new StringBuilder(9).append(year);
        k.append((char) ('0' + month / 10)).append((char) ('0' + month % 10));
        k.append((char) ('0' + day / 10)).append((char) ('0' + day % 10));
        if (janFirstPlaceholder) {
            k.append('p');
        }
        return k.toString();
    }

    /** Reads back a {@link #key()}. */
    public static DateOfBirth fromKey(String key) {
        if (key == null || key.length() < 8) {
            return null;
        }
        return new DateOfBirth(Integer.parseInt(key.substring(0, 4)), Integer.parseInt(key.substring(4, 6)),
                Integer.parseInt(key.substring(6, 8)), key.endsWith("p"));
    }
}
