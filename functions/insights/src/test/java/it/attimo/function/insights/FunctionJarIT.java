package it.attimo.function.insights;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.aws.testing.FunctionJar;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** The shaded function.jar alone (plus a tiny launcher) builds its context from the environment, as on Lambda. */
class FunctionJarIT {
    @Test
    void theJarServesTheDailyJobAndReachesDynamoDbForAProfile() throws Exception {
        String output = FunctionJar.run(InsightsJarLauncher.class, Map.of("ATTIMO_AWS_ENDPOINT", "http://127.0.0.1:9"));
        // the daily job is wired to the refresh use case, whose customer scan goes to DynamoDB
        assertThat(output).contains("RESULT refresh-error=software.amazon.awssdk.core.exception.SdkClientException");
        // nothing listens on the endpoint: the profile read fails in the SDK, proving the handler got that far; the
        // shared HttpErrorMapper answers it as a 500 (it used to escape the handler as a Lambda error)
        assertThat(output).contains("RESULT status=500");
        assertThat(output).contains("software.amazon.awssdk.core.exception.SdkClientException: Unable to execute HTTP");
    }

    @Test
    void theJarShipsOnlyDynamoDbStepFunctionsSnsAndSqs() throws Exception {
        try (ZipFile zip = new ZipFile(FunctionJar.PATH.toFile())) {
            assertThat(zip.getEntry("software/amazon/awssdk/services/dynamodb/DynamoDbClient.class"))
                    .isNotNull();
            // the journey map reads where executions are; the refresh sends alerts (SNS) and watches the DLQ (SQS)
            for (String present : new String[] {"sfn/SfnClient", "sns/SnsClient", "sqs/SqsClient"}) {
                assertThat(zip.getEntry("software/amazon/awssdk/services/" + present + ".class"))
                        .as(present)
                        .isNotNull();
            }
            for (String absent : new String[] {"ssm/SsmClient", "sesv2/SesV2Client"}) {
                assertThat(zip.getEntry("software/amazon/awssdk/services/" + absent + ".class"))
                        .as(absent)
                        .isNull();
            }
        }
    }
}
