package it.attimo.core.journey;

import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Contact;
import it.attimo.core.customer.JourneyRun;
import it.attimo.core.customer.Profile;
import it.attimo.core.port.ChannelGateway;
import it.attimo.core.port.ContactStore;
import it.attimo.core.port.MessageLedger;
import it.attimo.core.port.ProfileStore;
import it.attimo.core.port.WaitRegistry;
import it.attimo.core.profile.ProcessCustomerEvents;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The journey function's use case: the judgement behind each state-machine step. Payloads carry ids only.
 * Actions: {@code plan} (when to send), {@code dispatch} (re-check and send once), {@code park} (wait for an event),
 * {@code complete} (record the end of a journey on the profile).
 */
public final class JourneySteps {
    private static final Logger LOG = Logger.getLogger(JourneySteps.class.getName());
    static final int MARKETING_PER_DAY = 1;
    static final int MARKETING_PER_WEEK = 3;

    private final ProfileStore profiles;
    private final ContactStore contacts;
    private final MessageLedger ledger;
    private final WaitRegistry waits;
    private final ChannelGateway gateway;
    private final SendPlanner planner;
    private final Clock clock;

    public JourneySteps(ProfileStore profiles, ContactStore contacts, MessageLedger ledger, WaitRegistry waits,
                        ChannelGateway gateway, SendPlanner planner, Clock clock) {
        this.profiles = profiles;
        this.contacts = contacts;
        this.ledger = ledger;
        this.waits = waits;
        this.gateway = gateway;
        this.planner = planner;
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
                default -> throw new IllegalArgumentException("unknown action '" + action + "' (plan, dispatch, park, complete)");
            };
        } catch (IllegalArgumentException | TransientJourneyException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TransientJourneyException(action + " failed: " + e.getClass().getSimpleName(), e);
        }
    }

    private Map<String, Object> plan(Map<String, Object> p) {
        String customerId = required(p, "customerId");
        Channel channel = Channel.parse(required(p, "channel"));
        MessageKind kind = MessageKind.parse(text(p, "kind"));
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
        SendPlanner.PlannedSend plan = planner.plan(profile.get(), channel, kind, text(p, "journey"), earliest, deadline);
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

    private Map<String, Object> dispatch(Map<String, Object> p) {
        String customerId = required(p, "customerId");
        String journey = required(p, "journey");
        String step = required(p, "step");
        Channel channel = Channel.parse(required(p, "channel"));
        MessageKind kind = MessageKind.parse(text(p, "kind"));
        String executionName = JourneyCatalog.executionNameOf(required(p, "executionId"));
        Instant now = clock.instant();
        MessageRecord record = new MessageRecord(customerId, MessageRecord.messageIdOf(executionName, step), journey,
                executionName, step, channel, kind.id(), now, MessageRecord.RESERVED, null, null, now);

        Optional<Profile> profile = profiles.find(customerId);
        String blocked = profile.isEmpty() ? "no profile (erased or unknown)" : suppression(profile.get(), channel, kind, now);
        Contact contact = contacts.find(customerId).orElse(null);
        if (blocked == null && (contact == null || !contact.canReach(channel))) blocked = "no " + channel.id() + " address";

        if (!ledger.reserve(blocked == null ? record : record.with(MessageRecord.SUPPRESSED, blocked, null, now))) {
            MessageRecord existing = ledger.forCustomer(customerId).stream()
                    .filter(m -> m.messageId().equals(record.messageId())).findFirst().orElse(null);
            if (existing == null || !MessageRecord.RESERVED.equals(existing.status())) {
                return result("duplicate", existing == null ? null : existing.status().toLowerCase());
            }
            // Reserved but never confirmed: the earlier attempt died around the provider call. The gateway receives
            // the same message key, so an idempotent gateway (the outbox) cannot deliver it twice.
            LOG.info(() -> "re-dispatching unconfirmed message " + record.key());
        } else if (blocked != null) {
            String why = blocked;
            LOG.info(() -> "message " + record.key() + " suppressed: " + why);
            return result("suppressed", blocked);
        }
        Profile pr = profile.get();
        OutboundMessage message = new OutboundMessage(customerId, contact, channel, journey, step, kind.id(),
                journey + "." + step, pr.locale() == null ? "it-IT" : pr.locale(), pr.tone(), record.key(), now);
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
            if (day.stream().filter(m -> m.channel() == channel && "marketing".equals(m.kind())).count() >= MARKETING_PER_DAY) {
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
        Object types = p.get("eventTypes");
        List<String> eventTypes = new ArrayList<>();
        if (types instanceof List<?> l) l.forEach(t -> eventTypes.add(t.toString()));
        if (p.get("eventType") != null) eventTypes.add(p.get("eventType").toString());
        if (eventTypes.isEmpty()) throw new IllegalArgumentException("park needs eventType or eventTypes");
        Instant now = clock.instant();
        long timeout = p.get("timeoutSeconds") instanceof Number n ? n.longValue() : Duration.ofDays(7).toSeconds();
        for (String type : eventTypes) {
            waits.park(new ParkedWait(customerId, type, executionName, step, token, now, now.plusSeconds(timeout + 3600)));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("parked", eventTypes);
        return out;
    }

    private Map<String, Object> complete(Map<String, Object> p) {
        String customerId = required(p, "customerId");
        String executionName = JourneyCatalog.executionNameOf(required(p, "executionId"));
        String status = text(p, "status") == null ? "SUCCEEDED" : text(p, "status");
        Instant now = clock.instant();
        for (ParkedWait w : waits.forCustomer(customerId)) {
            if (w.executionName().equals(executionName)) waits.remove(w);
        }
        ProcessCustomerEvents.update(profiles, customerId, pr -> {
            List<JourneyRun> runs = new ArrayList<>();
            for (JourneyRun r : pr.journeys()) {
                runs.add(r.executionName().equals(executionName)
                        ? new JourneyRun(r.journey(), r.executionName(), r.startedAt(), status, now) : r);
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
