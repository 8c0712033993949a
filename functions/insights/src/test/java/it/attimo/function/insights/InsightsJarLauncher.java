package it.attimo.function.insights;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.Map;

/** Run by {@link FunctionJarIT} in a child JVM whose classpath is the shaded function.jar. */
public final class InsightsJarLauncher {
    public static void main(String[] args) throws Exception {
        try {
            System.out.println(
                    "RESULT refresh=" + new RefreshHandler().handleRequest(Map.of("job", "daily-refresh"), null));
        } catch (RuntimeException e) {
            System.out.println("RESULT refresh-error=" + e.getClass().getName());
        }
        APIGatewayV2HTTPEvent event;
        try (InputStream in = InsightsJarLauncher.class.getResourceAsStream("/events/get-profile.json")) {
            event = new ObjectMapper()
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(in, APIGatewayV2HTTPEvent.class);
        }
        try {
            System.out.println("RESULT status="
                    + new InsightsHandler().handleRequest(event, null).getStatusCode());
        } catch (RuntimeException e) {
            System.out.println("RESULT error=" + e.getClass().getName());
        }
    }
}
