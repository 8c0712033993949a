package it.attimo.aws.hubspot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The write-back against WireMock speaking HubSpot's documented CRM v3 shapes. */
class HubSpotScoreWriteBackTest {
    @RegisterExtension
    static WireMockExtension hubspot = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final String CONTACT_PATH = "/crm/v3/objects/contacts/456";
    private static final String OK_BODY = """
            {"id":"456","properties":{"attimo_score":"35","attimo_tier":"engaged",
             "createdate":"2026-06-10T08:00:00.000Z","hs_lastmodifieddate":"2026-06-10T08:02:00.000Z","hs_object_id":"456"},
             "createdAt":"2026-06-10T08:00:00.000Z","updatedAt":"2026-06-10T08:02:00.000Z","archived":false}""";
    private static final String RATE_LIMITED = """
            {"status":"error","message":"You have reached your secondly limit.","errorType":"RATE_LIMIT",
             "correlationId":"c0b4f3a6-1b1e-4c1e-9a43-6f7e2d1a0b11","policyName":"SECONDLY","category":"RATE_LIMITS"}""";

    private final List<Duration> sleeps = new ArrayList<>();
    private HubSpotScoreWriteBack writeBack;

    @BeforeEach
    void setUp() {
        HubSpotClient client = new HubSpotClient(
                URI.create(hubspot.baseUrl()),
                () -> "pat-eu1-test-token",
                HttpClient.newHttpClient(),
                sleeps::add,
                4,
                Duration.ofMillis(500),
                Duration.ofSeconds(5));
        writeBack = new HubSpotScoreWriteBack(client, "123");
    }

    @Test
    void patchesScoreAndTierOnTheContactWithBearerAuth() {
        hubspot.stubFor(patch(urlEqualTo(CONTACT_PATH))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json;charset=utf-8")
                        .withBody(OK_BODY)));

        writeBack.publish("hs-123-456", 35.0, "engaged");

        hubspot.verify(
                1,
                patchRequestedFor(urlEqualTo(CONTACT_PATH))
                        .withHeader("Authorization", equalTo("Bearer pat-eu1-test-token"))
                        .withHeader("Content-Type", equalTo("application/json"))
                        .withRequestBody(
                                equalToJson("{\"properties\":{\"attimo_score\":\"35\",\"attimo_tier\":\"engaged\"}}")));
        assertThat(sleeps).isEmpty();
    }

    @Test
    void a429IsRetriedAfterTheSecondsOfRetryAfter() {
        hubspot.stubFor(patch(urlEqualTo(CONTACT_PATH))
                .inScenario("rate")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "7")
                        .withHeader("Content-Type", "application/json")
                        .withBody(RATE_LIMITED))
                .willSetStateTo("ok"));
        hubspot.stubFor(patch(urlEqualTo(CONTACT_PATH))
                .inScenario("rate")
                .whenScenarioStateIs("ok")
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(OK_BODY)));

        writeBack.publish("hs-123-456", 35.0, "engaged");

        hubspot.verify(2, patchRequestedFor(urlEqualTo(CONTACT_PATH)));
        assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void a429WithoutRetryAfterBacksOff() {
        hubspot.stubFor(patch(urlEqualTo(CONTACT_PATH))
                .inScenario("rate")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Content-Type", "application/json")
                        .withBody(RATE_LIMITED))
                .willSetStateTo("ok"));
        hubspot.stubFor(patch(urlEqualTo(CONTACT_PATH))
                .inScenario("rate")
                .whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withBody(OK_BODY)));

        writeBack.publish("hs-123-456", 35.0, "engaged");

        assertThat(sleeps).containsExactly(Duration.ofMillis(500));
    }

    @Test
    void serverErrorsAreRetriedWithDoublingBackoff() {
        hubspot.stubFor(patch(urlEqualTo(CONTACT_PATH))
                .inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(502))
                .willSetStateTo("second"));
        hubspot.stubFor(patch(urlEqualTo(CONTACT_PATH))
                .inScenario("flaky")
                .whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("ok"));
        hubspot.stubFor(patch(urlEqualTo(CONTACT_PATH))
                .inScenario("flaky")
                .whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withBody(OK_BODY)));

        writeBack.publish("hs-123-456", -15.0, "at-risk");

        hubspot.verify(
                3,
                patchRequestedFor(urlEqualTo(CONTACT_PATH))
                        .withRequestBody(equalToJson(
                                "{\"properties\":{\"attimo_score\":\"-15\",\"attimo_tier\":\"at-risk\"}}")));
        assertThat(sleeps).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    @Test
    void itGivesUpAfterTheLastAttemptWithTheStatus() {
        hubspot.stubFor(patch(urlEqualTo(CONTACT_PATH)).willReturn(aResponse().withStatus(500)));

        assertThatThrownBy(() -> writeBack.publish("hs-123-456", 35.0, "engaged"))
                .isInstanceOf(HubSpotApiException.class)
                .satisfies(e -> assertThat(((HubSpotApiException) e).status()).isEqualTo(500));
        hubspot.verify(4, patchRequestedFor(urlEqualTo(CONTACT_PATH)));
        assertThat(sleeps).hasSize(3);
    }

    @Test
    void aClientErrorFailsAtOnceWithoutQuotingTheBody() {
        hubspot.stubFor(patch(urlEqualTo(CONTACT_PATH))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                        {"status":"error","message":"Property values were not valid: mario.rossi@example.com",
                         "correlationId":"aa","category":"VALIDATION_ERROR"}""")));

        assertThatThrownBy(() -> writeBack.publish("hs-123-456", 35.0, "engaged"))
                .isInstanceOf(HubSpotApiException.class)
                .hasMessageContaining("400")
                .hasMessageContaining("VALIDATION_ERROR")
                .hasMessageNotContaining("mario.rossi");
        hubspot.verify(1, patchRequestedFor(urlEqualTo(CONTACT_PATH)));
        assertThat(sleeps).isEmpty();
    }

    @Test
    void anUnreachableHubSpotIsRetriedThenReportedWithoutAStatus() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        HubSpotClient unreachable = new HubSpotClient(
                URI.create("http://127.0.0.1:" + closedPort),
                () -> "pat",
                HttpClient.newHttpClient(),
                sleeps::add,
                3,
                Duration.ofMillis(200),
                Duration.ofSeconds(2));

        assertThatThrownBy(() -> new HubSpotScoreWriteBack(unreachable, null).publish("hs-1-2", 1.0, "cooling"))
                .isInstanceOf(HubSpotApiException.class)
                .satisfies(e -> assertThat(((HubSpotApiException) e).status()).isEqualTo(-1))
                .hasCauseInstanceOf(java.io.IOException.class);
        assertThat(sleeps).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void customersThatAreNotContactsOfThePortalAreSkipped() {
        writeBack.publish("c-42", 35.0, "engaged");
        writeBack.publish("hs-999-456", 35.0, "engaged");

        hubspot.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void scoresAreWrittenWithAtMostOneDecimal() {
        assertThat(HubSpotScoreWriteBack.format(35.0)).isEqualTo("35");
        assertThat(HubSpotScoreWriteBack.format(12.25)).isEqualTo("12.3");
        assertThat(HubSpotScoreWriteBack.format(-4.96)).isEqualTo("-5");
        assertThat(HubSpotScoreWriteBack.format(0.0)).isEqualTo("0");
    }
}
