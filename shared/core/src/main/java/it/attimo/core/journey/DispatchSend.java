package it.attimo.core.journey;

import static it.attimo.core.journey.StepResults.status;

import it.attimo.core.channel.Channel;
import it.attimo.core.channel.RecipientDisabled;
import it.attimo.core.consent.MessageTopics;
import it.attimo.core.customer.Consent;
import it.attimo.core.customer.Contact;
import it.attimo.core.customer.Profile;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.event.EventTypes;
import it.attimo.core.experiment.ExperimentAssignments;
import it.attimo.core.message.CustomerLinkToken;
import it.attimo.core.message.MessageRenderer;
import it.attimo.core.port.ChannelGateway;
import it.attimo.core.port.ContactStore;
import it.attimo.core.port.EventLog;
import it.attimo.core.port.EventQueue;
import it.attimo.core.port.MessageLedger;
import it.attimo.core.port.ProfileStore;
import it.attimo.core.timing.MessageKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * {@code dispatch}: re-checks what may have changed during the wait (the customer already acted, erasure, consent,
 * caps, a higher-priority send nearby), reserves the message in the ledger and sends it once.
 */
public final class DispatchSend {
    private static final Logger LOG = Logger.getLogger(DispatchSend.class.getName());
    static final int MARKETING_PER_DAY = 1;
    static final int MARKETING_PER_WEEK = 3;

    private final ProfileStore profiles;
    private final ContactStore contacts;
    private final MessageLedger ledger;
    private final ChannelGateway gateway;
    private final SendPlanner planner;
    private final EventLog eventLog;
    private final Clock clock;
    private final MessageRenderer renderer;
    private final ExperimentAssignments experiments;
    private final OrderHolds holds;
    private final EventQueue feedback;

    /**
     * Renders with the bundled templates, links under {@link MessageRenderer#LOCAL_PUBLIC_BASE_URL} and no secret to
     * sign unsubscribe links (a marketing e-mail then fails, loudly): for tests and tools.
     *
     * @param planner gives the minimum gap within which a higher-priority send drops this one
     */
    public DispatchSend(
            ProfileStore profiles,
            ContactStore contacts,
            MessageLedger ledger,
            ChannelGateway gateway,
            SendPlanner planner,
            EventLog eventLog,
            Clock clock) {
        this(profiles, contacts, ledger, gateway, planner, eventLog, clock, defaultRenderer());
    }

    /** With the default renderer, no timing experiments and the journeys' hold rules (null: none). */
    public DispatchSend(
            ProfileStore profiles,
            ContactStore contacts,
            MessageLedger ledger,
            ChannelGateway gateway,
            SendPlanner planner,
            EventLog eventLog,
            Clock clock,
            OrderHolds holds) {
        this(
                profiles,
                contacts,
                ledger,
                gateway,
                planner,
                eventLog,
                clock,
                defaultRenderer(),
                ExperimentAssignments.NONE,
                holds);
    }

    /** With no timing experiments. */
    public DispatchSend(
            ProfileStore profiles,
            ContactStore contacts,
            MessageLedger ledger,
            ChannelGateway gateway,
            SendPlanner planner,
            EventLog eventLog,
            Clock clock,
            MessageRenderer renderer) {
        this(profiles, contacts, ledger, gateway, planner, eventLog, clock, renderer, ExperimentAssignments.NONE, null);
    }

    /** With the default renderer (see the first constructor). */
    public DispatchSend(
            ProfileStore profiles,
            ContactStore contacts,
            MessageLedger ledger,
            ChannelGateway gateway,
            SendPlanner planner,
            EventLog eventLog,
            Clock clock,
            ExperimentAssignments experiments) {
        this(profiles, contacts, ledger, gateway, planner, eventLog, clock, defaultRenderer(), experiments, null);
    }

