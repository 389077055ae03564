package org.citizenhub.sandbox.synthetic;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

import org.citizenhub.mappings.citizen.SourceSystem;

/**
 * The rate of each {@link Corruption} in one system's view: the probability that it is applied to a
 * record where it can apply. Missing entries are 0. The defaults follow what each kind of system
 * does in practice (issue 3): utilities upper-case and strip diacritics, the portal is typed by
 * citizens, the population database is clean.
 */
public record ErrorProfile(Map<Corruption, Double> rates) {

    public ErrorProfile {
        EnumMap<Corruption, Double> copy = new EnumMap<>(Corruption.class);
        rates.forEach((c, r) -> {
            if (r < 0 || r > 1) {
                throw new IllegalArgumentException("rate of " + c + " must be within [0, 1]");
            }
            copy.put(c, r);
        });
        rates = Collections.unmodifiableMap(copy);
    }

    public static ErrorProfile clean() {
        return new ErrorProfile(Map.of());
    }

    public double rate(Corruption corruption) {
        return rates.getOrDefault(corruption, 0.0);
    }

    public ErrorProfile with(Corruption corruption, double rate) {
        EnumMap<Corruption, Double> copy = new EnumMap<>(Corruption.class);
        copy.putAll(rates);
        copy.put(corruption, rate);
        return new ErrorProfile(copy);
    }

    /** All rates multiplied by {@code factor} (capped at 1): 0 gives clean views, 2 twice as messy. */
    public ErrorProfile scaled(double factor) {
        EnumMap<Corruption, Double> copy = new EnumMap<>(Corruption.class);
        rates.forEach((c, r) -> copy.put(c, Math.min(1.0, r * factor)));
        return new ErrorProfile(copy);
    }

