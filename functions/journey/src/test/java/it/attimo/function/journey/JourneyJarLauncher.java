package it.attimo.function.journey;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.Map;

/** Run by {@link FunctionJarIT} in a child JVM whose classpath is the shaded function.jar. */
public final class JourneyJarLauncher {
    public static void main(String[] args) throws Exception {
        Map<String, Object> payload;
        try (InputStream in = JourneyJarLauncher.class.getResourceAsStream("/events/plan-welcome.json")) {
            payload = new ObjectMapper().readValue(in, new TypeReference<>() {});
        }
        JourneyHandler handler = new JourneyHandler();
        try {
            System.out.println("RESULT output=" + handler.handleRequest(payload, null));
        } catch (RuntimeException e) {
            System.out.println("RESULT error=" + e.getClass().getName());
        }
    }
}
