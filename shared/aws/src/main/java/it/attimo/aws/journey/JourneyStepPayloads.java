package it.attimo.aws.journey;

import it.attimo.core.channel.Channel;
import it.attimo.core.journey.CompleteStep;
import it.attimo.core.journey.CouponStep;
import it.attimo.core.journey.DispatchStep;
import it.attimo.core.journey.EvaluateStep;
import it.attimo.core.journey.ExecutionNames;
import it.attimo.core.journey.JourneyStep;
import it.attimo.core.journey.ParkStep;
import it.attimo.core.journey.PlanOptions;
import it.attimo.core.journey.PlanStep;
import it.attimo.core.journey.ProgressStep;
import it.attimo.core.journey.TaskStep;
import it.attimo.core.journey.TimelineStep;
import it.attimo.core.timing.MessageKind;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The journey function's payload (the state machines' Task Parameters) read once into a {@link JourneyStep}. Field
 * names are the ASL contract; an execution ARN is reduced to its name. A payload that can never succeed is an
 * {@link IllegalArgumentException} naming the field and the form it expects.
 */
public final class JourneyStepPayloads {
    private JourneyStepPayloads() {}

    public static JourneyStep parse(Map<String, Object> p) {
        String action = required(p, "action");
        return switch (action) {
            case "plan" -> plan(p);
            case "dispatch" -> dispatch(p);
            case "park" -> park(p);
            case "complete" -> complete(p);
            case "timeline" -> timeline(p);
            case "progress" -> progress(p);
            case "evaluate" -> evaluate(p);
            case "task" -> task(p);
            case "coupon" -> coupon(p);
            default ->
                throw new IllegalArgumentException(
                        "unknown action '" + action + "' (" + String.join(", ", JourneyStep.ACTIONS) + ")");
        };
    }

    private static PlanStep plan(Map<String, Object> p) {
        String customerId = required(p, "customerId");
        Channel channel = Channel.parse(required(p, "channel"));
        MessageKind kind = kind(p);
        Instant anchor = instant(p, "anchor");
        Duration offset = duration(p, "offset");
        Duration window = duration(p, "window");
        String executionName = p.get("executionId") == null ? null : executionName(p);
        return new PlanStep(
                customerId,
                channel,
                kind,
                anchor,
                offset,
                window,
                text(p, "journey"),
                text(p, "step"),
                executionName,
                planOptions(p));
    }

    /** {@code channels} (ordered), {@code offsetByArea} ({Nord, Centro, Sud e Isole: duration}), {@code start}. */
    private static PlanOptions planOptions(Map<String, Object> p) {
        List<Channel> channels = new ArrayList<>();
        for (String c : texts(p, "channels")) channels.add(Channel.parse(c));
        Map<String, Duration> byArea = new LinkedHashMap<>();
        Object areas = p.get("offsetByArea");
        if (areas != null) {
            if (!(areas instanceof Map<?, ?> m))
                throw new IllegalArgumentException("offsetByArea must be an object {area group: ISO-8601 duration}");
            for (Map.Entry<?, ?> e : m.entrySet()) {
                byArea.put(e.getKey().toString(), duration("offsetByArea." + e.getKey(), String.valueOf(e.getValue())));
            }
        }
        return new PlanOptions(channels, byArea, text(p, "start"));
    }

    private static CouponStep coupon(Map<String, Object> p) {
        return new CouponStep(
                required(p, "customerId"),
                executionName(p),
                required(p, "step"),
                text(p, "orderId"),
                text(p, "reason"));
    }

    private static DispatchStep dispatch(Map<String, Object> p) {
        String customerId = required(p, "customerId");
        String journey = required(p, "journey");
        String step = required(p, "step");
        Channel channel = Channel.parse(required(p, "channel"));
        MessageKind kind = kind(p);
        String executionName = executionName(p);
        List<String> unless = texts(p, "unlessAny");
        // since only matters for unlessAny, and was only read then
        Instant since = unless.isEmpty() ? null : optionalInstant(p, "since");
        return new DispatchStep(
                customerId,
                journey,
                step,
                channel,
                kind,
                executionName,
                unless,
                since,
                context(p),
                bool(p, "skipped"),
                next(p));
    }

    /**
     * {@code next}: the plan payload of the journey's next send (without {@code action}); its {@code customerId},
     * {@code journey} and {@code executionId} are the dispatch's unless it names them.
     */
    private static PlanStep next(Map<String, Object> p) {
        Object next = p.get("next");
        if (next == null) return null;
        if (!(next instanceof Map<?, ?> m)) throw new IllegalArgumentException("next must be an object (a plan)");
        Map<String, Object> plan = new LinkedHashMap<>();
        for (String inherited : List.of("customerId", "journey", "executionId")) plan.put(inherited, p.get(inherited));
        m.forEach((k, v) -> plan.put(k.toString(), v));
        if (plan.containsKey("action")) throw new IllegalArgumentException("next is a plan: it takes no action");
        return plan(plan);
    }

