package it.attimo.function.trays;

import io.micronaut.context.ApplicationContext;
import it.attimo.aws.journey.JourneyErrors;
import it.attimo.aws.lambda.AttimoHandler;
import it.attimo.core.tray.TrayFlow;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * The tray state machine's task function: {@code {action: turn | wait | remind | expire | complete | rejected,
 * trayId, party?, taskToken?}} → {@link TrayFlow}. Failures leave as the named errors the state machine retries
 * ({@code Attimo.Transient}) or not ({@code Attimo.Rejected}).
 */
public class TrayStepHandler extends AttimoHandler<Map<String, Object>, Map<String, Object>> {
    @Inject
    TrayFlow flow;

    public TrayStepHandler() {}

    public TrayStepHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    public Map<String, Object> execute(Map<String, Object> payload) {
        try {
            String action = required(payload, "action");
            String trayId = required(payload, "trayId");
            return switch (action) {
                case "turn" -> flow.turn(trayId);
                case "wait" -> flow.await(trayId, required(payload, "party"), required(payload, "taskToken"));
                case "remind" -> flow.remind(trayId, required(payload, "party"));
                case "expire" -> flow.expire(trayId, required(payload, "party"));
                case "complete" -> flow.complete(trayId);
                case "rejected" -> flow.rejected(trayId);
                default ->
                    throw new IllegalArgumentException(
                            "unknown tray action '" + action + "' (turn, wait, remind, expire, complete, rejected)");
            };
        } catch (RuntimeException e) {
            throw JourneyErrors.named(e);
        }
    }

    private static String required(Map<String, Object> payload, String field) {
        Object v = payload.get(field);
        if (v == null || v.toString().isBlank()) throw new IllegalArgumentException(field + " is required");
        return v.toString();
    }
}
