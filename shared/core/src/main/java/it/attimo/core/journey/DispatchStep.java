package it.attimo.core.journey;

import static it.attimo.core.journey.StepFields.required;

import it.attimo.core.channel.Channel;
import it.attimo.core.timing.MessageKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code dispatch}: re-check and send a step's message once; obsolete if the customer already did one of
 * {@code unlessAny} (wake keys) since {@code since} (null: ever). {@code context} carries the ids the message needs
 * (for example {@code orderId}, {@code coupon}, {@code experimentId}, {@code experimentArm}) from the state machine to
 * the message; never personal data.
 *
 * <p>{@code planSkipped}: the plan this dispatch follows was dropped when it was made (its ledger record is already
 * closed), so nothing is sent. {@code next}: the journey's next send, planned in the same step once this one is
 * done (sent, or not), so that a send costs the state machine a Wait and one Task; null: nothing to plan.
 */
public record DispatchStep(
        String customerId,
        String journey,
        String step,
        Channel channel,
        MessageKind kind,
        String executionName,
        List<String> unlessAny,
        Instant since,
        Map<String, String> context,
        boolean planSkipped,
        PlanStep next)
        implements JourneyStep {
    public DispatchStep {
        required(customerId, "customerId");
        required(journey, "journey");
        required(step, "step");
        required(channel, "channel");
        required(executionName, "executionId");
        kind = kind == null ? MessageKind.SERVICE : kind;
        unlessAny = unlessAny == null ? List.of() : List.copyOf(unlessAny);
        context = context == null ? Map.of() : Map.copyOf(context);
        if (next != null && !next.customerId().equals(customerId))
            throw new IllegalArgumentException("next must plan for the same customer");
    }

    /** A dispatch of a plan that was not skipped, with nothing planned after it. */
    public DispatchStep(
            String customerId,
            String journey,
            String step,
            Channel channel,
            MessageKind kind,
            String executionName,
            List<String> unlessAny,
            Instant since,
            Map<String, String> context) {
        this(customerId, journey, step, channel, kind, executionName, unlessAny, since, context, false, null);
    }

    /** A dispatch with no context. */
    public DispatchStep(
            String customerId,
            String journey,
            String step,
            Channel channel,
            MessageKind kind,
            String executionName,
            List<String> unlessAny,
            Instant since) {
        this(customerId, journey, step, channel, kind, executionName, unlessAny, since, Map.of());
    }

    @Override
    public String action() {
        return "dispatch";
    }
}
