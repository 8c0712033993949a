package it.attimo.function.journey;

import io.micronaut.context.ApplicationContext;
import it.attimo.aws.journey.JourneyErrors;
import it.attimo.aws.journey.JourneyStepPayloads;
import it.attimo.aws.lambda.AttimoHandler;
import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Segment;
import it.attimo.core.journey.JourneySteps;
import it.attimo.core.timing.MessageKind;
import it.attimo.core.timing.PlanRequest;
import it.attimo.core.timing.SendWindowPlanner;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The journeys' task function (plan, dispatch, ...): Step Functions payload → {@link JourneyStepPayloads} →
 * {@link JourneySteps} → result. A failure
 * leaves as the named error the state machines match ({@code Attimo.Transient}, {@code Attimo.Rejected}).
 */
public class JourneyHandler extends AttimoHandler<Map<String, Object>, Map<String, Object>> {
    @Inject
    JourneySteps steps;

    public JourneyHandler() {}

    public JourneyHandler(ApplicationContext context) {
        super(context);
    }

    /**
     * Before a SnapStart snapshot: a step payload parsed, and a send planned on the bundled Italian calendar (holidays,
     * patron days, windows), the work of the first plan step that touches no store.
     */
    @Override
    protected void warmUp() {
        JourneyStepPayloads.parse(Map.of(
                "action", "plan",
                "customerId", "priming",
                "journey", "post-purchase",
                "step", "welcome",
                "channel", "email",
                "kind", "service",
                "anchor", "2026-06-10T07:55:00Z",
                "offset", "PT0S",
                "window", "PT1H"));
        Instant now = Instant.now();
        SendWindowPlanner.defaults()
                .plan(PlanRequest.builder(Channel.EMAIL, now)
                        .comune("015146")
                        .segment(Segment.B2C)
                        .kind(MessageKind.SERVICE)
                        .deadline(now.plus(Duration.ofDays(3)))
                        .build());
    }

    @Override
    public Map<String, Object> execute(Map<String, Object> payload) {
        try {
            return steps.handle(JourneyStepPayloads.parse(payload));
        } catch (RuntimeException e) {
            throw JourneyErrors.named(e);
        }
    }
}
