package it.attimo.core.analytics;

/**
 * The four BG/NBD parameters: purchase rates are gamma(r, alpha) across customers, the drop-out probability after
 * each purchase is beta(a, b).
 */
public record BgNbdParameters(double r, double alpha, double a, double b) {
    public BgNbdParameters {
        if (!(r > 0 && alpha > 0 && a > 0 && b > 0) || !Double.isFinite(r + alpha + a + b)) {
            throw new IllegalArgumentException("BG/NBD parameters must be finite and positive: r=" + r + " alpha="
                    + alpha + " a=" + a + " b=" + b);
        }
    }
}
