package it.attimo.function.journey;

import io.micronaut.context.ApplicationContext;
import it.attimo.aws.journey.JourneyErrors;
import it.attimo.aws.journey.JourneyStepPayloads;
import it.attimo.aws.lambda.AttimoHandler;
import it.attimo.core.journey.JourneySteps;
import jakarta.inject.Inject;
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

    @Override
    public Map<String, Object> execute(Map<String, Object> payload) {
        try {
            return steps.handle(JourneyStepPayloads.parse(payload));
        } catch (RuntimeException e) {
            throw JourneyErrors.named(e);
        }
    }
}
