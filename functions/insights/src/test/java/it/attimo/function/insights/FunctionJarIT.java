package it.attimo.function.insights;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/** The shaded function.jar alone (plus a tiny launcher) builds its context from the environment, as on Lambda. */
class FunctionJarIT {
    static String run(Class<?> main, Map<String, String> env) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp",
                Path.of("target", "function.jar") + File.pathSeparator + Path.of("target", "test-classes"),
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
        return Files.readString(out);
    }

    @Test
    void theJarServesTheDailyJobAndReachesDynamoDbForAProfile() throws Exception {
        String output = run(InsightsJarLauncher.class, Map.of("ATTIMO_AWS_ENDPOINT", "http://127.0.0.1:9"));
        // the daily job is wired to the refresh use case, whose customer scan goes to DynamoDB
        assertThat(output).contains("RESULT refresh-error=software.amazon.awssdk.core.exception.SdkClientException");
        // nothing listens on the endpoint: the profile read fails in the SDK, proving the handler got that far
        assertThat(output).contains("RESULT error=software.amazon.awssdk.core.exception.SdkClientException");
    }

    @Test
    void theJarShipsOnlyDynamoDb() throws Exception {
        try (ZipFile zip = new ZipFile("target/function.jar")) {
            assertThat(zip.getEntry("software/amazon/awssdk/services/dynamodb/DynamoDbClient.class")).isNotNull();
            for (String absent : new String[] {"sqs/SqsClient", "ssm/SsmClient", "sesv2/SesV2Client", "sns/SnsClient",
                    "sfn/SfnClient"}) {
                assertThat(zip.getEntry("software/amazon/awssdk/services/" + absent + ".class")).as(absent).isNull();
            }
        }
    }
}
