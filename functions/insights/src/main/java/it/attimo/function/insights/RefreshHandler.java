package it.attimo.function.insights;

import io.micronaut.context.ApplicationContext;
import it.attimo.aws.lambda.AttimoHandler;
import it.attimo.core.experiment.ExperimentReports;
import it.attimo.core.timing.TemporalRefresh;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The daily job (EventBridge Scheduler, {@code {"job":"daily-refresh"}}): refits the temporal model (clusters and
 * priors) from every customer's history and stores it for the journeys' plan step, then reads every timing experiment
 * and records the decisions its stop rule makes (so a winner reaches new customers even if nobody asks GET
 * /experiments); answers the counts.
 */
public class RefreshHandler extends AttimoHandler<Map<String, Object>, Map<String, Object>> {
    public static final String DAILY_REFRESH = "daily-refresh";

    @Inject
    TemporalRefresh refresh;

    @Inject
    ExperimentReports experiments;

    public RefreshHandler() {}

    public RefreshHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    public Map<String, Object> execute(Map<String, Object> input) {
        Object job = input == null ? null : input.get("job");
        if (job != null && !DAILY_REFRESH.equals(job)) {
            throw new IllegalArgumentException("unknown job '" + job + "' (" + DAILY_REFRESH + ")");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("job", DAILY_REFRESH);
        result.put("status", "refreshed");
        result.putAll(refresh.run().toMap());
        result.put("experimentsDecided", experiments.decideDue());
        return result;
    }
}
