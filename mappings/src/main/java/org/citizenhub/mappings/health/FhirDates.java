package org.citizenhub.mappings.health;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import org.citizenhub.mappings.citizen.PartialDate;
import org.hl7.fhir.r4.model.BaseDateTimeType;

/**
 * Calendar days out of FHIR date/dateTime/instant values. A value without a time zone ("2025-03-01")
 * is read as written, never through {@link java.util.Date}, which would shift it by the JVM's zone;
 * a moment with a zone is the day it was in Vietnam.
 */
final class FhirDates {

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private FhirDates() {
    }

    /** The day, when the value is precise to the day or finer. */
    static Optional<LocalDate> day(BaseDateTimeType value) {
        if (value == null || !value.hasValue() || value.getPrecision().ordinal() < TemporalPrecisionEnum.DAY.ordinal()) {
            return Optional.empty();
        }
        boolean hasZone = value.isTimeZoneZulu() || value.getTimeZone() != null;
        if (hasZone && value.getPrecision().ordinal() > TemporalPrecisionEnum.DAY.ordinal()) {
            return Optional.of(value.getValue().toInstant().atZone(VIETNAM).toLocalDate());
        }
        return Optional.of(LocalDate.parse(value.getValueAsString().substring(0, 10)));
    }

    /** The value as a partial date (year, year-month or full day). */
    static Optional<PartialDate> partial(BaseDateTimeType value) {
        if (value == null || !value.hasValue()) {
            return Optional.empty();
        }
        if (value.getPrecision().ordinal() > TemporalPrecisionEnum.DAY.ordinal()) {
            return day(value).map(PartialDate::of);
        }
        return Optional.of(PartialDate.parse(value.getValueAsString()));
    }
}
