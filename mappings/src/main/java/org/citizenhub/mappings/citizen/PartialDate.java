package org.citizenhub.mappings.citizen;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A date that may be known only to the year or the month (common for older residents:
 * "năm sinh 1948"). Text form: {@code yyyy}, {@code yyyy-MM} or {@code yyyy-MM-dd}.
 * Month and day are 0 when unknown.
 */
public record PartialDate(int year, int month, int day) {
    public PartialDate {
        if (year < 1850 || year > 2200) {
            throw new IllegalArgumentException("year out of range: " + year);
        }
        if (month < 0 || month > 12 || day < 0 || (month == 0 && day != 0)) {
            throw new IllegalArgumentException("invalid partial date " + year + "-" + month + "-" + day);
        }
        if (day != 0) {
            try {
                LocalDate.of(year, month, day);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("invalid date " + year + "-" + month + "-" + day, e);
            }
        }
    }

    public static PartialDate of(LocalDate date) {
        return new PartialDate(date.getYear(), date.getMonthValue(), date.getDayOfMonth());
    }

    public static PartialDate yearOnly(int year) {
        return new PartialDate(year, 0, 0);
    }

    /** Parses the text form ({@code yyyy}, {@code yyyy-MM}, {@code yyyy-MM-dd}). */
    public static PartialDate parse(String text) {
        String[] parts = text.strip().split("-");
        try {
            return switch (parts.length) {
                case 1 -> new PartialDate(Integer.parseInt(parts[0]), 0, 0);
                case 2 -> new PartialDate(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), 0);
                case 3 -> new PartialDate(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
                default -> throw new IllegalArgumentException("not a partial date: " + text.length() + " chars");
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a partial date", e);
        }
    }

    public boolean isComplete() {
        return day != 0;
    }

    public Optional<LocalDate> toLocalDate() {
        return isComplete() ? Optional.of(LocalDate.of(year, month, day)) : Optional.empty();
    }

    @Override
    public String toString() {
        if (month == 0) {
            return String.format("%04d", year);
        }
        if (day == 0) {
            return String.format("%04d-%02d", year, month);
        }
        return String.format("%04d-%02d-%02d", year, month, day);
    }
}
