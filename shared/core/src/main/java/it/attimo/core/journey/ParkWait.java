package it.attimo.core.journey;

import it.attimo.core.customer.Profile;
import it.attimo.core.json.Json;
import it.attimo.core.port.EventLog;
import it.attimo.core.port.JourneyRuntime;
import it.attimo.core.port.ProfileStore;
import it.attimo.core.port.WaitRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code park}: registers the task token as a wait for each wake key, and resumes it at once when the event already
 * happened (or the tier is already reached). A milestone watch ({@link ParkStep#milestonesOf()}) waits for the
 * journey's required milestones still missing, and fails the task with its {@code finishedError} once none is.
 */
public final class ParkWait {
    private final ProfileStore profiles;
    private final WaitRegistry waits;
    private final EventLog eventLog;
    private final JourneyRuntime runtime;
    private final Clock clock;
    private final JourneyCatalog catalog;

    /** Without the journeys' milestones: a milestone watch is refused. */
    public ParkWait(ProfileStore profiles, WaitRegistry waits, EventLog eventLog, JourneyRuntime runtime, Clock clock) {
        this(profiles, waits, eventLog, runtime, clock, null);
    }

    /** @param catalog the journeys whose required milestones a milestone watch waits for */
    public ParkWait(
            ProfileStore profiles,
            WaitRegistry waits,
            EventLog eventLog,
            JourneyRuntime runtime,
            Clock clock,
            JourneyCatalog catalog) {
        this.profiles = profiles;
        this.waits = waits;
        this.eventLog = eventLog;
        this.runtime = runtime;
        this.clock = clock;
        this.catalog = catalog;
    }

    public Map<String, Object> park(ParkStep p) {
        if (p.milestonesOf() != null) return watch(p);
        List<ParkedWait> parked = register(p, p.eventTypes());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("parked", p.eventTypes());
        // Checked after registering the wait: an event processed before that is in the log (or in the tier) now, and
        // one processed after it finds the wait. Both may resume; a closed token ignores the second.
        Instant after = p.after();
        Optional<String> already = alreadyHappened(
                p.customerId(),
                p.eventTypes(),
                after,
                p.timeoutSeconds() != null && after != null ? after.plusSeconds(p.timeoutOrDefault()) : null);
        if (already.isPresent()) {
            runtime.resume(p.taskToken(), already.get());
            parked.forEach(waits::remove);
            out.put("resumedAtOnce", true);
        }
        return out;
    }

    /**
     * The milestone watch: parks on the required milestones missing since {@code after}; checked again after
     * registering (as {@link #park} does), so a milestone reached in between resumes it at once, and none missing
     * fails the task with the journey's signal.
     */
    private Map<String, Object> watch(ParkStep p) {
        if (catalog == null) throw new IllegalArgumentException("milestone watches are not configured here");
        List<String> required = catalog.require(p.milestonesOf()).requiredKeys();
        List<String> missing = Milestones.missing(eventLog.history(p.customerId()), required, p.after());
        List<ParkedWait> parked = register(p, missing);
        List<String> left =
                missing.isEmpty() ? missing : Milestones.missing(eventLog.history(p.customerId()), required, p.after());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("parked", missing);
        out.put("missing", left);
        if (left.isEmpty()) {
            runtime.fail(
                    p.taskToken(),
                    p.finishedError(),
                    "every required milestone of " + p.milestonesOf() + " is reached");
            parked.forEach(waits::remove);
            out.put("finished", true);
        } else if (left.size() < missing.size()) {
            var n = Json.object();
            n.put("already", true);
            left.forEach(n.putArray("missing")::add);
            runtime.resume(p.taskToken(), n.toString());
            parked.forEach(waits::remove);
            out.put("resumedAtOnce", true);
        }
        return out;
    }

    private List<ParkedWait> register(ParkStep p, List<String> eventTypes) {
        Instant now = clock.instant();
        long timeout = p.timeoutOrDefault();
        List<ParkedWait> parked = new ArrayList<>();
        for (String type : eventTypes) {
            ParkedWait w = new ParkedWait(
                    p.customerId(),
                    type,
                    p.executionName(),
                    p.step(),
                    p.taskToken(),
                    now,
                    now.plusSeconds(timeout + 3600));
            waits.park(w);
            parked.add(w);
        }
        return parked;
    }

    /** The wake payload of a matching event already in the log after {@code after}, or of a tier already reached. */
    private Optional<String> alreadyHappened(String customerId, List<String> keys, Instant after, Instant until) {
        if (keys.stream().anyMatch(WakeKeys::isTier)) {
            Profile pr = profiles.find(customerId).orElse(null);
            for (String key : keys) {
                if (WakeKeys.tierReached(key, pr)) {
                    var n = Json.object();
                    n.put("type", key);
                    n.put("score", pr.score());
                    n.put("already", true);
                    return Optional.of(n.toString());
                }
            }
        }
        if (after == null) return Optional.empty();
        return WakeKeys.firstMatch(eventLog.history(customerId), keys, after, until)
                .map(e -> {
                    var n = Json.object();
                    n.put("eventId", e.id());
                    n.put("type", e.type());
                    n.put("time", e.time().toString());
                    return n.toString();
                });
    }
}