    /**
     * @param planner  gives the minimum gap within which a higher-priority send drops this one
     * @param renderer renders the message (subject, text, links, tone) just before it goes to the provider
     * @param experiments labels a message under a timing experiment with its id and the customer's arm
     * @param holds the journeys' hold rules, judged at send time (null: none)
     */
    public DispatchSend(
            ProfileStore profiles,
            ContactStore contacts,
            MessageLedger ledger,
            ChannelGateway gateway,
            SendPlanner planner,
            EventLog eventLog,
            Clock clock,
            MessageRenderer renderer,
            ExperimentAssignments experiments,
            OrderHolds holds) {
        this(profiles, contacts, ledger, gateway, planner, eventLog, clock, renderer, experiments, holds, null);
    }

    /**
     * @param feedback where what the provider says of an address goes ({@code push.disabled} when a push endpoint is
     *     disabled), queued like every other event so the profile folds it; null: not reported
     */
    public DispatchSend(
            ProfileStore profiles,
            ContactStore contacts,
            MessageLedger ledger,
            ChannelGateway gateway,
            SendPlanner planner,
            EventLog eventLog,
            Clock clock,
            MessageRenderer renderer,
            ExperimentAssignments experiments,
            OrderHolds holds,
            EventQueue feedback) {
        this.feedback = feedback;
        this.experiments = experiments;
        this.holds = holds;
        this.profiles = profiles;
        this.contacts = contacts;
        this.ledger = ledger;
        this.gateway = gateway;
        this.planner = planner;
        this.eventLog = eventLog;
        this.clock = clock;
        this.renderer = renderer;
    }

    public Map<String, Object> dispatch(DispatchStep p) {
        // dropped at plan time: the plan's ledger record is closed already, with the reason
        if (p.planSkipped()) return status("skipped", "the plan dropped this send");
        String customerId = p.customerId();
        String executionName = p.executionName();
        Channel channel = p.channel();
        MessageKind kind = p.kind();
        List<String> unless = p.unlessAny();
        if (!unless.isEmpty()) {
            Optional<CustomerEvent> done = WakeKeys.firstMatch(eventLog.history(customerId), unless, p.since(), null);
            if (done.isPresent()) {
                LedgerPlans.close(ledger, customerId, executionName, p.step(), "obsolete", clock.instant());
                return status("obsolete", "the customer already did " + String.join(" or ", unless));
            }
        }
        if (holds != null) {
            Optional<String> held = holds.heldBecause(
                    p.journey(), p.step(), p.context().get("orderId"), eventLog.history(customerId), clock.instant());
            if (held.isPresent()) {
                LedgerPlans.close(ledger, customerId, executionName, p.step(), held.get(), clock.instant());
                return status("held", held.get());
            }
        }
        Instant now = clock.instant();
        MessageRecord record = new MessageRecord(
                customerId,
                MessageRecord.messageIdOf(executionName, p.step()),
                p.journey(),
                executionName,
                p.step(),
                channel,
                kind.id(),
                now,
                MessageRecord.RESERVED,
                null,
                null,
                now);

        Optional<Profile> profile = profiles.find(customerId);
        String blocked = profile.isEmpty()
                ? "no profile (erased or unknown)"
                : suppression(profile.get(), channel, p.journey(), p.step(), kind, now);
        Contact contact = contacts.find(customerId).orElse(null);
        if (blocked == null && (contact == null || !contact.canReach(channel)))
            blocked = "no " + channel.id() + " address";
        if (blocked == null)
            blocked = LedgerPlans.overlap(
                    ledger.forCustomer(customerId),
                    executionName,
                    p.journey(),
                    kind,
                    planner,
                    planner.overlapGap(),
                    now);

        if (!ledger.reserve(blocked == null ? record : record.with(MessageRecord.SUPPRESSED, blocked, null, now))) {
            MessageRecord existing = ledger.forCustomer(customerId).stream()
                    .filter(m -> m.messageId().equals(record.messageId()))
                    .findFirst()
                    .orElse(null);
            if (existing == null || !MessageRecord.RESERVED.equals(existing.status())) {
                return status(
                        "duplicate", existing == null ? null : existing.status().toLowerCase());
            }
            // Reserved but never confirmed: the earlier attempt died around the provider call. The gateway receives
            // the same message key, so an idempotent gateway (the outbox) cannot deliver it twice. What blocks a send
            // now (erasure, consent withdrawn since) still wins.
            if (blocked != null) {
                ledger.update(existing.with(MessageRecord.SUPPRESSED, blocked, null, now));
                return status("suppressed", blocked);
            }
            LOG.info(() -> "re-dispatching unconfirmed message " + record.key());
        } else if (blocked != null) {
            String why = blocked;
            LOG.info(() -> "message " + record.key() + " suppressed: " + why);
            return status("suppressed", blocked);
        }
        Profile pr = profile.get();
        OutboundMessage message = new OutboundMessage(
                customerId,
                contact,
                channel,
                p.journey(),
                p.step(),
                kind.id(),
                p.journey() + "." + p.step(),
                pr.locale() == null ? "it-IT" : pr.locale(),
                pr.tone(),
                record.key(),
                now,
                experiments.labelled(p.journey(), p.step(), customerId, p.context()));
        message = message.withRendered(renderer.render(MessageRenderer.inputFor(
                customerId,
                p.journey(),
                p.step(),
                channel,
                kind.id(),
                record.key(),
                pr,
                contact,
                message.context(),
                eventLog)));
        String providerId;
        try {
            providerId = gateway.send(message);
        } catch (RecipientDisabled disabled) {
            return recipientDisabled(record, disabled);
        }
        ledger.update(record.with(MessageRecord.SENT, null, providerId, clock.instant())
                .withLegalBasis(LegalBasis.of(pr, channel, kind).orElse(null)));
        Map<String, Object> out = status("sent", null);
        out.put("messageKey", record.key());
        return out;
    }

