package org.citizenhub.connectors.utility;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the fields of one item (an account, a bill) of a provider's list. A field of the wrong type
 * or format makes that item unreadable ({@link BadItem}) without making the whole page unreadable:
 * one bad bill must not hide the good ones. Reasons name the field, never the value.
 */
final class ItemReader {

    private static final Pattern DAY_MONTH_YEAR = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4})");
    private static final Pattern MONTH_YEAR = Pattern.compile("(\\d{1,2})/(\\d{4})");
    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
    private static final Pattern ISO_MONTH = Pattern.compile("(\\d{4})-(\\d{2})");

    private ItemReader() {
    }

    /** An item that cannot be read; the page goes on without it. */
    static final class BadItem extends Exception {
        BadItem(String reason) {
            super(reason, null, false, false);
        }
    }

    static JsonNode object(JsonNode item) throws BadItem {
        if (item == null || !item.isObject()) {
            throw new BadItem("item is not a JSON object");
        }
        return item;
    }

    /** "" when absent or null; numbers as written (some providers send phone numbers as numbers). */
    static String text(JsonNode item, String field) throws BadItem {
        JsonNode value = item.get(field);
        if (value == null || value.isNull()) {
            return "";
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isIntegralNumber()) {
            return value.asText();
        }
        throw new BadItem(field + " must be a string");
    }

    static String requiredText(JsonNode item, String field) throws BadItem {
        String value = text(item, field);
        if (value.isBlank()) {
            throw new BadItem(field + " is missing");
        }
        return value;
    }

    /** A whole number of đồng; fractions and text are refused rather than rounded or guessed. */
    static long wholeNumber(JsonNode item, String field) throws BadItem {
        JsonNode value = item.get(field);
        if (value == null || value.isNull()) {
            throw new BadItem(field + " is missing");
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new BadItem(field + " must be a whole number");
        }
        return value.longValue();
    }

    static BigDecimal decimal(JsonNode item, String field) throws BadItem {
        JsonNode value = item.get(field);
        if (value == null || value.isNull()) {
            throw new BadItem(field + " is missing");
        }
        if (!value.isNumber()) {
            throw new BadItem(field + " must be a number");
        }
        return value.decimalValue();
    }

    /** MM/yyyy (electricity) or yyyy-MM (water). */
    static YearMonth period(JsonNode item, String field) throws BadItem {
        String s = requiredText(item, field).strip();
        Matcher mmYyyy = MONTH_YEAR.matcher(s);
        Matcher iso = ISO_MONTH.matcher(s);
        try {
            if (mmYyyy.matches()) {
                return YearMonth.of(Integer.parseInt(mmYyyy.group(2)), Integer.parseInt(mmYyyy.group(1)));
            }
            if (iso.matches()) {
                return YearMonth.of(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)));
            }
        } catch (DateTimeException e) {
            throw new BadItem(field + " is not a month that exists");
        }
        throw new BadItem(field + " is not a billing period");
    }

    /** dd/MM/yyyy (electricity) or yyyy-MM-dd (water). */
    static LocalDate date(JsonNode item, String field) throws BadItem {
        String s = requiredText(item, field).strip();
        Matcher dmy = DAY_MONTH_YEAR.matcher(s);
        Matcher iso = ISO_DATE.matcher(s);
        try {
            if (dmy.matches()) {
                return LocalDate.of(Integer.parseInt(dmy.group(3)), Integer.parseInt(dmy.group(2)), Integer.parseInt(dmy.group(1)));
            }
            if (iso.matches()) {
                return LocalDate.of(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)), Integer.parseInt(iso.group(3)));
            }
        } catch (DateTimeException e) {
            throw new BadItem(field + " is not a calendar date");
        }
        throw new BadItem(field + " is not a date");
    }
}
