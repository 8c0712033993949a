package it.attimo.aws.sfn;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import it.attimo.aws.config.AwsClients;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.SfnException;

/** What the SDK actually sends to Step Functions (AWS JSON 1.0), and how its errors map onto the port. */
class SfnJourneyRuntimeTest {
    static final String PP = "arn:aws:states:eu-south-1:123456789012:stateMachine:attimo-post-purchase";

    @RegisterExtension
    static WireMockExtension sfn = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    SfnClient client;
    SfnJourneyRuntime runtime;

    @BeforeEach
    void connect() {
        client = AwsClients.build(SfnClient.builder(), "eu-south-1", sfn.baseUrl());
        runtime = new SfnJourneyRuntime(client, Map.of("post-purchase", PP));
    }

    @AfterEach
    void close() {
        client.close();
    }

    static void answer(String target, int status, String body) {
        sfn.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AWSStepFunctions." + target))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/x-amz-json-1.0")
                        .withBody(body)));
    }

    static String error(String type) {
        return "{\"__type\":\"" + type + "\",\"message\":\"from the stub\"}";
    }

    @Test
    void startSendsTheStateMachineTheExecutionNameAndTheInput() {
        answer("StartExecution", 200, "{\"executionArn\":\"arn:x\",\"startDate\":1.7810784E9}");

        assertThat(runtime.start("post-purchase", "post-purchase-c1-e1", "{\"customerId\":\"c1\"}"))
                .isTrue();

        sfn.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AWSStepFunctions.StartExecution"))
                .withHeader("Content-Type", equalTo("application/x-amz-json-1.0"))
                .withRequestBody(equalToJson("{\"stateMachineArn\":\"" + PP + "\",\"name\":\"post-purchase-c1-e1\","
                        + "\"input\":\"{\\\"customerId\\\":\\\"c1\\\"}\"}")));
    }

    @Test
    void anExecutionThatAlreadyExistsIsNotStartedAgain() {
        answer("StartExecution", 400, error("ExecutionAlreadyExists"));
        assertThat(runtime.start("post-purchase", "post-purchase-c1-e1", "{}")).isFalse();
    }

    @Test
    void otherStartErrorsAreNotSwallowed() {
        answer("StartExecution", 400, error("StateMachineDoesNotExist"));
        assertThatThrownBy(() -> runtime.start("post-purchase", "x", "{}")).isInstanceOf(SfnException.class);
    }

    @Test
    void aJourneyWithoutAStateMachineIsRefusedBeforeAnyCall() {
        assertThat(runtime.supports("recovery")).isFalse();
        assertThatThrownBy(() -> runtime.start("recovery", "x", "{}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("recovery");
        sfn.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void resumeSendsTaskSuccessWithTheOutput() {
        answer("SendTaskSuccess", 200, "{}");
        assertThat(runtime.resume("token-1", "{\"event\":\"e1\"}")).isTrue();
        sfn.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AWSStepFunctions.SendTaskSuccess"))
                .withRequestBody(equalToJson("{\"taskToken\":\"token-1\",\"output\":\"{\\\"event\\\":\\\"e1\\\"}\"}")));
    }

    @Test
    void aTokenThatTimedOutOrIsInvalidOrUnknownIsNotResumed() {
        for (String closed : new String[] {"TaskTimedOut", "InvalidToken", "TaskDoesNotExist"}) {
            sfn.resetAll();
            answer("SendTaskSuccess", 400, error(closed));
            answer("SendTaskFailure", 400, error(closed));
            assertThat(runtime.resume("token-1", "{}")).as(closed).isFalse();
            assertThat(runtime.fail("token-1", "Gone", "x")).as(closed).isFalse();
        }
    }

    @Test
    void failSendsTaskFailureWithTheErrorClippedToWhatStepFunctionsAccepts() {
        answer("SendTaskFailure", 200, "{}");
        String longError = "E".repeat(300);
        assertThat(runtime.fail("token-2", longError, "customer erased")).isTrue();
        sfn.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AWSStepFunctions.SendTaskFailure"))
                .withRequestBody(equalToJson("{\"taskToken\":\"token-2\",\"error\":\"" + "E".repeat(256)
                        + "\",\"cause\":\"customer erased\"}")));
    }

    @Test
    void stopAddressesTheExecutionArnAndIgnoresAnExecutionThatDoesNotExist() {
        answer("StopExecution", 400, error("ExecutionDoesNotExist"));
        runtime.stop("post-purchase", "post-purchase-c1-e1", "erased");
        sfn.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AWSStepFunctions.StopExecution"))
                .withRequestBody(equalToJson("{\"executionArn\":"
                        + "\"arn:aws:states:eu-south-1:123456789012:execution:attimo-post-purchase:post-purchase-c1-e1\","
                        + "\"cause\":\"erased\"}")));
    }

    @Test
    void anUnsafeExecutionNameIsMappedTheSameWayForStartAndStop() {
        answer("StartExecution", 200, "{\"executionArn\":\"arn:x\",\"startDate\":1.7810784E9}");
        answer("StopExecution", 200, "{\"stopDate\":1.7810784E9}");
        runtime.start("post-purchase", "pp#c 1", "{}");
        runtime.stop("post-purchase", "pp#c 1", "x");
        sfn.verify(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(
                        equalToJson("{\"stateMachineArn\":\"" + PP + "\",\"name\":\"pp-c-1\",\"input\":\"{}\"}")));
        sfn.verify(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(equalToJson(
                        "{\"executionArn\":\"arn:aws:states:eu-south-1:123456789012:execution:attimo-post-purchase:pp-c-1\","
                                + "\"cause\":\"x\"}")));
    }

    @Test
    void parsesTheStateMachineList() {
        assertThat(SfnJourneyRuntime.parseArns(" post-purchase=arn:a , onboarding-72h=arn:b ,"))
                .containsExactly(Map.entry("post-purchase", "arn:a"), Map.entry("onboarding-72h", "arn:b"));
        assertThat(SfnJourneyRuntime.parseArns("")).isEmpty();
        assertThatThrownBy(() -> SfnJourneyRuntime.parseArns("post-purchase"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void executionArnsFollowTheStateMachine() {
        assertThat(SfnJourneyRuntime.executionArn("arn:aws:states:eu-south-1:123:stateMachine:pp", "run-1"))
                .isEqualTo("arn:aws:states:eu-south-1:123:execution:pp:run-1");
    }
}
