package it.attimo.function.journey;

import io.micronaut.context.ApplicationContext;
import it.attimo.aws.lambda.AttimoHandler;
import it.attimo.core.journey.JourneySteps;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * The journeys' task function (plan, dispatch, ...): Step Functions payload → {@link JourneySteps} → result. Errors
 * pass through unchanged, so a state machine can retry on the exception's class name.
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
        return steps.handle(payload);
    }
}
