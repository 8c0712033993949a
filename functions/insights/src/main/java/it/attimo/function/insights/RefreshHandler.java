package it.attimo.function.insights;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import it.attimo.aws.lambda.LambdaContexts;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The daily job (EventBridge Scheduler, {@code {"job":"daily-refresh"}}). The core has no refresh use case yet, so
 * this answers honestly that nothing was refreshed; it becomes a one-line call when the use case lands.
 */
public class RefreshHandler extends MicronautRequestHandler<Map<String, Object>, Map<String, Object>> {
    public RefreshHandler() {}

    public RefreshHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return LambdaContexts.builder();
    }

    @Override
    public Map<String, Object> execute(Map<String, Object> input) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("job", input == null ? null : input.get("job"));
        result.put("status", "skipped");
        result.put("reason", "no refresh use case is implemented yet");
        return result;
    }
}
