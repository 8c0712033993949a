package it.attimo.aws.secrets;

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

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import it.attimo.aws.config.AwsClients;
import it.attimo.core.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SsmSecretProviderTest {
    @RegisterExtension
    static WireMockExtension ssm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    static void parameter(String name, String value) {
        ssm.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParameter"))
                .withHeader("Content-Type", equalTo("application/x-amz-json-1.1"))
                .withRequestBody(equalToJson("{\"Name\":\"" + name + "\",\"WithDecryption\":true}"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"Parameter\":{\"Name\":\"" + name + "\",\"Type\":\"SecureString\",\"Value\":\""
                                + value + "\",\"Version\":1}}")));
    }

    static SsmParameters parameters(Clock wall) {
        return AwsClients.ssmParameters("eu-south-1", ssm.baseUrl(), wall);
    }

    @Test
    void readsDecryptedParametersAndCachesThemForFiveMinutesOfWallTime() {
        parameter("/attimo/webhook", "s3cret");
        MutableClock wall = MutableClock.at("2026-06-10T08:00:00Z");
        try (SsmParameters client = parameters(wall)) {
            SsmSecretProvider secrets =
                    new SsmSecretProvider(client, "/attimo/webhook", "/attimo/hubspot", wall, Duration.ofMinutes(5));

            assertThat(secrets.webhookSecret()).contains("s3cret");
            wall.advance(Duration.ofMinutes(4));
            assertThat(secrets.webhookSecret()).contains("s3cret");
            ssm.verify(1, postRequestedFor(urlEqualTo("/")));

            parameter("/attimo/webhook", "rotated");
            wall.advance(Duration.ofMinutes(1));
            assertThat(secrets.webhookSecret()).contains("rotated");
            ssm.verify(2, postRequestedFor(urlEqualTo("/")));
        }
    }

    @Test
    void aMissingParameterIsAnEmptySecret() {
        ssm.stubFor(post(urlEqualTo("/"))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"ParameterNotFound\",\"message\":\"\"}")));
        MutableClock wall = MutableClock.at("2026-06-10T08:00:00Z");
        try (SsmParameters client = parameters(wall)) {
            SsmSecretProvider secrets = new SsmSecretProvider(client, "/nope", "", wall, Duration.ofMinutes(5));
            assertThat(secrets.webhookSecret()).isEmpty();
            assertThat(secrets.hubspotClientSecret()).isEmpty(); // not configured: SSM is not even asked
            ssm.verify(1, anyRequestedFor(anyUrl()));
        }
    }
}
