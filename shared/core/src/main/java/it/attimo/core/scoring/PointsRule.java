package it.attimo.core.scoring;

/** Points for every event that matches ({@code form.completed} with {@code errors = 0} → +15). */
final class PointsRule extends Rule {
    final EventMatcher when;
    final double points;
    final String reason;

    PointsRule(
            String id,
            int index,
            String label,
            int group,
            Limits limits,
            double halfLifeSeconds,
            EventMatcher when,
            double points) {
        super(id, index, label, group, limits, halfLifeSeconds);
        this.when = when;
        this.points = points;
        this.reason = label;
    }
}
