package org.citizenhub.sandbox.synthetic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Items with relative weights, drawn by binary search over cumulative weights. Immutable; the
 * caller brings the random stream, so the same table serves many deterministic streams.
 */
final class WeightedTable<T> {

    private final List<T> items;
    private final double[] cumulative;

    private WeightedTable(List<T> items, double[] cumulative) {
        this.items = items;
        this.cumulative = cumulative;
    }

    static <T> Builder<T> builder() {
        return new Builder<>();
    }

    T pick(SplittableRandom random) {
        double x = random.nextDouble() * cumulative[cumulative.length - 1];
        int i = Arrays.binarySearch(cumulative, x);
        int index = i >= 0 ? i + 1 : -i - 1;
        return items.get(Math.min(index, items.size() - 1));
    }

    List<T> items() {
        return items;
    }

    static final class Builder<T> {
        private final List<T> items = new ArrayList<>();
        private final List<Double> weights = new ArrayList<>();

        Builder<T> add(T item, double weight) {
            if (weight < 0) {
                throw new IllegalArgumentException("negative weight");
            }
            if (weight > 0) {
                items.add(item);
                weights.add(weight);
            }
            return this;
        }

        WeightedTable<T> build() {
            if (items.isEmpty()) {
                throw new IllegalStateException("a weighted table needs at least one item");
            }
            double[] cumulative = new double[weights.size()];
            double sum = 0;
            for (int i = 0; i < cumulative.length; i++) {
                sum += weights.get(i);
                cumulative[i] = sum;
            }
            return new WeightedTable<>(List.copyOf(items), cumulative);
        }
    }
}
