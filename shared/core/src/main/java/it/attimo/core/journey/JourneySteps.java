package it.attimo.core.journey;

import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Contact;
import it.attimo.core.customer.JourneyRun;
import it.attimo.core.customer.Profile;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.json.Json;
import it.attimo.core.port.AccountManagerTasks;
import it.attimo.core.port.ChannelGateway;
import it.attimo.core.port.ContactStore;
import it.attimo.core.port.EventLog;
import it.attimo.core.port.JourneyRuntime;
import it.attimo.core.port.MessageLedger;
import it.attimo.core.port.ProfileStore;
import it.attimo.core.port.WaitRegistry;
import it.attimo.core.profile.ProcessCustomerEvents;
import it.attimo.core.timing.MessageKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The journey function's use case: the judgement behind each state-machine step. Payloads carry ids only.
 * Actions: {@code plan} (when to send), {@code dispatch} (re-check and send once), {@code park} (wait for an event),
 * {@code complete} (record the end of a journey on the profile), {@code timeline} (instants from an anchor),
 * {@code progress} (which milestones a customer has reached), {@code evaluate} (closing outcome of a journey),
 * {@code task} (open an account-manager task). Wait keys are {@link WakeKeys}.
 */
public final class JourneySteps {
    private static final Logger LOG = Logger.getLogger(JourneySteps.class.getName());
    static final int MARKETING_PER_DAY = 1;
    static final int MARKETING_PER_WEEK = 3;
    /** How far back sent messages hold against a new plan: the frequency caps' longest window. */
    static final Duration HELD_LOOKBACK = Duration.ofDays(7);

    private final ProfileStore profiles;
    private final ContactStore contacts;
    private final MessageLedger ledger;
    private final WaitRegistry waits;
    private final ChannelGateway gateway;
    private final SendPlanner planner;
    private final EventLog eventLog;
    private final JourneyRuntime runtime;
    private final AccountManagerTasks accountManagers;
    private final Clock clock;

    /** Without the event log, runtime and account-manager port: no early resume at park, no task action. */
    public JourneySteps(
            ProfileStore profiles,
            ContactStore contacts,
            MessageLedger ledger,
            WaitRegistry waits,
            ChannelGateway gateway,
            SendPlanner planner,
            Clock clock) {
        this(profiles, contacts, ledger, waits, gateway, planner, null, null, null, clock);
    }

    public JourneySteps(
            ProfileStore profiles,
            ContactStore contacts,
            MessageLedger ledger,
            WaitRegistry waits,
            ChannelGateway gateway,
            SendPlanner planner,
            EventLog eventLog,
            JourneyRuntime runtime,
            AccountManagerTasks accountManagers,
            Clock clock) {
        this.profiles = profiles;
        this.contacts = contacts;
        this.ledger = ledger;
        this.waits = waits;
        this.gateway = gateway;
        this.planner = planner;
        this.eventLog = eventLog;
        this.runtime = runtime;
        this.accountManagers = accountManagers;
        this.clock = clock;
    }

    /**
     * @throws IllegalArgumentException for a payload that can never succeed (not retried)
     * @throws TransientJourneyException for failures worth retrying (the state machines retry on this name)
     */
    public Map<String, Object> handle(Map<String, Object> payload) {
        String action = required(payload, "action");
        try {
            return switch (action) {
                case "plan" -> plan(payload);
                case "dispatch" -> dispatch(payload);
                case "park" -> park(payload);
                case "complete" -> complete(payload);
                case "timeline" -> timeline(payload);
                case "progress" -> progress(payload);
                case "evaluate" -> evaluate(payload);
                case "task" -> task(payload);
                default ->
                    throw new IllegalArgumentException("unknown action '" + action
                            + "' (plan, dispatch, park, complete, timeline, progress, evaluate, task)");
            };
        } catch (IllegalArgumentException | TransientJourneyException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TransientJourneyException(
                    action + " failed: " + e.getClass().getSimpleName(), e);
        }
    }

