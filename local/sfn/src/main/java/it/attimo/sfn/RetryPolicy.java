package it.attimo.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Random;

/** One retrier's timing: IntervalSeconds x BackoffRate^n, capped by MaxDelaySeconds, optionally with full jitter. */
final class RetryPolicy {
    static final int DEFAULT_INTERVAL_SECONDS = 1;
    static final int DEFAULT_MAX_ATTEMPTS = 3;
    static final double DEFAULT_BACKOFF_RATE = 2.0;

    private RetryPolicy() {}

    static int maxAttempts(JsonNode retrier) {
        return retrier.path("MaxAttempts").asInt(DEFAULT_MAX_ATTEMPTS);
    }

    /** The delay before retry number {@code retriesSoFar + 1} by this retrier. */
    static Duration delay(JsonNode retrier, int retriesSoFar, Random random) {
        double seconds = retrier.path("IntervalSeconds").asInt(DEFAULT_INTERVAL_SECONDS)
                * Math.pow(retrier.path("BackoffRate").asDouble(DEFAULT_BACKOFF_RATE), retriesSoFar);
        if (retrier.has("MaxDelaySeconds")) {
            seconds = Math.min(seconds, retrier.get("MaxDelaySeconds").asDouble());
        }
        if ("FULL".equals(retrier.path("JitterStrategy").asText())) {
            seconds = seconds * random.nextDouble();
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
