package it.attimo.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * EventBridge Scheduler on the virtual clock: each enabled schedule of template.yaml invokes its function's handler
 * with the schedule's Input whenever the clock passes an occurrence (several missed occurrences run once, like a
 * scheduler that was paused). The first occurrence counted is the first after the stack started.
 */
final class LocalSchedules {
    private final Clock clock;
    private final List<Entry> entries = new ArrayList<>();

    private static final class Entry {
        final SamTemplate.Schedule schedule;
        final ScheduleExpression expression;
        final LambdaFunction function;
        Optional<Instant> next;
        long runs;

        Entry(SamTemplate.Schedule schedule, ScheduleExpression expression, LambdaFunction function, Instant now) {
            this.schedule = schedule;
            this.expression = expression;
            this.function = function;
            this.next = expression.nextAfter(now);
        }
    }

    LocalSchedules(Clock clock, List<SamTemplate.Schedule> schedules, Map<String, LambdaFunction> functions) {
        this.clock = clock;
        for (SamTemplate.Schedule s : schedules) {
            LambdaFunction function = functions.get(s.functionLogicalId());
            if (function == null) {
                System.err.println("attimo: schedule " + s.eventName() + " of " + s.functionLogicalId()
                        + " skipped: the function is not loaded");
                continue;
            }
            try {
                entries.add(new Entry(
                        s,
                        ScheduleExpression.parse(s.expression(), ZoneId.of(s.timezone())),
                        function,
                        clock.instant()));
            } catch (RuntimeException e) {
                System.err.println("attimo: schedule " + s.eventName() + " of " + s.functionLogicalId() + " skipped: "
                        + e.getMessage());
            }
        }
    }

    /** After the clock was set back: every schedule's next occurrence from the clock's new instant. */
    synchronized void recompute() {
        Instant now = clock.instant();
        for (Entry e : entries) {
            e.next = e.expression.nextAfter(now);
        }
    }

    synchronized Optional<Instant> nextDue() {
        Instant due = null;
        for (Entry e : entries) {
            if (e.next.isPresent() && (due == null || e.next.get().isBefore(due))) {
                due = e.next.get();
            }
        }
        return Optional.ofNullable(due);
    }

    /** Runs every schedule whose occurrence has come; answers how many ran. A failing job is reported, not retried. */
    synchronized int fireDue() {
        Instant now = clock.instant();
        int ran = 0;
        for (Entry e : entries) {
            if (e.next.isEmpty() || e.next.get().isAfter(now)) {
                continue;
            }
            try {
                JsonNode input = LambdaFunction.MAPPER.readTree(e.schedule.input());
                LocalTimings.time("job " + e.schedule.eventName(), () -> e.function.invokeJson(input));
            } catch (Exception failure) {
                System.err.println(
                        "attimo: scheduled job " + e.schedule.eventName() + " (" + e.schedule.functionLogicalId()
                                + ") failed: " + failure.getClass().getSimpleName() + ": " + failure.getMessage());
            }
            e.runs++;
            ran++;
            e.next = e.expression.nextAfter(now);
        }
        return ran;
    }

    synchronized List<Map<String, Object>> describe() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Entry e : entries) {
            out.add(Map.of(
                    "name",
                    e.schedule.eventName(),
                    "function",
                    e.schedule.functionLogicalId(),
                    "expression",
                    e.expression.toString(),
                    "next",
                    e.next.map(Instant::toString).orElse("never"),
                    "runs",
                    e.runs));
        }
        return out;
    }
}
