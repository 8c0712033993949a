package it.attimo.core.scoring;

/**
 * Event B within T of event A → {@code inTime} points when B arrives; otherwise {@code missed} points that take
 * effect at the deadline A.time + T (elapsed time, so DST changes do not move it). A B at exactly the deadline is
 * in time. With {@code countEarlier}, a B seen before A satisfies A at once ("B has happened by the deadline").
 * Each A opens one window, up to the rule's {@code maxOccurrences}.
 */
final class TimedPairRule extends Rule {
    final EventMatcher first;
    final EventMatcher then;
    final long withinSeconds;
    final int withinNanos;
    final double inTime;
    final double missed;
    final boolean countEarlier;
    final String reasonInTime;
    final String reasonMissed;

    TimedPairRule(
            String id,
            int index,
            String label,
            int group,
            Limits limits,
            double halfLifeSeconds,
            EventMatcher first,
            EventMatcher then,
            java.time.Duration within,
            double inTime,
            double missed,
            boolean countEarlier) {
        super(id, index, label, group, limits, halfLifeSeconds);
        this.first = first;
        this.then = then;
        this.withinSeconds = within.getSeconds();
        this.withinNanos = within.getNano();
        this.inTime = inTime;
        this.missed = missed;
        this.countEarlier = countEarlier;
        this.reasonInTime = label + " (in time)";
        this.reasonMissed = label + " (deadline passed)";
    }
}
