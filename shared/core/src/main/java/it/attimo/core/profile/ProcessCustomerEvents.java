package it.attimo.core.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Consent;
import it.attimo.core.customer.JourneyRun;
import it.attimo.core.customer.Profile;
import it.attimo.core.event.CloudEventJson;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.event.EventTypes;
import it.attimo.core.ingest.QuarantinedEvent;
import it.attimo.core.journey.ExecutionNames;
import it.attimo.core.journey.JourneyCatalog;
import it.attimo.core.journey.JourneyDefinition;
import it.attimo.core.journey.ParkedWait;
import it.attimo.core.journey.WakeKeys;
import it.attimo.core.json.Json;
import it.attimo.core.port.ContactStore;
import it.attimo.core.port.EventLog;
import it.attimo.core.port.JourneyRuntime;
import it.attimo.core.port.MessageLedger;
import it.attimo.core.port.OptOutConfirmations;
import it.attimo.core.port.ProfileStore;
import it.attimo.core.port.QuarantineStore;
import it.attimo.core.port.RescoreScheduler;
import it.attimo.core.port.ScoreWriteBack;
import it.attimo.core.port.WaitRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The score function's use case. Every step is safe to repeat, so a redelivered message (after a crash, a timeout,
 * a duplicate from the source) converges to the same state: the log dedupes by event id, the profile is a fold of
 * the log, journeys start under deterministic names, closed task tokens are ignored.
 */
public final class ProcessCustomerEvents {
    private static final Logger LOG = Logger.getLogger(ProcessCustomerEvents.class.getName());
    static final int MAX_SAVE_ATTEMPTS = 8;
    public static final String RESCORE_KIND = "rescore";

    private final EventLog eventLog;
    private final ProfileStore profiles;
    private final ContactStore contacts;
    private final WaitRegistry waits;
    private final MessageLedger ledger;
    private final JourneyRuntime journeys;
    private final QuarantineStore quarantine;
    private final RescoreScheduler rescoreScheduler;
    private final ProfileFolder folder;
    private final JourneyCatalog catalog;
    private final ScoreWriteBack writeBack;
    private final OptOutConfirmations optOutConfirmations;
    private final Clock clock;

    public ProcessCustomerEvents(
            EventLog eventLog,
            ProfileStore profiles,
            ContactStore contacts,
            WaitRegistry waits,
            MessageLedger ledger,
            JourneyRuntime journeys,
            QuarantineStore quarantine,
            RescoreScheduler rescoreScheduler,
            ProfileFolder folder,
            JourneyCatalog catalog,
            Clock clock) {
        this(
                eventLog,
                profiles,
                contacts,
                waits,
                ledger,
                journeys,
                quarantine,
                rescoreScheduler,
                folder,
                catalog,
                ScoreWriteBack.NONE,
                clock);
    }

    public ProcessCustomerEvents(
            EventLog eventLog,
            ProfileStore profiles,
            ContactStore contacts,
            WaitRegistry waits,
            MessageLedger ledger,
            JourneyRuntime journeys,
            QuarantineStore quarantine,
            RescoreScheduler rescoreScheduler,
            ProfileFolder folder,
            JourneyCatalog catalog,
            ScoreWriteBack writeBack,
            Clock clock) {
        this(
                eventLog,
                profiles,
                contacts,
                waits,
                ledger,
                journeys,
                quarantine,
                rescoreScheduler,
                folder,
                catalog,
                writeBack,
                OptOutConfirmations.NONE,
                clock);
    }

