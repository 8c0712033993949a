package it.attimo.function.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.aws.testing.FunctionJar;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shaded function.jar alone (plus a tiny launcher) handles the sample event the way Lambda would: the handler's
 * no-arg constructor builds its own context from environment variables, with only the SDKs this jar ships.
 */
class FunctionJarIT {
    @Test
    void theJarAnswersTheSampleEventFromItsOwnContext() throws Exception {
        String output = FunctionJar.run(
                IngestJarLauncher.class,
                Map.of(
                        "ATTIMO_AWS_ENDPOINT", "http://127.0.0.1:9",
                        "ATTIMO_EVENTS_QUEUE_URL", "http://127.0.0.1:9/000000000000/events.fifo",
                        "ATTIMO_SECRETS_SOURCE", "env",
                        "ATTIMO_WEBHOOK_SECRET", IngestHandlerTest.FIXTURE_SECRET));
        // the fixture was signed in 2026-06; on the real wall clock it is stale: refused before any AWS call
        assertThat(output).contains("RESULT status=401");
    }

    @Test
    void theJarShipsOnlyTheSdksIngestUses() throws Exception {
        try (var zip = new java.util.zip.ZipFile(FunctionJar.PATH.toFile())) {
            assertThat(zip.getEntry("software/amazon/awssdk/services/sqs/SqsClient.class"))
                    .isNotNull();
            assertThat(zip.getEntry("software/amazon/awssdk/services/ssm/SsmClient.class"))
                    .isNull();
            assertThat(zip.getEntry("software/amazon/awssdk/services/sesv2/SesV2Client.class"))
                    .isNull();
            assertThat(zip.getEntry("software/amazon/awssdk/services/sfn/SfnClient.class"))
                    .isNull();
        }
    }
}
