package it.attimo.core.journey;

import static it.attimo.core.journey.StepFields.required;

import it.attimo.core.channel.Channel;
import it.attimo.core.timing.MessageKind;
import java.time.Instant;
import java.util.List;

/**
 * {@code dispatch}: re-check and send a step's message once; obsolete if the customer already did one of
 * {@code unlessAny} (wake keys) since {@code since} (null: ever).
 */
public record DispatchStep(
        String customerId,
        String journey,
        String step,
        Channel channel,
        MessageKind kind,
        String executionName,
        List<String> unlessAny,
        Instant since)
        implements JourneyStep {
    public DispatchStep {
        required(customerId, "customerId");
        required(journey, "journey");
        required(step, "step");
        required(channel, "channel");
        required(executionName, "executionId");
        kind = kind == null ? MessageKind.SERVICE : kind;
        unlessAny = unlessAny == null ? List.of() : List.copyOf(unlessAny);
    }

    @Override
    public String action() {
        return "dispatch";
    }
}