    private Map<String, Object> plan(Map<String, Object> p) {
        String customerId = required(p, "customerId");
        Channel channel = Channel.parse(required(p, "channel"));
        MessageKind kind = kindOf(text(p, "kind"));
        Instant anchor = instant(p, "anchor");
        Duration offset = duration(p, "offset", Duration.ZERO);
        Duration window = duration(p, "window", Duration.ofHours(24));
        Instant now = clock.instant();
        Instant target = anchor.plus(offset);
        Instant earliest = target.isBefore(now) ? now : target;
        Instant deadline = target.plus(window);
        Map<String, Object> out = new LinkedHashMap<>();
        Optional<Profile> profile = profiles.find(customerId);
        if (profile.isEmpty()) {
            out.put("skipped", true);
            out.put("reason", "no profile for this customer (erased or unknown)");
            return out;
        }
        String journey = text(p, "journey");
        String step = text(p, "step");
        String executionName =
                p.get("executionId") == null ? null : JourneyCatalog.executionNameOf(required(p, "executionId"));
        List<MessageRecord> ledgered = ledger.forCustomer(customerId);
        MessageRecord ownPlan = executionName == null || step == null
                ? null
                : ledgered.stream()
                        .filter(m -> m.messageId().equals(MessageRecord.planIdOf(executionName, step)))
                        .findFirst()
                        .orElse(null);
        // Ties go to the earlier plan, so plans are ordered: a retried plan keeps the moment it was first made, a new
        // one comes strictly after every plan already recorded for the customer (a clock may repeat an instant).
        Instant plannedAt = ownPlan != null && ownPlan.updatedAt() != null ? ownPlan.updatedAt() : now;
        if (ownPlan == null) {
            for (MessageRecord m : ledgered) {
                if (m.isPlan() && m.updatedAt() != null && !m.updatedAt().isBefore(plannedAt)) {
                    plannedAt = m.updatedAt().plusMillis(1);
                }
            }
        }
        List<SendPlanner.HeldSend> holders = holders(ledgered, executionName, kind, plannedAt, now);
        SendPlanner.PlannedSend plan =
                planner.plan(profile.get(), channel, kind, journey, step, earliest, deadline, holders);
        if (executionName != null && step != null) {
            ledger.recordPlan(new MessageRecord(
                    customerId,
                    MessageRecord.planIdOf(executionName, step),
                    journey,
                    executionName,
                    step,
                    channel,
                    kind.id(),
                    plan.skipped() ? earliest : plan.sendAt(),
                    plan.skipped() ? MessageRecord.PLAN_CLOSED : MessageRecord.PLANNED,
                    plan.skipped() ? "dropped at plan: " + plan.skippedReason() : null,
                    null,
                    plannedAt));
        }
        out.put("skipped", plan.skipped());
        if (plan.skipped()) {
            out.put("reason", plan.skippedReason());
        } else {
            out.put("sendAt", plan.sendAt().toString());
            out.put("localTime", plan.localTime().toString());
            out.put("suitability", plan.suitability());
        }
        out.put("reasons", new ArrayList<>(plan.reasons()));
        return out;
    }

    /**
     * Other journeys' sends that keep their slot against this plan: sent in the last {@link #HELD_LOOKBACK} (the
     * caps' longest window), or planned and not yet dispatched with a higher priority, or the same priority planned
     * before {@code plannedAt}. This execution's own records never count: its steps are spaced by design, and a
     * retried plan must not arbitrate against itself. A lower-priority plan made earlier does not hold: this send
     * goes, and that one is dropped at its dispatch (see {@link #overlap}).
     */
    private static List<SendPlanner.HeldSend> holders(
            List<MessageRecord> ledgered, String executionName, MessageKind kind, Instant plannedAt, Instant now) {
        Set<String> dispatched = new HashSet<>();
        for (MessageRecord m : ledgered) if (!m.isPlan()) dispatched.add(m.messageId());
        List<SendPlanner.HeldSend> held = new ArrayList<>();
        for (MessageRecord m : ledgered) {
            if (m.channel() == null || m.sendAt() == null || m.executionName() == null) continue;
            if (m.executionName().equals(executionName)) continue;
            if (m.sendAt().isBefore(now.minus(HELD_LOOKBACK))) continue;
            MessageKind theirs = kindOf(m);
            if (m.isPlan()) {
                if (!MessageRecord.PLANNED.equals(m.status()) || dispatched.contains(m.dispatchId())) continue;
                boolean wins = theirs.priority() > kind.priority()
                        || theirs.priority() == kind.priority()
                                && m.updatedAt() != null
                                && m.updatedAt().isBefore(plannedAt);
                if (!wins) continue;
                held.add(new SendPlanner.HeldSend(m.journey(), m.step(), m.channel(), theirs, m.sendAt(), false));
            } else if (MessageRecord.SENT.equals(m.status())) {
                held.add(new SendPlanner.HeldSend(m.journey(), m.step(), m.channel(), theirs, m.sendAt(), true));
            }
        }
        return held;
    }

