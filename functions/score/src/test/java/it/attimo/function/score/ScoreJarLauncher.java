package it.attimo.function.score;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import it.attimo.core.port.JourneyRuntime;
import it.attimo.core.port.RescoreScheduler;
import java.io.InputStream;

/** Run by {@link FunctionJarIT} in a child JVM whose classpath is the shaded function.jar. */
public final class ScoreJarLauncher {
    public static void main(String[] args) throws Exception {
        SQSEvent event;
        try (InputStream in = ScoreJarLauncher.class.getResourceAsStream("/events/sqs-order-delivered.json")) {
            event = JsonMapper.builder()
                    .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .build()
                    .readValue(in, SQSEvent.class);
        }
        ScoreHandler handler = new ScoreHandler();
        JourneyRuntime runtime = handler.getApplicationContext().getBean(JourneyRuntime.class);
        System.out.println("RESULT supports onboarding-72h=" + runtime.supports("onboarding-72h"));
        System.out.println("RESULT rescores="
                + handler.getApplicationContext()
                        .getBean(RescoreScheduler.class)
                        .getClass()
                        .getSimpleName());
        SQSBatchResponse response = handler.handleRequest(event, null);
        System.out.println("RESULT failures="
                + response.getBatchItemFailures().stream()
                        .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                        .toList());
    }
}
