package org.citizenhub.mappings.identity;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Fellegi–Sunter parameters: for every comparison and agreement level the probability m of that level
 * among pairs of the same person and u among pairs of different people, and the prior probability that
 * a candidate pair is a match. Estimated without labels by {@link ParameterEstimator}; can be saved and
 * loaded so that the hub's incremental index uses the parameters of a batch run.
 */
public final class MatchModel {

    private static final double FLOOR = 1e-5;

    private final List<String> comparisonNames;
    private final double[][] m;
    private final double[][] u;
    private final double prior;
    private final double[][] weights;
    private final double priorWeight;

    public MatchModel(List<String> comparisonNames, double[][] m, double[][] u, double prior) {
        this.comparisonNames = List.copyOf(comparisonNames);
        this.m = m;
        this.u = u;
        this.prior = Math.min(Math.max(prior, 1e-9), 1 - 1e-9);
        this.weights = new double[m.length][];
        for (int c = 0; c < m.length; c++) {
            weights[c] = new double[m[c].length];
            for (int l = 0; l < m[c].length; l++) {
                weights[c][l] = log2(Math.max(m[c][l], FLOOR) / Math.max(u[c][l], FLOOR));
            }
        }
        this.priorWeight = log2(this.prior / (1 - this.prior));
    }

    public List<String> comparisonNames() {
        return comparisonNames;
    }

    /** Match weight in bits of a comparison's level: log2(m/u). */
    public double weight(int comparison, int level) {
        return weights[comparison][level];
    }

    public double m(int comparison, int level) {
        return m[comparison][level];
    }

    public double u(int comparison, int level) {
        return u[comparison][level];
    }

    public double prior() {
        return prior;
    }

    /** log2 of the prior odds. */
    public double priorWeight() {
        return priorWeight;
    }

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** Match probability of a total weight in bits (prior included). */
    public static double probability(double weight) {
        return 1.0 / (1.0 + Math.pow(2, -weight));
    }

    /** Writes the model as a properties file ({@code m.dob.2 = 0.013}, ...). */
    public void write(Writer out, List<Comparison> comparisons) throws IOException {
        Properties p = new Properties();
        p.setProperty("prior", Double.toString(prior));
        p.setProperty("comparisons", String.join(",", comparisonNames));
        for (int c = 0; c < m.length; c++) {
            p.setProperty("levels." + comparisonNames.get(c), String.join(",", comparisons.get(c).levels()));
            for (int l = 0; l < m[c].length; l++) {
                p.setProperty("m." + comparisonNames.get(c) + "." + l, String.format(Locale.ROOT, "%.9g", m[c][l]));
                p.setProperty("u." + comparisonNames.get(c) + "." + l, String.format(Locale.ROOT, "%.9g", u[c][l]));
            }
        }
        p.store(out, "Fellegi-Sunter parameters estimated by EM without labels");
    }

    /** Reads a model written by {@link #write}; the comparisons must be those of the configuration in use. */
    public static MatchModel read(Reader in, List<Comparison> comparisons) throws IOException {
        Properties p = new Properties();
        p.load(in);
        List<String> names = new ArrayList<>();
        double[][] m = new double[comparisons.size()][];
        double[][] u = new double[comparisons.size()][];
        for (int c = 0; c < comparisons.size(); c++) {
            Comparison comparison = comparisons.get(c);
            names.add(comparison.name());
            int levels = comparison.levels().size();
            m[c] = new double[levels];
            u[c] = new double[levels];
            for (int l = 0; l < levels; l++) {
                String mv = p.getProperty("m." + comparison.name() + "." + l);
                String uv = p.getProperty("u." + comparison.name() + "." + l);
                if (mv == null || uv == null) {
                    throw new IOException("model has no parameters for " + comparison.name() + " level " + l);
                }
                m[c][l] = Double.parseDouble(mv);
                u[c][l] = Double.parseDouble(uv);
            }
        }
        return new MatchModel(names, m, u, Double.parseDouble(p.getProperty("prior", "0.01")));
    }
}