    private static MessageKind kindOf(String kind) {
        return kind == null ? MessageKind.SERVICE : MessageKind.parse(kind);
    }

    private static MessageKind kindOf(MessageRecord m) {
        try {
            return kindOf(m.kind());
        } catch (IllegalArgumentException unknown) {
            return MessageKind.MARKETING;
        }
    }

    /**
     * The other side of plan-time arbitration: a send planned before a higher-priority journey claimed the same
     * moment is dropped when it comes due, if that journey's send (sent, or planned and not yet dispatched) is within
     * the planner's minimum gap of now. Transactional messages always go.
     */
    private String overlap(String customerId, String executionName, MessageKind kind, Instant now) {
        Duration gap = planner.overlapGap();
        if (kind == MessageKind.TRANSACTIONAL || gap.isZero()) return null;
        List<MessageRecord> ledgered = ledger.forCustomer(customerId);
        Set<String> dispatched = new HashSet<>();
        for (MessageRecord m : ledgered) if (!m.isPlan()) dispatched.add(m.messageId());
        for (MessageRecord m : ledgered) {
            if (m.sendAt() == null
                    || m.executionName() == null
                    || m.executionName().equals(executionName)) continue;
            boolean holds = m.isPlan()
                    ? MessageRecord.PLANNED.equals(m.status()) && !dispatched.contains(m.dispatchId())
                    : MessageRecord.SENT.equals(m.status());
            if (holds
                    && kindOf(m).priority() > kind.priority()
                    && Duration.between(m.sendAt(), now).abs().compareTo(gap) < 0) {
                return "overlap: " + m.journey() + " " + m.step() + " (higher priority) "
                        + (m.isPlan() ? "is planned at " : "was sent at ") + m.sendAt() + ", within " + gap.toHours()
                        + "h: dropped";
            }
        }
        return null;
    }

    /** Marks this execution's plan records that never reached a dispatch as no longer holding a slot. */
    private void closePlans(String customerId, String executionName, String step, String why, Instant now) {
        for (MessageRecord m : ledger.forCustomer(customerId)) {
            if (m.isPlan()
                    && MessageRecord.PLANNED.equals(m.status())
                    && executionName.equals(m.executionName())
                    && (step == null || step.equals(m.step()))) {
                ledger.recordPlan(m.with(MessageRecord.PLAN_CLOSED, why, null, now));
            }
        }
    }

    private Map<String, Object> dispatch(Map<String, Object> p) {
        String customerId = required(p, "customerId");
        String journey = required(p, "journey");
        String step = required(p, "step");
        Channel channel = Channel.parse(required(p, "channel"));
        MessageKind kind = kindOf(text(p, "kind"));
        String executionName = JourneyCatalog.executionNameOf(required(p, "executionId"));
        List<String> unless = texts(p, "unlessAny");
        if (!unless.isEmpty() && eventLog != null) {
            Instant since = p.get("since") == null ? null : instant(p, "since");
            Optional<CustomerEvent> done = WakeKeys.firstMatch(eventLog.history(customerId), unless, since, null);
            if (done.isPresent()) {
                closePlans(customerId, executionName, step, "obsolete", clock.instant());
                return result("obsolete", "the customer already did " + String.join(" or ", unless));
            }
        }
        Instant now = clock.instant();
        MessageRecord record = new MessageRecord(
                customerId,
                MessageRecord.messageIdOf(executionName, step),
                journey,
                executionName,
                step,
                channel,
                kind.id(),
                now,
                MessageRecord.RESERVED,
                null,
                null,
                now);

        Optional<Profile> profile = profiles.find(customerId);
        String blocked =
                profile.isEmpty() ? "no profile (erased or unknown)" : suppression(profile.get(), channel, kind, now);
        Contact contact = contacts.find(customerId).orElse(null);
        if (blocked == null && (contact == null || !contact.canReach(channel)))
            blocked = "no " + channel.id() + " address";
        if (blocked == null) blocked = overlap(customerId, executionName, kind, now);

        if (!ledger.reserve(blocked == null ? record : record.with(MessageRecord.SUPPRESSED, blocked, null, now))) {
            MessageRecord existing = ledger.forCustomer(customerId).stream()
                    .filter(m -> m.messageId().equals(record.messageId()))
                    .findFirst()
                    .orElse(null);
            if (existing == null || !MessageRecord.RESERVED.equals(existing.status())) {
                return result(
                        "duplicate", existing == null ? null : existing.status().toLowerCase());
            }
            // Reserved but never confirmed: the earlier attempt died around the provider call. The gateway receives
            // the same message key, so an idempotent gateway (the outbox) cannot deliver it twice. What blocks a send
            // now (erasure, consent withdrawn since) still wins.
            if (blocked != null) {
                ledger.update(existing.with(MessageRecord.SUPPRESSED, blocked, null, now));
                return result("suppressed", blocked);
            }
            LOG.info(() -> "re-dispatching unconfirmed message " + record.key());
        } else if (blocked != null) {
            String why = blocked;
            LOG.info(() -> "message " + record.key() + " suppressed: " + why);
            return result("suppressed", blocked);
        }
        Profile pr = profile.get();
        OutboundMessage message = new OutboundMessage(
                customerId,
                contact,
                channel,
                journey,
                step,
                kind.id(),
                journey + "." + step,
                pr.locale() == null ? "it-IT" : pr.locale(),
                pr.tone(),
                record.key(),
                now);
        String providerId = gateway.send(message);
        ledger.update(record.with(MessageRecord.SENT, null, providerId, clock.instant()));
        Map<String, Object> out = result("sent", null);
        out.put("messageKey", record.key());
        return out;
    }

