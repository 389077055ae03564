package org.citizenhub.sandbox.utility;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.citizenhub.mappings.citizen.SourceSystem;

/**
 * An account's last months of bills, drawn from a stream seeded by the account so they are the same
 * on every start. Amounts follow the providers' tariffs closely enough to look right: EVN's six
 * residential tiers (from 10 May 2025) plus 8% VAT, Đà Nẵng water's stepped domestic price plus fees.
 */
final class BillHistory {

    /** EVN residential tiers: kWh per tier and VND per kWh. */
    private static final int[] ELECTRICITY_TIER_KWH = {50, 50, 100, 100, 100, Integer.MAX_VALUE};
    private static final int[] ELECTRICITY_TIER_PRICE = {1_984, 2_050, 2_380, 2_998, 3_350, 3_460};
    /** Domestic water: m³ per tier and VND per m³ (VAT and environmental fee added on top). */
    private static final int[] WATER_TIER_M3 = {10, 10, 10, Integer.MAX_VALUE};
    private static final int[] WATER_TIER_PRICE = {6_700, 8_000, 9_500, 12_000};
    private static final int SANITATION_PRICE_PER_M3 = 2_500;

    private BillHistory() {
    }

    static List<SimulatedBill> of(SourceSystem provider, String customerCode, YearMonth lastPeriod, int months) {
        SplittableRandom random = new SplittableRandom(customerCode.hashCode() * 0x9E3779B97F4A7C15L + provider.ordinal());
        List<SimulatedBill> bills = new ArrayList<>(months);
        for (int back = months - 1; back >= 0; back--) {
            YearMonth period = lastPeriod.minusMonths(back);
            boolean paid = random.nextDouble() < (back == 0 ? 0.6 : back == 1 ? 0.9 : 0.99);
            bills.add(switch (provider) {
                case ELECTRICITY -> {
                    long kwh = Math.max(20, Math.round(180 + 70 * random.nextGaussian()));
                    long amount = Math.round(tiered(kwh, ELECTRICITY_TIER_KWH, ELECTRICITY_TIER_PRICE) * 1.08);
                    yield new SimulatedBill(period, BigDecimal.valueOf(kwh), amount, period.plusMonths(1).atDay(15), paid);
                }
                case WATER -> {
                    BigDecimal m3 = BigDecimal.valueOf(Math.max(2.0, 15 + 6 * random.nextGaussian())).setScale(1, RoundingMode.HALF_UP);
                    long amount = Math.round(tiered(m3.doubleValue(), WATER_TIER_M3, WATER_TIER_PRICE) * 1.15);
                    yield new SimulatedBill(period, m3, amount, period.plusMonths(1).atDay(20), paid);
                }
                default -> {
                    BigDecimal m3 = BigDecimal.valueOf(Math.max(2.0, 15 + 6 * random.nextGaussian())).setScale(1, RoundingMode.HALF_UP);
                    long amount = Math.round(m3.doubleValue() * SANITATION_PRICE_PER_M3);
                    yield new SimulatedBill(period, m3, amount, period.plusMonths(1).atDay(20), paid);
                }
            });
        }
        return bills;
    }

    private static double tiered(double quantity, int[] tierSizes, int[] tierPrices) {
        double left = quantity;
        double total = 0;
        for (int i = 0; i < tierSizes.length && left > 0; i++) {
            double inTier = Math.min(left, tierSizes[i]);
            total += inTier * tierPrices[i];
            left -= inTier;
        }
        return total;
    }
}
