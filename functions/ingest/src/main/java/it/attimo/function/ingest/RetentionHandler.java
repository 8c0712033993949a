package it.attimo.function.ingest;

import io.micronaut.context.ApplicationContext;
import it.attimo.aws.lambda.AttimoHandler;
import it.attimo.core.privacy.RetentionSweep;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The daily retention job (EventBridge Scheduler, {@code {"job":"retention"}}): queues the erasure of every customer
 * inactive longer than the retention period ({@link RetentionSweep}); answers the counts. In this jar because an
 * erasure is an event on the queue, which only the ingest function may send to.
 */
public class RetentionHandler extends AttimoHandler<Map<String, Object>, Map<String, Object>> {
    public static final String JOB = "retention";

    @Inject
    RetentionSweep sweep;

    public RetentionHandler() {}

    public RetentionHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    public Map<String, Object> execute(Map<String, Object> input) {
        Object job = input == null ? null : input.get("job");
        if (job != null && !JOB.equals(job))
            throw new IllegalArgumentException("unknown job '" + job + "' (" + JOB + ")");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("job", JOB);
        result.putAll(sweep.run().toMap());
        return result;
    }
}