    /** Why this message may not go now (consent withdrawn, caps), or null. Re-checked at send time on purpose. */
    private String suppression(Profile profile, Channel channel, MessageKind kind, Instant now) {
        var consent = profile.consents().get(channel.id());
        boolean needsExplicit = kind == MessageKind.MARKETING || kind == MessageKind.SURVEY;
        if (consent != null && !consent.granted()) return "consent for " + channel.id() + " withdrawn";
        if (needsExplicit && consent == null) return "no consent for " + kind.id() + " on " + channel.id();
        if (kind == MessageKind.MARKETING) {
            List<MessageRecord> day = ledger.sentSince(profile.customerId(), now.minus(Duration.ofHours(24)));
            if (day.stream()
                            .filter(m -> m.channel() == channel && "marketing".equals(m.kind()))
                            .count()
                    >= MARKETING_PER_DAY) {
                return "frequency cap: " + MARKETING_PER_DAY + " marketing " + channel.id() + " per day";
            }
            List<MessageRecord> week = ledger.sentSince(profile.customerId(), now.minus(Duration.ofDays(7)));
            if (week.stream().filter(m -> "marketing".equals(m.kind())).count() >= MARKETING_PER_WEEK) {
                return "frequency cap: " + MARKETING_PER_WEEK + " marketing messages per week";
            }
        }
        return null;
    }

