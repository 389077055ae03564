package org.citizenhub.sandbox.utility;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;

/** A bill as the simulated provider keeps it. Tests add odd ones (negative, duplicated) on purpose. */
public record SimulatedBill(YearMonth period, BigDecimal consumption, long amountVnd, LocalDate dueDate, boolean paid) {
}
