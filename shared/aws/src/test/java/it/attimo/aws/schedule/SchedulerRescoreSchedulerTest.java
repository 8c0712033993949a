package it.attimo.aws.schedule;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import it.attimo.aws.config.AwsClients;
import it.attimo.core.profile.ProcessCustomerEvents;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.SchedulerException;

/** The CreateSchedule call EventBridge Scheduler receives (REST-JSON: POST /schedules/{Name}). */
class SchedulerRescoreSchedulerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String TARGET = "arn:aws:lambda:eu-south-1:123456789012:function:attimo-score:live";
    static final String ROLE = "arn:aws:iam::123456789012:role/attimo-rescore-scheduler";

    @RegisterExtension
    static WireMockExtension scheduler = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    SchedulerClient client() {
        return AwsClients.build(SchedulerClient.builder(), "eu-south-1", scheduler.baseUrl());
    }

    void rescore(String customerId, Instant at) {
        try (SchedulerClient client = client()) {
            new SchedulerRescoreScheduler(client, "attimo-rescores", TARGET, ROLE).rescoreAt(customerId, at);
        }
    }

    LoggedRequest onlyRequest() {
        List<LoggedRequest> requests = scheduler.findAll(postRequestedFor(urlPathMatching("/schedules/.*")));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    @Test
    void createsAOneTimeSelfDeletingScheduleThatInvokesTheScoreFunctionWithAnSqsShapedRescore() throws Exception {
        scheduler.stubFor(post(anyUrl())
                .willReturn(aResponse()
                        .withStatus(200)
                        .withBody("{\"ScheduleArn\":\"arn:aws:scheduler:eu-south-1:123456789012:schedule/g/n\"}")));
        Instant at = Instant.parse("2026-06-12T07:30:00Z");

        rescore("c-42", at);

        LoggedRequest request = onlyRequest();
        String name = SchedulerRescoreScheduler.scheduleName("c-42", at);
        assertThat(request.getUrl()).isEqualTo("/schedules/" + name);
        assertThat(request.getHeader("Authorization")).contains("/eu-south-1/scheduler/aws4_request");
        JsonNode body = JSON.readTree(request.getBodyAsString());
        assertThat(body.path("GroupName").asText()).isEqualTo("attimo-rescores");
        assertThat(body.path("ScheduleExpression").asText()).isEqualTo("at(2026-06-12T07:30:00)");
        assertThat(body.path("ScheduleExpressionTimezone").asText()).isEqualTo("UTC");
        assertThat(body.path("FlexibleTimeWindow").path("Mode").asText()).isEqualTo("OFF");
        assertThat(body.path("ActionAfterCompletion").asText()).isEqualTo("DELETE");
        JsonNode target = body.path("Target");
        assertThat(target.path("Arn").asText()).isEqualTo(TARGET);
        assertThat(target.path("RoleArn").asText()).isEqualTo(ROLE);

        JsonNode event = JSON.readTree(target.path("Input").asText());
        assertThat(event.path("Records")).hasSize(1);
        JsonNode record = event.path("Records").get(0);
        assertThat(record.path("messageId").asText()).isEqualTo(name);
        assertThat(record.path("eventSource").asText()).isEqualTo("aws:sqs");
        assertThat(record.path("attributes").path("MessageGroupId").asText()).isEqualTo("c-42");
        assertThat(record.path("body").asText()).isEqualTo(ProcessCustomerEvents.rescoreCommand("c-42", at));
    }

    @Test
    void theNameIsDeterministicShortAndFreeOfTheCustomerId() {
        Instant at = Instant.parse("2026-06-12T07:30:00Z");
        String name = SchedulerRescoreScheduler.scheduleName("hs-1234567", at);
        assertThat(name)
                .matches("rescore-[0-9a-f]{24}-1781249400")
                .hasSizeLessThanOrEqualTo(64)
                .doesNotContain("1234567")
                .isEqualTo(SchedulerRescoreScheduler.scheduleName("hs-1234567", at));
        assertThat(SchedulerRescoreScheduler.scheduleName("hs-1234568", at)).isNotEqualTo(name);
        assertThat(SchedulerRescoreScheduler.scheduleName("hs-1234567", at.plusSeconds(1)))
                .isNotEqualTo(name);
    }

    @Test
    void aDeadlineBetweenSecondsFiresAtTheNextWholeSecondNeverBeforeIt() throws Exception {
        scheduler.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));
        Instant at = Instant.parse("2026-06-12T07:30:00.250Z");

        rescore("c-42", at);

        LoggedRequest request = onlyRequest();
        assertThat(request.getUrl()).endsWith("-" + (at.getEpochSecond() + 1));
        JsonNode body = JSON.readTree(request.getBodyAsString());
        assertThat(body.path("ScheduleExpression").asText()).isEqualTo("at(2026-06-12T07:30:01)");
        JsonNode record = JSON.readTree(body.path("Target").path("Input").asText())
                .path("Records")
                .get(0);
        // the command still names the deadline itself
        assertThat(record.path("body").asText()).isEqualTo(ProcessCustomerEvents.rescoreCommand("c-42", at));
    }

    @Test
    void anAlreadyScheduledDeadlineIsSuccess() {
        scheduler.stubFor(post(anyUrl())
                .willReturn(aResponse()
                        .withStatus(409)
                        .withHeader("x-amzn-ErrorType", "ConflictException")
                        .withBody("{\"Message\":\"Schedule rescore-x already exists.\"}")));

        rescore("c-42", Instant.parse("2026-06-12T07:30:00Z"));

        assertThat(scheduler.findAll(postRequestedFor(anyUrl()))).hasSize(1);
    }

    @Test
    void otherFailuresReachTheCallerSoTheMessageIsRetried() {
        scheduler.stubFor(post(anyUrl())
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("x-amzn-ErrorType", "ValidationException")
                        .withBody("{\"Message\":\"bad\"}")));

        assertThatThrownBy(() -> rescore("c-42", Instant.parse("2026-06-12T07:30:00Z")))
                .isInstanceOf(SchedulerException.class);
    }
}
