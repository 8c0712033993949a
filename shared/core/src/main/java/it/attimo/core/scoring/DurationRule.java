package it.attimo.core.scoring;

/**
 * Points when a measured duration (seconds) passes a threshold: either a numeric data field of the matching event
 * ({@code durationSeconds}) or the time since the latest earlier event matching {@code since}.
 */
final class DurationRule extends Rule {
    final EventMatcher when;
    final String field; // null when measured with `since`
    final EventMatcher since; // null when measured with `field`
    final Condition threshold; // numeric comparison on the measured seconds, field name "seconds"
    final double points;
    final String reason;

    DurationRule(
            String id,
            int index,
            String label,
            int group,
            Limits limits,
            double halfLifeSeconds,
            EventMatcher when,
            String field,
            EventMatcher since,
            Condition threshold,
            double points) {
        super(id, index, label, group, limits, halfLifeSeconds);
        this.when = when;
        this.field = field;
        this.since = since;
        this.threshold = threshold;
        this.points = points;
        this.reason = label;
    }
}
