package it.attimo.function.journey;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.aws.testing.FunctionJar;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** The shaded function.jar alone (plus a tiny launcher) builds its context from the environment, as on Lambda. */
class FunctionJarIT {
    @Test
    void aStepThatCannotReachItsStoresFailsWithTheErrorNameTheStateMachineRetries() throws Exception {
        String output = FunctionJar.run(
                JourneyJarLauncher.class,
                Map.of(
                        "ATTIMO_AWS_ENDPOINT", "http://127.0.0.1:9", // nothing listens: every DynamoDB call fails
                        "ATTIMO_CHANNEL_MODE", "aws"));
        assertThat(output).contains("RESULT error=Attimo.Transient");
    }

    @Test
    void theJarShipsOnlyTheSdksJourneysUse() throws Exception {
        try (ZipFile zip = new ZipFile(FunctionJar.PATH.toFile())) {
            assertThat(zip.getEntry("software/amazon/awssdk/services/sesv2/SesV2Client.class"))
                    .isNotNull();
            assertThat(zip.getEntry("software/amazon/awssdk/services/sns/SnsClient.class"))
                    .isNotNull();
            assertThat(zip.getEntry("software/amazon/awssdk/services/sfn/SfnClient.class"))
                    .isNotNull();
            // dispatch queues push.disabled when a push endpoint is disabled
            assertThat(zip.getEntry("software/amazon/awssdk/services/sqs/SqsClient.class"))
                    .isNotNull();
            assertThat(zip.getEntry("software/amazon/awssdk/services/ssm/SsmClient.class"))
                    .isNull();
        }
    }
}
