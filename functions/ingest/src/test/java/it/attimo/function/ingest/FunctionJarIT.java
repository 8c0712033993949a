package it.attimo.function.ingest;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shaded function.jar alone (plus a tiny launcher) handles the sample event the way Lambda would: the handler's
 * no-arg constructor builds its own context from environment variables, with only the SDKs this jar ships.
 */
class FunctionJarIT {
    static String run(Class<?> main, Map<String, String> env) throws Exception {
        Path jar = Path.of("target", "function.jar");
        assertThat(jar).exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", jar + File.pathSeparator + Path.of("target", "test-classes"),
                main.getName()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("ATTIMO_") || k.startsWith("AWS_"));
        pb.environment().putAll(env);
        Path out = Files.createTempFile("function-jar", ".log");
        pb.redirectOutput(out.toFile());
        Process process = pb.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the function jar did not finish in 120 s:\n" + Files.readString(out));
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    @Test
    void theJarAnswersTheSampleEventFromItsOwnContext() throws Exception {
        String output = run(IngestJarLauncher.class, Map.of(
                "ATTIMO_AWS_ENDPOINT", "http://127.0.0.1:9",
                "ATTIMO_EVENTS_QUEUE_URL", "http://127.0.0.1:9/000000000000/events.fifo",
                "ATTIMO_SECRETS_SOURCE", "env",
                "ATTIMO_WEBHOOK_SECRET", IngestHandlerTest.FIXTURE_SECRET));
        // the fixture was signed in 2026-06; on the real wall clock it is stale: refused before any AWS call
        assertThat(output).contains("RESULT status=401");
    }

    @Test
    void theJarShipsOnlyTheSdksIngestUses() throws Exception {
        try (var zip = new java.util.zip.ZipFile("target/function.jar")) {
            assertThat(zip.getEntry("software/amazon/awssdk/services/sqs/SqsClient.class")).isNotNull();
            assertThat(zip.getEntry("software/amazon/awssdk/services/ssm/SsmClient.class")).isNull();
            assertThat(zip.getEntry("software/amazon/awssdk/services/sesv2/SesV2Client.class")).isNull();
            assertThat(zip.getEntry("software/amazon/awssdk/services/sfn/SfnClient.class")).isNull();
        }
    }
}