    public ProcessCustomerEvents(
            EventLog eventLog,
            ProfileStore profiles,
            ContactStore contacts,
            WaitRegistry waits,
            MessageLedger ledger,
            JourneyRuntime journeys,
            QuarantineStore quarantine,
            RescoreScheduler rescoreScheduler,
            ProfileFolder folder,
            JourneyCatalog catalog,
            ScoreWriteBack writeBack,
            OptOutConfirmations optOutConfirmations,
            Clock clock) {
        this.writeBack = writeBack;
        this.optOutConfirmations = optOutConfirmations;
        this.eventLog = eventLog;
        this.profiles = profiles;
        this.contacts = contacts;
        this.waits = waits;
        this.ledger = ledger;
        this.journeys = journeys;
        this.quarantine = quarantine;
        this.rescoreScheduler = rescoreScheduler;
        this.folder = folder;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** A re-score command body for the queue. */
    public static String rescoreCommand(String customerId, Instant at) {
        ObjectNode n = Json.object();
        n.put("kind", RESCORE_KIND);
        n.put("customerId", customerId);
        n.put("at", at.toString());
        return n.toString();
    }

    /**
     * @return the ids of messages that failed and must be redelivered. Once a customer's message fails, that
     * customer's later messages in the batch are failed too, so FIFO order per customer holds.
     */
    public List<String> process(List<InboundMessage> messages) {
        List<String> failed = new ArrayList<>();
        Set<String> blockedCustomers = new HashSet<>();
        for (InboundMessage m : messages) {
            JsonNode body;
            try {
                body = Json.parse(m.body());
            } catch (Exception e) {
                if (!keepUnusable(m, "queued message is not JSON")) failed.add(m.messageId());
                continue;
            }
            String customerId = RESCORE_KIND.equals(body.path("kind").asText())
                    ? body.path("customerId").asText(null)
                    : body.path("subject").asText(null);
            if (customerId == null) {
                if (!keepUnusable(m, "queued message names no customer")) failed.add(m.messageId());
                continue;
            }
            if (blockedCustomers.contains(customerId)) {
                failed.add(m.messageId());
                continue;
            }
            try {
                if (RESCORE_KIND.equals(body.path("kind").asText())) {
                    refresh(customerId, null);
                } else {
                    CustomerEvent event;
                    try {
                        event = CloudEventJson.fromNode(body);
                    } catch (RuntimeException e) {
                        if (!keepUnusable(m, "queued event cannot be read: " + e.getMessage()))
                            failed.add(m.messageId());
                        continue;
                    }
                    handle(event);
                }
            } catch (RuntimeException e) {
                LOG.log(
                        Level.WARNING,
                        "message " + m.messageId() + " for customer " + customerId + " failed; will retry",
                        e);
                failed.add(m.messageId());
                blockedCustomers.add(customerId);
            }
        }
        return failed;
    }

    public void handle(CustomerEvent event) {
        if (EventTypes.CUSTOMER_ERASED.equals(event.type())) {
            erase(event.customerId(), event.time().isAfter(clock.instant()) ? event.time() : clock.instant());
            return;
        }
        Optional<Instant> erasedAt = eventLog.erasedAt(event.customerId());
        if (erasedAt.isPresent() && !event.time().isAfter(erasedAt.get())) {
            LOG.info(() -> "event " + event.id() + " of erased customer " + event.customerId() + " dropped");
            return;
        }
        eventLog.append(event);
        recordOutcome(event);
        refresh(event.customerId(), event);
    }

    /** A channel's outcome event (email.*, sms.*, push.*) that names its message is written on the ledger record too. */
    private void recordOutcome(CustomerEvent event) {
        String messageId = event.text("messageId");
        if (messageId == null || !isOutcome(event.type())) return;
        ledger.recordOutcome(event.customerId(), messageId, event.type(), event.time());
    }

    /** An SMS STOP that withdrew consent now: a repeated STOP finds it withdrawn already and gets no second reply. */
    static boolean optedOutBy(CustomerEvent trigger, Profile before, Profile after) {
        if (!EventTypes.SMS_RECEIVED.equals(trigger.type())) return false;
        Consent now = after.consents().get(Channel.SMS.id());
        if (now == null || now.granted() || !ProfileFolder.SMS_STOP.equals(now.source())) return false;
        Consent was = before == null ? null : before.consents().get(Channel.SMS.id());
        return was == null || was.granted() || !ProfileFolder.SMS_STOP.equals(was.source());
    }

    static boolean isOutcome(String type) {
        return type.startsWith("email.") || type.startsWith("sms.") || type.startsWith("push.");
    }

    /** Re-folds the customer's log, stores the profile, starts triggered journeys and wakes waiting ones. */
    private void refresh(String customerId, CustomerEvent trigger) {
        Instant now = clock.instant();
        List<CustomerEvent> history = eventLog.history(customerId);
        if (history.isEmpty()) return;
        Profile before = profiles.find(customerId).orElse(null);
        FoldedCustomer folded = folder.fold(customerId, history, before, now);
        if (folded.contact() != null) contacts.put(folded.contact());
        List<JourneyDefinition> toStart = trigger == null
                ? List.of()
                : catalog.triggeredBy(trigger, folded.profile()).stream()
                        .filter(j -> journeys.supports(j.name()))
                        .toList();
        List<JourneyRun> started = new ArrayList<>();
        for (JourneyDefinition j : toStart) {
            String name = ExecutionNames.forTrigger(j.name(), customerId, trigger.id());
            journeys.start(j.name(), name, journeyInput(j.name(), trigger));
            started.add(new JourneyRun(j.name(), name, trigger.time(), JourneyRun.RUNNING, null));
        }
        // before the profile is saved: a crash in between redelivers the event, and the ledger keeps it to one SMS
        if (trigger != null && optedOutBy(trigger, before, folded.profile())) {
            optOutConfirmations.confirm(customerId, Channel.SMS, trigger.id());
        }
        Profile saved = saveFolded(customerId, now, started, history, before, folded.profile());
        if (trigger != null) {
            String payload = eventPayload(trigger);
            for (String key : WakeKeys.of(trigger)) wake(customerId, key, payload);
        }
        String beforeTier = before == null ? null : before.tier();
        if (before == null || before.score() != saved.score() || !java.util.Objects.equals(beforeTier, saved.tier())) {
            writeBackScore(saved);
        }
        if (saved.tier() != null && !saved.tier().equals(beforeTier)) {
            ObjectNode signal = Json.object();
            signal.put("type", "tier." + saved.tier());
            signal.put("from", beforeTier);
            signal.put("score", saved.score());
            wake(customerId, "tier." + saved.tier(), signal.toString());
        }
        folded.nextDeadline().ifPresent(at -> rescoreScheduler.rescoreAt(customerId, at));
    }

    /** Stores the fold with the journeys just started; after a concurrent write, re-reads and folds again. */
    private Profile saveFolded(
            String customerId,
            Instant now,
            List<JourneyRun> started,
            List<CustomerEvent> history,
            Profile stored,
            Profile fold) {
        Profile current = stored;
        Profile folded = fold;
        for (int attempt = 1; ; attempt++) {
            List<JourneyRun> runs = new ArrayList<>(folded.journeys());
            for (JourneyRun r : started) {
                if (runs.stream().noneMatch(x -> x.executionName().equals(r.executionName()))) runs.add(r);
            }
            Profile next = folded.withJourneys(runs);
            // A redelivered event folds to the stored profile: writing it again would only bump the version.
            if (next.equals(current)) return current;
            try {
                return profiles.save(next, current == null ? 0 : current.version());
            } catch (ProfileStore.ConcurrentUpdateException e) {
                if (attempt >= MAX_SAVE_ATTEMPTS) throw e;
                current = profiles.find(customerId).orElse(null);
                folded = folder.fold(customerId, history, current, now).profile();
            }
        }
    }

    /** Applies {@code change} to the stored profile with optimistic retries; no-op if there is no profile. */
    public static Optional<Profile> update(ProfileStore profiles, String customerId, UnaryOperator<Profile> change) {
        for (int attempt = 1; ; attempt++) {
            Optional<Profile> current = profiles.find(customerId);
            if (current.isEmpty()) return Optional.empty();
            try {
                return Optional.of(
                        profiles.save(change.apply(current.get()), current.get().version()));
            } catch (ProfileStore.ConcurrentUpdateException e) {
                if (attempt >= MAX_SAVE_ATTEMPTS) throw e;
            }
        }
    }

    /** Best effort: the external copy of the score must not hold up the customer's events (the adapter retries). */
    private void writeBackScore(Profile saved) {
        try {
            writeBack.publish(saved.customerId(), saved.score(), saved.tier());
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "score write-back for customer " + saved.customerId() + " failed: "
                            + e.getClass().getSimpleName());
        }
    }

