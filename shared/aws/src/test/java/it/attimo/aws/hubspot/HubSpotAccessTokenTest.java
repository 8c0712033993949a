package it.attimo.aws.hubspot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import it.attimo.aws.config.AwsClients;
import it.attimo.aws.secrets.SsmParameters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HubSpotAccessTokenTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static WireMockExtension ssm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private static final class SettableClock extends Clock {
        Instant now = Instant.parse("2026-06-10T08:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static void ssmAnswers(String value) {
        ssm.stubFor(post(urlEqualTo("/"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withBody("{\"Parameter\":{\"Name\":\"/attimo/hubspot-access-token\",\"Value\":\"" + value
                                + "\"}}")));
    }

    static SsmParameters parameters(Clock clock) {
        return AwsClients.ssmParameters("eu-south-1", ssm.baseUrl() + "/", clock);
    }

    @Test
    void theSsmTokenIsDecryptedCachedAndRefreshedAfterItsTtl() throws Exception {
        SettableClock clock = new SettableClock();
        ssmAnswers("pat-eu1-first");
        try (SsmParameters parameters = parameters(clock)) {
            HubSpotAccessToken token = HubSpotAccessToken.fromSsm(
                    parameters, "/attimo/hubspot-access-token", clock, Duration.ofMinutes(5));

            assertThat(token.get()).isEqualTo("pat-eu1-first");
            ssmAnswers("pat-eu1-rotated");
            clock.now = clock.now.plus(Duration.ofMinutes(4));
            assertThat(token.get()).isEqualTo("pat-eu1-first");
            clock.now = clock.now.plus(Duration.ofMinutes(1));
            assertThat(token.get()).isEqualTo("pat-eu1-rotated");
        }

        List<LoggedRequest> requests = ssm.findAll(postRequestedFor(urlEqualTo("/")));
        assertThat(requests).hasSize(2).allSatisfy(r -> {
            assertThat(r.getHeader("X-Amz-Target")).isEqualTo("AmazonSSM.GetParameter");
            JsonNode body = JSON.readTree(r.getBodyAsString());
            assertThat(body.path("Name").asText()).isEqualTo("/attimo/hubspot-access-token");
            assertThat(body.path("WithDecryption").asBoolean()).isTrue();
        });
    }

    @Test
    void aMissingTokenIsAnErrorThatNamesThePropertyNotAValue() {
        ssm.stubFor(post(urlEqualTo("/"))
                .willReturn(
                        aResponse().withStatus(400).withBody("{\"__type\":\"ParameterNotFound\",\"message\":\"no\"}")));
        try (SsmParameters parameters = parameters(Clock.systemUTC())) {
            assertThatThrownBy(
                            () -> HubSpotAccessToken.fromSsm(parameters, "/p", Clock.systemUTC(), Duration.ofMinutes(5))
                                    .get())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("attimo.hubspot.access-token");
        }
        assertThatThrownBy(() -> HubSpotAccessToken.fixed(" ").get()).isInstanceOf(IllegalStateException.class);
        assertThat(HubSpotAccessToken.fixed("pat-x").get()).isEqualTo("pat-x");
    }
}
