package it.attimo.aws.sqs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import it.attimo.aws.config.AwsClients;
import it.attimo.core.event.CustomerEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Entries SQS refuses inside a successful SendMessageBatch: retried once, never reported as published. */
class SqsEventQueueRetryTest {
    @RegisterExtension
    static WireMockExtension sqs = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    static final String FAILED_ENTRY_1 = "{\"Successful\":[],\"Failed\":[{\"Id\":\"1\",\"SenderFault\":false,"
            + "\"Code\":\"InternalError\",\"Message\":\"try again\"}]}";

    static List<CustomerEvent> twoEvents() {
        Instant t = Instant.parse("2026-06-10T08:00:00Z");
        return List.of(
                new CustomerEvent("e-0", "s", "portal.accessed", "c", t, Map.of()),
                new CustomerEvent("e-1", "s", "portal.accessed", "c", t.plusSeconds(1), Map.of()));
    }

    static SqsClient client() {
        // the stub answers without MD5 digests of the bodies; the retry logic is what is under test here
        return AwsClients.build(SqsClient.builder().checksumValidationEnabled(false), "eu-south-1", sqs.baseUrl());
    }

    static void batchAnswers(String first, String second) {
        sqs.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AmazonSQS.SendMessageBatch"))
                .inScenario("batch")
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("retried")
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/x-amz-json-1.0")
                        .withBody(first)));
        sqs.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AmazonSQS.SendMessageBatch"))
                .inScenario("batch")
                .whenScenarioStateIs("retried")
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/x-amz-json-1.0")
                        .withBody(second)));
    }

    @Test
    void aRefusedEntryIsSentAgainAloneAndThenCounts() throws Exception {
        batchAnswers(FAILED_ENTRY_1, "{\"Successful\":[{\"Id\":\"1\",\"MessageId\":\"m-1\"}],\"Failed\":[]}");
        try (SqsClient client = client()) {
            new SqsEventQueue(client, sqs.baseUrl() + "/000000000000/events.fifo").publish(twoEvents());
        }
        List<LoggedRequest> requests = sqs.findAll(postRequestedFor(urlEqualTo("/")));
        assertThat(requests).hasSize(2);
        JsonNode retry =
                new ObjectMapper().readTree(requests.get(1).getBodyAsString()).path("Entries");
        assertThat(retry).hasSize(1);
        assertThat(retry.get(0).path("Id").asText()).isEqualTo("1");
        assertThat(retry.get(0).path("MessageDeduplicationId").asText()).isEqualTo("e-1");
        assertThat(retry.get(0).path("MessageGroupId").asText()).isEqualTo("c");
    }

    @Test
    void anEntryRefusedTwiceFailsThePublish() {
        batchAnswers(FAILED_ENTRY_1, FAILED_ENTRY_1);
        try (SqsClient client = client()) {
            SqsEventQueue queue = new SqsEventQueue(client, sqs.baseUrl() + "/000000000000/events.fifo");
            assertThatThrownBy(() -> queue.publish(twoEvents()))
                    .isInstanceOf(EventQueuePublishException.class)
                    .hasMessageContaining("e-1")
                    .hasMessageContaining("InternalError");
        }
    }
}
