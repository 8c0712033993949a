package it.attimo.core.analytics;

/**
 * Gauss's hypergeometric function 2F1(a, b; c; z) for 0 ≤ z < 1 by its power series, each term from the previous one
 * (term ratio (a+n)(b+n) z / ((c+n)(n+1))). The BG/NBD formulas call it with small a and b after Euler's
 * transformation ({@link BgNbdModel}), so the series converges geometrically in z with no overflow.
 */
final class Hypergeometric {
    static final int MAX_TERMS = 1_000_000;
    private static final double RELATIVE_TOLERANCE = 1e-15;

    private Hypergeometric() {}

    static double hyp2f1(double a, double b, double c, double z) {
        if (!(z >= 0 && z < 1)) throw new IllegalArgumentException("2F1 is evaluated for 0 <= z < 1, got " + z);
        if (c <= 0 && c == Math.rint(c)) throw new IllegalArgumentException("2F1 is undefined for c = " + c);
        double sum = 1;
        double term = 1;
        for (int n = 0; n < MAX_TERMS; n++) {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            sum += term;
            if (term == 0 || Math.abs(term) <= RELATIVE_TOLERANCE * Math.abs(sum)) return sum;
        }
        return sum;
    }
}
