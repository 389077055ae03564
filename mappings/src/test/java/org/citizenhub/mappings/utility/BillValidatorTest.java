package org.citizenhub.mappings.utility;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.stream.Stream;

import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.id.DataQualityFinding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BillValidatorTest {

    private static final YearMonth CURRENT = YearMonth.of(2025, 10);
    private final BillValidator validator = new BillValidator();

    private static Bill bill(YearMonth period, String consumption, long amount, LocalDate due, boolean paid) {
        return new Bill(SourceSystem.ELECTRICITY, "PC0500000001", period, new BigDecimal(consumption), amount, due, paid);
    }

    private static Bill september() {
        return bill(YearMonth.of(2025, 9), "152", 412_345L, LocalDate.of(2025, 10, 15), false);
    }

    @Test
    void keepsPlausibleBills() {
        Bill august = bill(YearMonth.of(2025, 8), "140", 380_100L, LocalDate.of(2025, 9, 15), true);
        CheckedBills checked = validator.check(List.of(august, september()), CURRENT);
        assertThat(checked.accepted()).containsExactly(august, september());
        assertThat(checked.rejected()).isEmpty();
        assertThat(checked.findings()).isEmpty();
        assertThat(september().key()).isEqualTo("ELECTRICITY:PC0500000001:2025-09");
        assertThat(september().isOverdue(LocalDate.of(2025, 10, 16))).isTrue();
        assertThat(september().isOverdue(LocalDate.of(2025, 10, 15))).isFalse();
    }

    static Stream<Arguments> impossibleBills() {
        return Stream.of(
                Arguments.of(bill(YearMonth.of(2025, 9), "152", -412_345L, LocalDate.of(2025, 10, 15), false), "amountVnd is negative"),
                Arguments.of(bill(YearMonth.of(2025, 9), "-3", 412_345L, LocalDate.of(2025, 10, 15), false), "consumption is negative"),
                Arguments.of(bill(YearMonth.of(1999, 12), "152", 412_345L, LocalDate.of(2000, 1, 15), true), "period is before 2000-01"),
                Arguments.of(bill(YearMonth.of(2025, 11), "152", 412_345L, LocalDate.of(2025, 12, 15), false), "period is after the current month"),
                Arguments.of(bill(YearMonth.of(2025, 9), "152", 412_345L, LocalDate.of(2025, 8, 31), false), "dueDate is before the billing period"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("impossibleBills")
    void refusesABillThatCannotBeTrue(Bill bill, String reason) {
        Bill july = bill(YearMonth.of(2025, 7), "140", 380_100L, LocalDate.of(2025, 8, 15), true);
        CheckedBills checked = validator.check(List.of(july, bill), CURRENT);
        assertThat(checked.accepted()).as("the other bills of the account are kept").containsExactly(july);
        assertThat(checked.rejected()).singleElement().satisfies(r -> {
            assertThat(r.reason()).startsWith(reason);
            assertThat(r.billKey()).isEqualTo(bill.key());
        });
    }

    @Test
    void aBillSentTwiceIsKeptOnceWithAFinding() {
        CheckedBills checked = validator.check(List.of(september(), september()), CURRENT);
        assertThat(checked.accepted()).containsExactly(september());
        assertThat(checked.findings()).extracting(DataQualityFinding::field).containsExactly("period");
    }

    @Test
    void twoDifferentBillsForOnePeriodAreBothRefused() {
        Bill corrected = bill(YearMonth.of(2025, 9), "152", 400_000L, LocalDate.of(2025, 10, 15), false);
        CheckedBills checked = validator.check(List.of(september(), corrected), CURRENT);
        assertThat(checked.accepted()).isEmpty();
        assertThat(checked.rejected()).hasSize(2)
                .allSatisfy(r -> assertThat(r.reason()).isEqualTo("conflicting bills for the same account and period"));
    }

    @Test
    void aDueDateYearsLaterIsAFinding() {
        Bill late = bill(YearMonth.of(2024, 1), "100", 200_000L, LocalDate.of(2025, 6, 1), true);
        CheckedBills checked = validator.check(List.of(late), CURRENT);
        assertThat(checked.accepted()).containsExactly(late);
        assertThat(checked.findings()).extracting(DataQualityFinding::field).containsExactly("dueDate");
    }
}
