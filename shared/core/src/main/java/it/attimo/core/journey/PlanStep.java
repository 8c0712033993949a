package it.attimo.core.journey;

import static it.attimo.core.journey.StepFields.required;

import it.attimo.core.channel.Channel;
import it.attimo.core.timing.MessageKind;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code plan}: when to send a step's message, from {@code anchor + offset} to {@code window} after it. The plan is
 * recorded in the ledger (for arbitration) only when {@code executionName} and {@code step} are given.
 */
public record PlanStep(
        String customerId,
        Channel channel,
        MessageKind kind,
        Instant anchor,
        Duration offset,
        Duration window,
        String journey,
        String step,
        String executionName,
        PlanOptions options)
        implements JourneyStep {
    public PlanStep {
        required(customerId, "customerId");
        required(channel, "channel");
        required(anchor, "anchor");
        kind = kind == null ? MessageKind.SERVICE : kind;
        offset = offset == null ? Duration.ZERO : offset;
        window = window == null ? Duration.ofHours(24) : window;
        options = options == null ? PlanOptions.NONE : options;
    }

    /** A plan with no options. */
    public PlanStep(
            String customerId,
            Channel channel,
            MessageKind kind,
            Instant anchor,
            Duration offset,
            Duration window,
            String journey,
            String step,
            String executionName) {
        this(customerId, channel, kind, anchor, offset, window, journey, step, executionName, PlanOptions.NONE);
    }

    /** The same plan on another channel. */
    public PlanStep onChannel(Channel other) {
        return new PlanStep(customerId, other, kind, anchor, offset, window, journey, step, executionName, options);
    }

    /** The same plan, not recorded in the ledger (a trial). */
    PlanStep unrecorded() {
        return new PlanStep(customerId, channel, kind, anchor, offset, window, journey, step, null, options);
    }

    @Override
    public String action() {
        return "plan";
    }

    /** The same step at another offset from its anchor (a timing experiment's arm). */
    public PlanStep withOffset(Duration offset) {
        return new PlanStep(customerId, channel, kind, anchor, offset, window, journey, step, executionName, options);
    }
}
