package it.attimo.aws.hubspot;

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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HubSpotAccountManagerTasksTest {
    @RegisterExtension
    static WireMockExtension hubspot = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private final Clock clock = Clock.fixed(Instant.parse("2026-06-10T10:15:00Z"), ZoneOffset.UTC);

    private HubSpotAccountManagerTasks tasks(String ownerId) {
        HubSpotClient client = new HubSpotClient(
                URI.create(hubspot.baseUrl()),
                () -> "pat-test",
                HttpClient.newHttpClient(),
                d -> {},
                3,
                Duration.ofMillis(10),
                Duration.ofSeconds(5));
        return new HubSpotAccountManagerTasks(client, "123", ownerId, clock);
    }

    @Test
    void createsAHighPriorityTaskAssociatedToTheContact() {
        hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/tasks"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                        {"id":"987654","properties":{"hs_task_subject":"Attimo: onboarding.at-risk",
                         "hs_task_status":"NOT_STARTED","hs_timestamp":"2026-06-10T10:15:00Z"},
                         "createdAt":"2026-06-10T10:15:01.000Z","updatedAt":"2026-06-10T10:15:01.000Z","archived":false}""")));

        tasks("77").open("hs-123-456", "onboarding.at-risk", "onboarding-72h-hs-123-456-e1");

        hubspot.verify(
                1,
                postRequestedFor(urlEqualTo("/crm/v3/objects/tasks"))
                        .withHeader("Authorization", equalTo("Bearer pat-test"))
                        .withRequestBody(equalToJson("""
                        {"properties":{"hs_timestamp":"2026-06-10T10:15:00Z","hs_task_subject":"Attimo: onboarding.at-risk",
                          "hs_task_body":"${json-unit.any-string}","hs_task_status":"NOT_STARTED","hs_task_priority":"HIGH",
                          "hs_task_type":"TODO","hubspot_owner_id":"77"},
                         "associations":[{"to":{"id":"456"},
                           "types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":204}]}]}""")));
    }

    @Test
    void withoutAnOwnerTheTaskIsUnassigned() throws Exception {
        hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/tasks"))
                .willReturn(aResponse().withStatus(201).withBody("{\"id\":\"1\"}")));

        tasks(null).open("hs-123-456", "onboarding.at-risk", "exec");

        String body = hubspot.getAllServeEvents().get(0).getRequest().getBodyAsString();
        JsonNode sent = new ObjectMapper().readTree(body);
        assertThat(sent.path("properties").has("hubspot_owner_id")).isFalse();
        assertThat(sent.path("associations").get(0).path("to").path("id").asText())
                .isEqualTo("456");
    }

    @Test
    void customersThatAreNotHubSpotContactsGetNoCrmTask() {
        tasks("77").open("c-42", "onboarding.at-risk", "exec");

        hubspot.verify(0, anyRequestedFor(anyUrl()));
    }
}
