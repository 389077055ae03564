package org.citizenhub.mappings.utility;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Objects;

import org.citizenhub.mappings.citizen.SourceSystem;

/**
 * One bill of a utility account, as the provider's connector read it: types are checked (a period
 * is a month, an amount a whole number of đồng), meaning is not — {@link BillValidator} does that.
 *
 * @param consumption kWh for electricity, m³ for water and sanitation
 * @param amountVnd   the amount due in đồng (VND has no minor unit)
 */
public record Bill(SourceSystem provider, String customerCode, YearMonth period, BigDecimal consumption,
                   long amountVnd, LocalDate dueDate, boolean paid) {

    public Bill {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(customerCode, "customerCode");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(consumption, "consumption");
        Objects.requireNonNull(dueDate, "dueDate");
    }

    /** One bill per account and period: {@code WATER:DNW00000042:2025-09}. Storing by it makes a re-sync a no-op. */
    public String key() {
        return provider.name() + ":" + customerCode + ":" + period;
    }

    public boolean isOverdue(LocalDate today) {
        return !paid && today.isAfter(dueDate);
    }
}