    private void wake(String customerId, String eventType, String payload) {
        for (ParkedWait w : waits.waitingFor(customerId, eventType)) {
            journeys.resume(w.taskToken(), payload);
            waits.remove(w);
        }
    }

    private void erase(String customerId, Instant erasedAt) {
        profiles.find(customerId)
                .ifPresent(p -> p.activeJourneys()
                        .forEach(r -> journeys.stop(r.journey(), r.executionName(), "customer erased")));
        for (ParkedWait w : waits.forCustomer(customerId))
            journeys.fail(w.taskToken(), "Attimo.CustomerErased", "erased");
        waits.erase(customerId);
        ledger.erase(customerId);
        contacts.delete(customerId);
        eventLog.erase(customerId, erasedAt);
        profiles.delete(customerId);
        LOG.info(() -> "customer " + customerId + " erased");
    }

    /** @return false if the quarantine could not take it: the message is then retried rather than dropped */
    private boolean keepUnusable(InboundMessage m, String reason) {
        try {
            quarantine.keep(new QuarantinedEvent(
                    UUID.randomUUID().toString(), "queue", -1, m.messageId(), reason, m.body(), clock.instant()));
        } catch (RuntimeException e) {
            LOG.warning(() -> "message " + m.messageId() + " is unusable and the quarantine failed ("
                    + e.getClass().getSimpleName() + "); will retry");
            return false;
        }
        LOG.warning(() -> "message " + m.messageId() + " quarantined: " + reason);
        return true;
    }

    static String journeyInput(String journey, CustomerEvent trigger) {
        ObjectNode n = Json.object();
        n.put("customerId", trigger.customerId());
        n.put("journey", journey);
        ObjectNode t = n.putObject("trigger");
        t.put("eventId", trigger.id());
        t.put("type", trigger.type());
        t.put("time", trigger.time().toString());
        // the order a per-order journey belongs to (an id, never personal data)
        String orderId = trigger.text("orderId");
        if (orderId != null && !orderId.isBlank()) t.put("orderId", orderId);
        return n.toString();
    }

    private static String eventPayload(CustomerEvent e) {
        ObjectNode n = Json.object();
        n.put("eventId", e.id());
        n.put("type", e.type());
        n.put("time", e.time().toString());
        return n.toString();
    }
}
