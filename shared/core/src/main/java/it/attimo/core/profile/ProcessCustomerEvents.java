package it.attimo.core.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.channel.Channel;
import it.attimo.core.coupon.Redemption;
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
import it.attimo.core.port.CouponStore;
import it.attimo.core.port.EventLog;
import it.attimo.core.port.ExperimentStore;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private volatile ExperimentStore experiments;
    private final CouponStore coupons;

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
                CouponStore.NONE,
                OptOutConfirmations.NONE,
                clock);
    }

    /** @param coupons redeems the coupon an {@code order.placed} names in {@code data.coupon} */
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
            CouponStore coupons,
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
                coupons,
                OptOutConfirmations.NONE,
                clock);
    }

    /**
     * @param coupons redeems the coupon an {@code order.placed} names in {@code data.coupon}
     * @param optOutConfirmations answers an SMS STOP once
     */
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
            CouponStore coupons,
            OptOutConfirmations optOutConfirmations,
            Clock clock) {
        this.coupons = coupons;
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
     *
     * <p>A customer's consecutive events in the batch are handled together: one read of the log, one of the profile,
     * one profile write and one read of the waits for all of them (journeys and wake-ups still per event, in order).
     * If that fails, they are retried one at a time, so a failing event fails only itself and what follows it.
     */
    public List<String> process(List<InboundMessage> messages) {
        List<String> failed = new ArrayList<>();
        Map<String, List<Queued>> byCustomer = new LinkedHashMap<>();
        for (InboundMessage m : messages) {
            JsonNode body;
            try {
                body = Json.parse(m.body());
            } catch (Exception e) {
                if (!keepUnusable(m, "queued message is not JSON")) failed.add(m.messageId());
                continue;
            }
            boolean rescore = RESCORE_KIND.equals(body.path("kind").asText());
            String customerId = rescore
                    ? body.path("customerId").asText(null)
                    : body.path("subject").asText(null);
            if (customerId == null) {
                if (!keepUnusable(m, "queued message names no customer")) failed.add(m.messageId());
                continue;
            }
            CustomerEvent event = null;
            if (!rescore) {
                try {
                    event = CloudEventJson.fromNode(body);
                } catch (RuntimeException e) {
                    if (!keepUnusable(m, "queued event cannot be read: " + e.getMessage())) failed.add(m.messageId());
                    continue;
                }
            }
            byCustomer.computeIfAbsent(customerId, c -> new ArrayList<>()).add(new Queued(m.messageId(), event));
        }
        byCustomer.forEach((customerId, queued) -> failed.addAll(processCustomer(customerId, queued)));
        List<String> order = messages.stream().map(InboundMessage::messageId).toList();
        failed.sort(java.util.Comparator.comparingInt(order::indexOf));
        return failed;
    }

    /** A queued message of one customer: an event, or a re-score command ({@code event == null}). */
    private record Queued(String messageId, CustomerEvent event) {
        boolean together() {
            return event != null && !EventTypes.CUSTOMER_ERASED.equals(event.type());
        }
    }

    /** Handles the customer's messages in order, consecutive events together; answers the ids that failed. */
    private List<String> processCustomer(String customerId, List<Queued> queued) {
        int from = 0;
        while (from < queued.size()) {
            int to = from + 1;
            while (to < queued.size()
                    && queued.get(from).together()
                    && queued.get(to).together()) to++;
            List<Queued> run = queued.subList(from, to);
            try {
                handleRun(customerId, run);
            } catch (RuntimeException batched) {
                int failedAt;
                if (run.size() == 1) {
                    warnFailed(run.get(0).messageId(), customerId, batched);
                    failedAt = 0;
                } else {
                    failedAt = oneAtATime(customerId, run);
                }
                if (failedAt < run.size()) {
                    return queued.subList(from + failedAt, queued.size()).stream()
                            .map(Queued::messageId)
                            .toList();
                }
            }
            from = to;
        }
        return List.of();
    }

    /** The unbatched path after a batched failure: answers the index of the first message that failed, or the size. */
    private int oneAtATime(String customerId, List<Queued> run) {
        for (int i = 0; i < run.size(); i++) {
            try {
                handleRun(customerId, List.of(run.get(i)));
            } catch (RuntimeException e) {
                warnFailed(run.get(i).messageId(), customerId, e);
                return i;
            }
        }
        return run.size();
    }

    private static void warnFailed(String messageId, String customerId, RuntimeException e) {
        LOG.log(Level.WARNING, "message " + messageId + " for customer " + customerId + " failed; will retry", e);
    }

    private void handleRun(String customerId, List<Queued> run) {
        Queued first = run.get(0);
        if (first.event() == null) {
            refresh(customerId, List.of(), eventLog.history(customerId), Set.of());
        } else if (!first.together()) {
            handle(first.event());
        } else {
            handleEvents(customerId, run.stream().map(Queued::event).toList());
        }
    }

    public void handle(CustomerEvent event) {
        if (EventTypes.CUSTOMER_ERASED.equals(event.type())) {
            erase(event.customerId(), event.time().isAfter(clock.instant()) ? event.time() : clock.instant());
            return;
        }
        handleEvents(event.customerId(), List.of(event));
    }

    /**
     * Appends what the log does not hold yet (the conditional put stays the judge of "at most once"), then refreshes
     * once. An event already in the log is still a trigger: its earlier processing may have stopped before the journeys.
     */
    private void handleEvents(String customerId, List<CustomerEvent> events) {
        EventLog.CustomerLog stored = eventLog.read(customerId);
        Map<String, CustomerEvent> log = new LinkedHashMap<>();
        for (CustomerEvent e : stored.events()) log.put(e.id(), e);
        Map<String, CustomerEvent> triggers = new LinkedHashMap<>();
        Map<String, CustomerEvent> toAppend = new LinkedHashMap<>();
        for (CustomerEvent event : events) {
            Optional<Instant> erasedAt = stored.erased();
            if (erasedAt.isPresent() && !event.time().isAfter(erasedAt.get())) {
                LOG.info(() -> "event " + event.id() + " of erased customer " + event.customerId() + " dropped");
                continue;
            }
            if (!log.containsKey(event.id())) toAppend.putIfAbsent(event.id(), event);
            triggers.putIfAbsent(event.id(), event);
        }
        Set<String> appended = toAppend.isEmpty() ? Set.of() : eventLog.appendAll(List.copyOf(toAppend.values()));
        toAppend.values().stream().filter(e -> appended.contains(e.id())).forEach(e -> log.put(e.id(), e));
        for (CustomerEvent trigger : triggers.values()) {
            redeemCoupon(trigger);
            recordOutcome(trigger);
        }
        boolean storedMeanwhile = appended.size() < toAppend.size();
        if (triggers.isEmpty()) return;
        List<CustomerEvent> history = storedMeanwhile ? eventLog.history(customerId) : List.copyOf(log.values());
        refresh(customerId, List.copyOf(triggers.values()), history, appended);
    }

    /**
     * An {@code order.placed} naming a coupon redeems it, once (conditional write): the same order again changes
     * nothing, another order finds it redeemed and gets nothing; the order itself is kept either way.
     */
    private void redeemCoupon(CustomerEvent event) {
        String code = event.text("coupon");
        if (!EventTypes.ORDER_PLACED.equals(event.type()) || code == null || code.isBlank()) return;
        Redemption r = coupons.redeem(code, event.customerId(), event.text("orderId"), event.time());
        LOG.info(() -> "coupon of order " + event.text("orderId") + " for customer " + event.customerId() + ": "
                + r.outcome().name().toLowerCase(java.util.Locale.ROOT));
    }

    /** Starts the journeys {@code trigger} starts for this profile (execution name per trigger), adding their runs. */
    private void startTriggered(String customerId, CustomerEvent trigger, Profile profile, List<JourneyRun> started) {
        for (JourneyDefinition j : catalog.triggeredBy(trigger, profile)) {
            if (!journeys.supports(j.name())) continue;
            String name = ExecutionNames.forTrigger(j.name(), customerId, trigger.id());
            journeys.start(j.name(), name, journeyInput(j.name(), trigger));
            started.add(new JourneyRun(j.name(), name, trigger.time(), JourneyRun.RUNNING, null));
        }
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

    /**
     * Re-folds the customer's log, stores the profile, starts triggered journeys and wakes waiting ones. With several
     * triggers, each is judged on the profile as it stood right after it (the log without the later ones appended now).
     */
    private void refresh(
            String customerId, List<CustomerEvent> triggers, List<CustomerEvent> history, Set<String> appendedNow) {
        Instant now = clock.instant();
        if (history.isEmpty()) return;
        Profile before = profiles.find(customerId).orElse(null);
        FoldedCustomer folded = folder.fold(customerId, history, before, now);
        // Only a few event types shape the contact, and each was a trigger once (again on redelivery), so a refresh
        // without one leaves the stored contact as it is. A re-score (no trigger) still compares, which heals a contact
        // lost to a crash. Most events carry no contact details: a read is cheaper than rewriting the same item.
        boolean contactMayChange =
                triggers.isEmpty() || triggers.stream().anyMatch(t -> ProfileFolder.CONTACT_TYPES.contains(t.type()));
        if (folded.contact() != null
                && contactMayChange
                && !contacts.find(customerId).map(folded.contact()::equals).orElse(false)) {
            contacts.put(folded.contact());
        }
        List<Profile> afterEach = new ArrayList<>();
        List<JourneyRun> started = new ArrayList<>();
        for (int k = 0; k < triggers.size(); k++) {
            CustomerEvent trigger = triggers.get(k);
            Profile after = k == triggers.size() - 1
                    ? folded.profile()
                    : folder.fold(customerId, historyUpTo(history, triggers, k, appendedNow), before, now)
                            .profile();
            afterEach.add(after);
            startTriggered(customerId, trigger, after, started);
        }
        CustomerEvent churn = churnSignal(customerId, history, before, folded.profile(), now);
        if (churn != null) startTriggered(customerId, churn, folded.profile(), started);
        // before the profile is saved: a crash in between redelivers the event, and the ledger keeps it to one SMS
        for (int k = 0; k < triggers.size(); k++) {
            if (optedOutBy(triggers.get(k), k == 0 ? before : afterEach.get(k - 1), afterEach.get(k))) {
                optOutConfirmations.confirm(
                        customerId, Channel.SMS, triggers.get(k).id());
            }
        }
        Profile saved = saveFolded(customerId, now, started, history, before, folded.profile());
        Waits waiting = new Waits(
                customerId, triggers.isEmpty() || saved.journeys().stream().anyMatch(JourneyRun::active));
        for (CustomerEvent trigger : triggers) {
            String payload = eventPayload(trigger);
            for (String key : WakeKeys.of(trigger)) waiting.wake(key, payload);
        }
        String beforeTier = before == null ? null : before.tier();
        if (before == null || before.score() != saved.score() || !java.util.Objects.equals(beforeTier, saved.tier())) {
            writeBackScore(saved);
        }
        if (afterEach.isEmpty()) afterEach.add(saved);
        afterEach.set(afterEach.size() - 1, saved);
        String fromTier = beforeTier;
        for (Profile step : afterEach) {
            if (step.tier() != null && !step.tier().equals(fromTier)) {
                ObjectNode signal = Json.object();
                signal.put("type", "tier." + step.tier());
                signal.put("from", fromTier);
                signal.put("score", step.score());
                waiting.wake("tier." + step.tier(), signal.toString());
            }
            fromTier = step.tier();
        }
        folded.nextDeadline().ifPresent(at -> rescoreScheduler.rescoreAt(customerId, at));
    }

    /** The log as it stood right after trigger {@code k}: without the later triggers that were appended now. */
    private static List<CustomerEvent> historyUpTo(
            List<CustomerEvent> history, List<CustomerEvent> triggers, int k, Set<String> appendedNow) {
        Set<String> later = new HashSet<>();
        for (CustomerEvent t : triggers.subList(k + 1, triggers.size())) {
            if (appendedNow.contains(t.id())) later.add(t.id());
        }
        return history.stream().filter(e -> !later.contains(e.id())).toList();
    }

    /**
     * The customer's parked waits, read once (after the profile is stored, so a journey parking meanwhile either is
     * listed here or finds the event in the log / the tier on the profile) and woken at most once each.
     */
    private final class Waits {
        private final String customerId;
        private List<ParkedWait> parked;

        /**
         * @param mayBeWaiting false when the profile lists no running journey and this is a queued event: only a
         *     journey parks a wait, and every journey is on the profile (saved with the event that started it) before
         *     the customer's next queued event is processed (the FIFO queue keeps one customer's messages in order), so
         *     the registry is not read. A re-score arrives outside that order (on AWS its schedule invokes the function
         *     directly) and always reads it.
         */
        Waits(String customerId, boolean mayBeWaiting) {
            this.customerId = customerId;
            if (!mayBeWaiting) parked = new ArrayList<>();
        }

        void wake(String key, String payload) {
            if (parked == null) parked = new ArrayList<>(waits.forCustomer(customerId));
            for (java.util.Iterator<ParkedWait> it = parked.iterator(); it.hasNext(); ) {
                ParkedWait w = it.next();
                if (!w.eventType().equals(key)) continue;
                journeys.resume(w.taskToken(), payload);
                waits.remove(w);
                it.remove();
            }
        }
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

    /** Erasure also removes the customer's experiment assignments from {@code store}. */
    public ProcessCustomerEvents erasingExperimentsIn(ExperimentStore store) {
        this.experiments = store;
        return this;
    }

    private void erase(String customerId, Instant erasedAt) {
        profiles.findStored(customerId) // a remembered copy may miss a journey another container started
                .ifPresent(p -> p.activeJourneys()
                        .forEach(r -> journeys.stop(r.journey(), r.executionName(), "customer erased")));
        for (ParkedWait w : waits.forCustomer(customerId))
            journeys.fail(w.taskToken(), "Attimo.CustomerErased", "erased");
        waits.erase(customerId);
        ledger.erase(customerId);
        if (experiments != null) experiments.erase(customerId);
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

    /**
     * The derived {@code churn.high} signal when this fold puts the customer in the high-risk segment and the stored
     * profile did not: its id names the order, so the journeys it starts have deterministic names (a redelivery, or a
     * crash before the profile was saved, starts nothing twice).
     */
    private static CustomerEvent churnSignal(
            String customerId, List<CustomerEvent> history, Profile before, Profile after, Instant now) {
        if (!after.churn().high() || (before != null && before.churn().high())) return null;
        ChurnRule.Assessment a = ChurnRule.assess(ProfileFolder.canonical(history), now);
        if (a.orderId() == null) return null;
        java.util.Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("orderId", a.orderId());
        data.put("probability", a.risk().probability());
        return new CustomerEvent("churn-high-" + a.orderId(), "attimo", EventTypes.CHURN_HIGH, customerId, now, data);
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
