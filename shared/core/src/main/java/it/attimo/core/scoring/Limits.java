package it.attimo.core.scoring;

/**
 * Caps on a rule or a group, applied in the order contributions take effect. {@code maxPoints} bounds the running
 * total from above, {@code minPoints} from below; a contribution is cut to what still fits. The running total is
 * the value at the instant the contribution takes effect: nominal points, or decayed points when decay is in play
 * (so a decaying cap refills as old points fade). {@code maxOccurrences} counts firings (a firing cut to zero by a points cap still counts).
 */
record Limits(int maxOccurrences, double maxPoints, double minPoints) {
    static final Limits NONE = new Limits(Integer.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);

    /** The part of {@code points} that fits, given the running {@code total} so far. */
    double fit(double total, double points) {
        if (points > 0) return Math.max(0, Math.min(points, maxPoints - total));
        if (points < 0) return Math.min(0, Math.max(points, minPoints - total));
        return 0;
    }
}