    /** Absent: false. */
    private static boolean bool(Map<String, Object> p, String field) {
        Object v = p.get(field);
        if (v == null) return false;
        if (v instanceof Boolean b) return b;
        throw new IllegalArgumentException(field + " must be true or false");
    }

    /** {@code context}: an object of ids (strings, numbers or booleans); a null value is left out. */
    private static Map<String, String> context(Map<String, Object> p) {
        Object v = p.get("context");
        if (v == null) return Map.of();
        if (!(v instanceof Map<?, ?> m)) throw new IllegalArgumentException("context must be an object of ids");
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            Object value = e.getValue();
            if (value == null) continue;
            if (value instanceof Map<?, ?> || value instanceof List<?>) {
                throw new IllegalArgumentException("context." + e.getKey() + " must be a string, number or boolean");
            }
            out.put(e.getKey().toString(), value.toString());
        }
        return out;
    }

    private static ParkStep park(Map<String, Object> p) {
        String customerId = required(p, "customerId");
        String token = required(p, "taskToken");
        String executionName = executionName(p);
        String step = text(p, "step");
        List<String> eventTypes = texts(p, "eventTypes");
        if (p.get("eventType") != null) eventTypes.add(p.get("eventType").toString());
        Instant after = optionalInstant(p, "after");
        Long timeout = p.get("timeoutSeconds") instanceof Number n ? n.longValue() : null;
        return new ParkStep(
                customerId,
                token,
                executionName,
                step,
                eventTypes,
                after,
                timeout,
                text(p, "milestonesOf"),
                text(p, "finishedError"));
    }

    private static CompleteStep complete(Map<String, Object> p) {
        String customerId = required(p, "customerId");
        String executionName = executionName(p);
        String outcome = text(p, "outcome");
        return new CompleteStep(
                customerId,
                executionName,
                text(p, "status"),
                outcome == null ? text(p, "journey") : required(p, "journey"),
                outcome);
    }

    private static TimelineStep timeline(Map<String, Object> p) {
        Instant anchor = instant(p, "anchor");
        if (!(p.get("marks") instanceof Map<?, ?> marks) || marks.isEmpty()) {
            throw new IllegalArgumentException("timeline needs marks: {name: ISO-8601 duration}");
        }
        Map<String, Duration> durations = new LinkedHashMap<>();
        for (Map.Entry<?, ?> m : marks.entrySet()) {
            String name = m.getKey().toString();
            durations.put(name, duration(name, String.valueOf(m.getValue())));
        }
        return new TimelineStep(anchor, durations);
    }

    private static ProgressStep progress(Map<String, Object> p) {
        String customerId = required(p, "customerId");
        return new ProgressStep(customerId, text(p, "journey"), texts(p, "required"), optionalInstant(p, "since"));
    }

    private static EvaluateStep evaluate(Map<String, Object> p) {
        String customerId = required(p, "customerId");
        String journey = required(p, "journey");
        List<String> required = texts(p, "required");
        Instant since = optionalInstant(p, "since");
        return new EvaluateStep(customerId, journey, executionName(p), required, since, text(p, "status"));
    }

    private static TaskStep task(Map<String, Object> p) {
        String customerId = required(p, "customerId");
        String reason = required(p, "reason");
        return new TaskStep(customerId, reason, executionName(p));
    }

    private static String executionName(Map<String, Object> p) {
        return ExecutionNames.nameOf(required(p, "executionId"));
    }

    /** Absent: a service message. */
    private static MessageKind kind(Map<String, Object> p) {
        String kind = text(p, "kind");
        return kind == null ? MessageKind.SERVICE : MessageKind.parse(kind);
    }

    private static String text(Map<String, Object> p, String field) {
        Object v = p.get(field);
        return v == null ? null : v.toString();
    }

    private static List<String> texts(Map<String, Object> p, String field) {
        List<String> out = new ArrayList<>();
        Object v = p.get(field);
        if (v instanceof List<?> l) l.forEach(t -> out.add(String.valueOf(t)));
        else if (v != null) throw new IllegalArgumentException(field + " must be a list");
        return out;
    }

    private static String required(Map<String, Object> p, String field) {
        String v = text(p, field);
        if (v == null || v.isBlank()) throw new IllegalArgumentException(field + " is required");
        return v;
    }

    private static Instant instant(Map<String, Object> p, String field) {
        try {
            return Instant.parse(required(p, field));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be an ISO-8601 instant");
        }
    }

    private static Instant optionalInstant(Map<String, Object> p, String field) {
        return p.get(field) == null ? null : instant(p, field);
    }

    /** Absent: null, the step's default. */
    private static Duration duration(Map<String, Object> p, String field) {
        String v = text(p, field);
        return v == null ? null : duration(field, v);
    }

    private static Duration duration(String field, String value) {
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be an ISO-8601 duration like PT24H");
        }
    }
}
