package org.citizenhub.mappings.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class ParameterEstimatorTest {

    /** A comparison with fixed levels; EM only needs its level count. */
    private static Comparison levels(String name, int count) {
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add("l" + i);
        }
        return new Comparison(name, names, List.of(), null) {
            @Override
            public int level(int a, int b) {
                return MISSING;
            }
        };
    }

    @Test
    void recoversKnownParametersFromUnlabelledPatterns() {
        double[][] m = {{0.9, 0.1}, {0.8, 0.15, 0.05}, {0.95, 0.05}};
        double[][] u = {{0.05, 0.95}, {0.01, 0.09, 0.9}, {0.1, 0.9}};
        double prior = 0.2;
        SplittableRandom random = new SplittableRandom(1);
        int n = 200_000;
        long[] patterns = new long[n];
        for (int i = 0; i < n; i++) {
            double[][] p = random.nextDouble() < prior ? m : u;
            long pattern = 0;
            for (int c = 0; c < p.length; c++) {
                double r = random.nextDouble();
                int level = 0;
                while (level < p[c].length - 1 && r > p[c][level]) {
                    r -= p[c][level];
                    level++;
                }
                pattern = ParameterEstimator.withLevel(pattern, c, level);
            }
            patterns[i] = pattern;
        }
        List<Comparison> comparisons = List.of(levels("a", 2), levels("b", 3), levels("c", 2));
        MatchModel model = ParameterEstimator.estimate(comparisons, ParameterEstimator.count(patterns, n), 500);
        assertThat(model.prior()).isCloseTo(prior, within(0.01));
        for (int c = 0; c < m.length; c++) {
            for (int l = 0; l < m[c].length; l++) {
                assertThat(model.m(c, l)).as("m %d %d", c, l).isCloseTo(m[c][l], within(0.02));
                assertThat(model.u(c, l)).as("u %d %d", c, l).isCloseTo(u[c][l], within(0.02));
            }
        }
    }

    @Test
    void evidenceNeverGrowsFromOneLevelToTheNext() {
        double[] m = {0.5, 0.3, 0.2};
        double[] u = {0.1, 0.05, 0.85};
        ParameterEstimator.monotone(m, u);
        assertThat(m[0] / u[0]).isGreaterThanOrEqualTo(m[1] / u[1] - 1e-12);
        assertThat(m[1] / u[1]).isGreaterThanOrEqualTo(m[2] / u[2]);
        assertThat(m[0] + m[1] + m[2]).isCloseTo(1.0, within(1e-12));
    }
}
