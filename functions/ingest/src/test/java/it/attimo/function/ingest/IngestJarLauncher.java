package it.attimo.function.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;

/** Run by {@link FunctionJarIT} in a child JVM whose classpath is the shaded function.jar. */
public final class IngestJarLauncher {
    public static void main(String[] args) throws Exception {
        APIGatewayV2HTTPEvent event;
        try (InputStream in = IngestJarLauncher.class.getResourceAsStream("/events/post-events.json")) {
            event = new ObjectMapper()
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(in, APIGatewayV2HTTPEvent.class);
        }
        System.out.println("RESULT status="
                + new IngestHandler().handleRequest(event, null).getStatusCode());
    }
}
