package it.attimo.core.scoring;

/** A compiled scoring rule: the parts every kind shares (identity, group, caps, decay). */
abstract sealed class Rule permits PointsRule, TimedPairRule, DurationRule {
    final String id;
    final int index;
    final String label;
    final int group; // index into the plan's groups, -1 for none
    final Limits limits;
    final double halfLifeSeconds; // 0: no decay

    Rule(String id, int index, String label, int group, Limits limits, double halfLifeSeconds) {
        this.id = id;
        this.index = index;
        this.label = label;
        this.group = group;
        this.limits = limits;
        this.halfLifeSeconds = halfLifeSeconds;
    }

    /** Factor applied to points that took effect {@code ageSeconds} before the evaluation instant. */
    final double decay(double ageSeconds) {
        if (halfLifeSeconds == 0 || ageSeconds <= 0) return 1.0;
        return Math.pow(0.5, ageSeconds / halfLifeSeconds);
    }
}
