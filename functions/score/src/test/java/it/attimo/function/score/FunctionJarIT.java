package it.attimo.function.score;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.aws.testing.FunctionJar;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** The shaded function.jar alone (plus a tiny launcher) builds its context from the environment, as on Lambda. */
class FunctionJarIT {
    @Test
    void theJarReadsItsStateMachinesAndReportsAMessageItCouldNotStoreForRedelivery() throws Exception {
        String output = FunctionJar.run(
                ScoreJarLauncher.class,
                Map.of(
                        "ATTIMO_AWS_ENDPOINT",
                        "http://127.0.0.1:9", // nothing listens: every DynamoDB call fails
                        "ATTIMO_STATE_MACHINE_ARNS",
                        "post-purchase=arn:aws:states:eu-south-1:123456789012:stateMachine:pp,"
                                + "onboarding-72h=arn:aws:states:eu-south-1:123456789012:stateMachine:ob",
                        // template.yaml's re-score settings: deadlines become EventBridge Scheduler schedules
                        "ATTIMO_RESCORE_TARGET_ARN",
                        "arn:aws:lambda:eu-south-1:123456789012:function:attimo-score:live",
                        "ATTIMO_RESCORE_ROLE_ARN",
                        "arn:aws:iam::123456789012:role/attimo-rescore",
                        "ATTIMO_RESCORE_GROUP",
                        "attimo-rescores"));
        assertThat(output)
                .contains("RESULT supports onboarding-72h=true")
                .contains("RESULT rescores=SchedulerRescoreScheduler")
                .contains("RESULT failures=[8f6e1c2a-0b1d-4c3e-9f00-000000000001]");
    }

    @Test
    void theJarShipsOnlyTheSdksScoringUses() throws Exception {
        try (ZipFile zip = new ZipFile(FunctionJar.PATH.toFile())) {
            assertThat(zip.getEntry("software/amazon/awssdk/services/dynamodb/DynamoDbClient.class"))
                    .isNotNull();
            assertThat(zip.getEntry("software/amazon/awssdk/services/sfn/SfnClient.class"))
                    .isNotNull();
            assertThat(zip.getEntry("software/amazon/awssdk/services/scheduler/SchedulerClient.class"))
                    .isNotNull();
            assertThat(zip.getEntry("software/amazon/awssdk/services/sqs/SqsClient.class"))
                    .isNull();
            assertThat(zip.getEntry("software/amazon/awssdk/services/ssm/SsmClient.class"))
                    .isNull();
            assertThat(zip.getEntry("software/amazon/awssdk/services/sesv2/SesV2Client.class"))
                    .isNull();
            // the SMS STOP confirmation (ConsentFactory) goes through SNS from this function
            assertThat(zip.getEntry("software/amazon/awssdk/services/sns/SnsClient.class"))
                    .isNotNull();
        }
    }
}