    /**
     * The provider refused the address for good: the message is suppressed (a retry would fail the same way) and,
     * for push, {@code push.disabled} is queued (its id derived from the message, so a redelivered dispatch reports it
     * once), which makes push unreachable in the profile until a new token arrives.
     */
    private Map<String, Object> recipientDisabled(MessageRecord record, RecipientDisabled disabled) {
        String why = disabled.channel().id() + " address disabled by the provider";
        Instant now = clock.instant();
        ledger.update(record.with(MessageRecord.SUPPRESSED, why, null, now));
        LOG.info(() -> "message " + record.key() + " suppressed: " + why);
        if (feedback != null && disabled.channel() == Channel.PUSH) {
            Map<String, Object> data = new java.util.LinkedHashMap<>();
            data.put("messageId", record.messageId());
            data.put("journey", record.journey());
            data.put("step", record.step());
            data.put("reason", "EndpointDisabled");
            feedback.publish(List.of(new CustomerEvent(
                    "push-disabled-"
                            + it.attimo.core.digest.Sha256.hex(record.key()).substring(0, 32),
                    FEEDBACK_SOURCE,
                    EventTypes.PUSH_DISABLED,
                    record.customerId(),
                    now,
                    data)));
        }
        return status("suppressed", why);
    }

    /** The CloudEvent source of what dispatch reports about an address. */
    public static final String FEEDBACK_SOURCE = "attimo:dispatch";

    private static MessageRenderer defaultRenderer() {
        return MessageRenderer.bundled(MessageRenderer.LOCAL_PUBLIC_BASE_URL, (CustomerLinkToken) null);
    }

    /** Why this message may not go now (consent withdrawn, caps), or null. Re-checked at send time on purpose. */
    private String suppression(
            Profile profile, Channel channel, String journey, String step, MessageKind kind, Instant now) {
        var consent = profile.consents().get(channel.id());
        boolean needsExplicit = kind == MessageKind.MARKETING || kind == MessageKind.SURVEY;
        if (consent != null && !consent.granted()) return "consent for " + channel.id() + " withdrawn";
        Optional<String> topic = MessageTopics.bundled().suppression(profile, channel, journey, step, kind);
        if (topic.isPresent()) return topic.get();
        if (needsExplicit) {
            var marketing = profile.consents().get(Consent.key(channel.id(), Consent.MARKETING));
            if (marketing != null && !marketing.granted())
                return "consent for " + channel.id() + " marketing withdrawn";
        }
        if (needsExplicit
                && consent == null
                && LegalBasis.of(profile, channel, kind).isEmpty())
            return "no consent for " + kind.id() + " on " + channel.id();
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
}
