package it.attimo.function.insights;

import io.micronaut.context.ApplicationContext;
import it.attimo.aws.lambda.AttimoHandler;
import it.attimo.core.analytics.AnalyticsRefresh;
import it.attimo.core.experiment.ExperimentReports;
import it.attimo.core.timing.TemporalRefresh;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The scheduled jobs (EventBridge Scheduler): {@code {"job":"daily-refresh"}} refits the temporal model (clusters and
 * priors) from every customer's history and stores it for the journeys' plan step, then records the timing
 * experiments' decisions due (so a winner reaches new customers even if nobody asks GET /experiments);
 * {@code {"job":"analytics-refresh"}}
 * recomputes the customer-base analytics (RFM, clusters, BG/NBD, churn model) read by {@code GET /insights/*}. Each
 * answers its counts.
 */
public class RefreshHandler extends AttimoHandler<Map<String, Object>, Map<String, Object>> {
    public static final String DAILY_REFRESH = "daily-refresh";
    public static final String ANALYTICS_REFRESH = "analytics-refresh";

    @Inject
    TemporalRefresh refresh;

    @Inject
    ExperimentReports experiments;

    @Inject
    AnalyticsRefresh analytics;

    public RefreshHandler() {}

    public RefreshHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    public Map<String, Object> execute(Map<String, Object> input) {
        Object job = input == null ? null : input.get("job");
        if (ANALYTICS_REFRESH.equals(job)) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("job", ANALYTICS_REFRESH);
            result.put("status", "refreshed");
            result.putAll(analytics.run());
            return result;
        }
        if (job != null && !DAILY_REFRESH.equals(job)) {
            throw new IllegalArgumentException(
                    "unknown job '" + job + "' (" + DAILY_REFRESH + ", " + ANALYTICS_REFRESH + ")");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("job", DAILY_REFRESH);
        result.put("status", "refreshed");
        result.putAll(refresh.run().toMap());
        result.put("experimentsDecided", experiments.decideDue());
        return result;
    }
}