    public static ErrorProfile defaultFor(SourceSystem system) {
        EnumMap<Corruption, Double> r = new EnumMap<>(Corruption.class);
        switch (system) {
            case POPULATION -> {
                // authoritative and clean
            }
            case HEALTH -> {
                r.put(Corruption.DIACRITICS_STRIPPED, 0.05);
                r.put(Corruption.UPPER_CASE, 0.10);
                r.put(Corruption.NFD, 0.05);
                r.put(Corruption.OLD_TONE_PLACEMENT, 0.30);
                r.put(Corruption.GIVEN_NAME_FIRST, 0.02);
                r.put(Corruption.MIDDLE_NAME_ABBREVIATED, 0.02);
                r.put(Corruption.MIDDLE_NAME_MISSING, 0.02);
                r.put(Corruption.TYPO, 0.03);
                r.put(Corruption.REGIONAL_VARIANT, 0.05);
                r.put(Corruption.DAY_MONTH_SWAPPED, 0.02);
                r.put(Corruption.YEAR_ONLY, 0.03);
                r.put(Corruption.DATE_PLACEHOLDER, 0.01);
                r.put(Corruption.ID_MISSING, 0.25);
                r.put(Corruption.ID_LEGACY_CMND, 0.03);
                r.put(Corruption.ID_DIGIT_WRONG, 0.02);
                r.put(Corruption.ID_LEADING_ZERO_LOST, 0.02);
                r.put(Corruption.OLD_ADMIN_UNITS, 0.30);
                r.put(Corruption.ADDRESS_ABBREVIATED, 0.20);
                r.put(Corruption.OLDER_ADDRESS_AFTER_MOVE, 0.05);
                r.put(Corruption.PHONE_MISSING, 0.10);
                r.put(Corruption.PHONE_PLUS84, 0.10);
                r.put(Corruption.PHONE_SPACES_OR_DOTS, 0.10);
                r.put(Corruption.PHONE_BEFORE_2018, 0.05);
                r.put(Corruption.DUPLICATE_RECORD, 0.04);
                r.put(Corruption.PARENT_PHONE, 0.80);
                r.put(Corruption.NEWBORN_UNNAMED, 0.70);
                r.put(Corruption.GENDER_UNKNOWN, 0.005);
            }
            case SCHOOL -> {
                r.put(Corruption.UPPER_CASE, 0.15);
                r.put(Corruption.NFD, 0.05);
                r.put(Corruption.OLD_TONE_PLACEMENT, 0.30);
                r.put(Corruption.TYPO, 0.02);
                r.put(Corruption.MIDDLE_NAME_ABBREVIATED, 0.01);
                r.put(Corruption.DAY_MONTH_SWAPPED, 0.02);
                r.put(Corruption.DATE_PLACEHOLDER, 0.005);
                r.put(Corruption.ID_MISSING, 0.55);
                r.put(Corruption.ID_DIGIT_WRONG, 0.02);
                r.put(Corruption.ID_LEADING_ZERO_LOST, 0.05);
                r.put(Corruption.PHONE_MISSING, 0.05);
                r.put(Corruption.PHONE_SPACES_OR_DOTS, 0.15);
                r.put(Corruption.PHONE_BEFORE_2018, 0.05);
                r.put(Corruption.DUPLICATE_RECORD, 0.01);
            }
            case ELECTRICITY, WATER, SANITATION -> {
                r.put(Corruption.DIACRITICS_STRIPPED, 0.40);
                r.put(Corruption.UPPER_CASE, 0.40);
                r.put(Corruption.NFD, 0.03);
                r.put(Corruption.OLD_TONE_PLACEMENT, 0.40);
                r.put(Corruption.GIVEN_NAME_FIRST, 0.01);
                r.put(Corruption.MIDDLE_NAME_ABBREVIATED, 0.05);
                r.put(Corruption.MIDDLE_NAME_MISSING, 0.03);
                r.put(Corruption.TYPO, 0.03);
                r.put(Corruption.REGIONAL_VARIANT, 0.05);
                r.put(Corruption.ID_MISSING, 0.60);
                r.put(Corruption.ID_LEGACY_CMND, 0.35);
                r.put(Corruption.ID_DIGIT_WRONG, 0.03);
                r.put(Corruption.ID_LEADING_ZERO_LOST, 0.05);
                r.put(Corruption.OLD_ADMIN_UNITS, 0.60);
                r.put(Corruption.ADDRESS_ABBREVIATED, 0.50);
                r.put(Corruption.OLDER_ADDRESS_AFTER_MOVE, 0.03);
                r.put(Corruption.PHONE_MISSING, 0.10);
                r.put(Corruption.PHONE_PLUS84, 0.10);
                r.put(Corruption.PHONE_SPACES_OR_DOTS, 0.15);
                r.put(Corruption.PHONE_BEFORE_2018, 0.10);
                r.put(Corruption.DUPLICATE_RECORD, system == SourceSystem.ELECTRICITY ? 0.05 : 0.03);
                r.put(Corruption.DECEASED_HOLDER, 0.50);
            }
            case PORTAL -> {
                r.put(Corruption.DIACRITICS_STRIPPED, 0.15);
                r.put(Corruption.UPPER_CASE, 0.05);
                r.put(Corruption.LOWER_CASE, 0.05);
                r.put(Corruption.NFD, 0.10);
                r.put(Corruption.OLD_TONE_PLACEMENT, 0.40);
                r.put(Corruption.GIVEN_NAME_FIRST, 0.01);
                r.put(Corruption.MIDDLE_NAME_MISSING, 0.03);
                r.put(Corruption.TYPO, 0.04);
                r.put(Corruption.DAY_MONTH_SWAPPED, 0.03);
                r.put(Corruption.DATE_PLACEHOLDER, 0.01);
                r.put(Corruption.ID_MISSING, 0.20);
                r.put(Corruption.ID_LEGACY_CMND, 0.05);
                r.put(Corruption.ID_DIGIT_WRONG, 0.03);
                r.put(Corruption.ID_LEADING_ZERO_LOST, 0.04);
                r.put(Corruption.OLD_ADMIN_UNITS, 0.35);
                r.put(Corruption.ADDRESS_ABBREVIATED, 0.40);
                r.put(Corruption.OLDER_ADDRESS_AFTER_MOVE, 0.08);
                r.put(Corruption.PHONE_MISSING, 0.05);
                r.put(Corruption.PHONE_PLUS84, 0.15);
                r.put(Corruption.PHONE_SPACES_OR_DOTS, 0.20);
                r.put(Corruption.PHONE_BEFORE_2018, 0.03);
                r.put(Corruption.DUPLICATE_RECORD, 0.06);
            }
        }
        return new ErrorProfile(r);
    }
}