    private Map<String, Object> park(Map<String, Object> p) {
        String customerId = required(p, "customerId");
        String token = required(p, "taskToken");
        String executionName = JourneyCatalog.executionNameOf(required(p, "executionId"));
        String step = text(p, "step") == null ? "wait" : text(p, "step");
        List<String> eventTypes = texts(p, "eventTypes");
        if (p.get("eventType") != null) eventTypes.add(p.get("eventType").toString());
        if (eventTypes.isEmpty()) throw new IllegalArgumentException("park needs eventType or eventTypes");
        Instant after = p.get("after") == null ? null : instant(p, "after");
        Instant now = clock.instant();
        boolean timeoutGiven = p.get("timeoutSeconds") instanceof Number;
        long timeout = timeoutGiven
                ? ((Number) p.get("timeoutSeconds")).longValue()
                : Duration.ofDays(7).toSeconds();
        List<ParkedWait> parked = new ArrayList<>();
        for (String type : eventTypes) {
            ParkedWait w =
                    new ParkedWait(customerId, type, executionName, step, token, now, now.plusSeconds(timeout + 3600));
            waits.park(w);
            parked.add(w);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("parked", eventTypes);
        // Checked after registering the wait: an event processed before that is in the log (or in the tier) now, and
        // one processed after it finds the wait. Both may resume; a closed token ignores the second.
        Optional<String> already = alreadyHappened(
                customerId, eventTypes, after, timeoutGiven && after != null ? after.plusSeconds(timeout) : null);
        if (already.isPresent() && runtime != null) {
            runtime.resume(token, already.get());
            parked.forEach(waits::remove);
            out.put("resumedAtOnce", true);
        }
        return out;
    }

    /** The wake payload of a matching event already in the log after {@code after}, or of a tier already reached. */
    private Optional<String> alreadyHappened(String customerId, List<String> keys, Instant after, Instant until) {
        if (runtime == null) return Optional.empty();
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
        if (after == null || eventLog == null) return Optional.empty();
        return WakeKeys.firstMatch(eventLog.history(customerId), keys, after, until)
                .map(e -> {
                    var n = Json.object();
                    n.put("eventId", e.id());
                    n.put("type", e.type());
                    n.put("time", e.time().toString());
                    return n.toString();
                });
    }

    private Map<String, Object> timeline(Map<String, Object> p) {
        Instant anchor = instant(p, "anchor");
        if (!(p.get("marks") instanceof Map<?, ?> marks) || marks.isEmpty()) {
            throw new IllegalArgumentException("timeline needs marks: {name: ISO-8601 duration}");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> m : marks.entrySet()) {
            String name = m.getKey().toString();
            out.put(
                    name,
                    anchor.plus(duration(Map.of(name, String.valueOf(m.getValue())), name, Duration.ZERO))
                            .toString());
        }
        return out;
    }

    private Map<String, Object> progress(Map<String, Object> p) {
        String customerId = required(p, "customerId");
        List<String> required = texts(p, "required");
        if (required.isEmpty()) throw new IllegalArgumentException("progress needs required: [wake keys]");
        Instant since = p.get("since") == null ? null : instant(p, "since");
        List<String> missing = Milestones.missing(history(customerId), required, since);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("finished", missing.isEmpty());
        out.put("missing", missing);
        return out;
    }

    private Map<String, Object> evaluate(Map<String, Object> p) {
        String customerId = required(p, "customerId");
        String journey = required(p, "journey");
        List<String> requiredKeys = texts(p, "required");
        Instant since = p.get("since") == null ? null : instant(p, "since");
        boolean finished = !requiredKeys.isEmpty()
                && Milestones.missing(history(customerId), requiredKeys, since).isEmpty();
        String tier = profiles.find(customerId).map(Profile::tier).orElse(null);
        String outcome = OnboardingOutcome.of(finished, tier);
        Map<String, Object> completion = new LinkedHashMap<>(p);
        completion.put("outcome", outcome);
        completion.put("journey", journey);
        complete(completion);
        Map<String, Object> out = result("completed", null);
        out.put("outcome", outcome);
        out.put("finished", finished);
        out.put("tier", tier);
        return out;
    }

    private Map<String, Object> task(Map<String, Object> p) {
        String customerId = required(p, "customerId");
        String reason = required(p, "reason");
        String executionName = JourneyCatalog.executionNameOf(required(p, "executionId"));
        if (accountManagers == null) throw new IllegalArgumentException("no account-manager task port is configured");
        if (profiles.find(customerId).isEmpty()) return result("skipped", "no profile (erased or unknown)");
        accountManagers.open(customerId, reason, executionName);
        return result("opened", null);
    }

    private List<CustomerEvent> history(String customerId) {
        if (eventLog == null) throw new IllegalArgumentException("this journey function has no event log configured");
        return eventLog.history(customerId);
    }

    private Map<String, Object> complete(Map<String, Object> p) {
        String customerId = required(p, "customerId");
        String executionName = JourneyCatalog.executionNameOf(required(p, "executionId"));
        String status = text(p, "status") == null ? "SUCCEEDED" : text(p, "status");
        Instant now = clock.instant();
        for (ParkedWait w : waits.forCustomer(customerId)) {
            if (w.executionName().equals(executionName)) waits.remove(w);
        }
        closePlans(customerId, executionName, null, "journey ended", now);
        ProcessCustomerEvents.update(profiles, customerId, pr -> {
            List<JourneyRun> runs = new ArrayList<>();
            for (JourneyRun r : pr.journeys()) {
                runs.add(
                        r.executionName().equals(executionName)
                                ? new JourneyRun(r.journey(), r.executionName(), r.startedAt(), status, now)
                                : r);
            }
            Profile updated = pr.withJourneys(runs);
            if (p.get("outcome") != null) {
                Map<String, String> outcomes = new LinkedHashMap<>(pr.outcomes());
                outcomes.put(required(p, "journey"), p.get("outcome").toString());
                updated = updated.withOutcomes(outcomes);
            }
            return updated;
        });
        return result("completed", null);
    }

    private static Map<String, Object> result(String status, String reason) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", status);
        if (reason != null) out.put("reason", reason);
        return out;
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

    private static Duration duration(Map<String, Object> p, String field, Duration dflt) {
        String v = text(p, field);
        if (v == null) return dflt;
        try {
            return Duration.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be an ISO-8601 duration like PT24H");
        }
    }
}
