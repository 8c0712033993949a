package it.attimo.aws.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
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
import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Contact;
import it.attimo.core.journey.OutboundMessage;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sns.SnsClient;

/** The SNS mobile-push calls (query protocol) for one push message, against a stand-in SNS. */
class SnsPushGatewayTest {
    static final String APP = "arn:aws:sns:eu-south-1:123456789012:app/GCM/attimo";
    static final String ENDPOINT = "arn:aws:sns:eu-south-1:123456789012:endpoint/GCM/attimo/5e3e9847-3183-3f18-a7e8";
    static final String NS = " xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"";

    @RegisterExtension
    static WireMockExtension aws = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    static OutboundMessage push() {
        OutboundMessage m = new OutboundMessage(
                "c-1",
                new Contact("c-1", null, null, "fcm-token-1"),
                Channel.PUSH,
                "post-purchase",
                "welcome",
                "service",
                "post-purchase.welcome",
                "it-IT",
                "informale",
                "c-1#exec-1#welcome",
                Instant.parse("2026-06-10T08:00:00Z"));
        return m.withRendered(it.attimo.core.message.MessageRenderer.bundled(
                        "https://shop.example", (it.attimo.core.message.CustomerLinkToken) null)
                .render(new it.attimo.core.message.MessageInput(
                        "c-1",
                        "post-purchase",
                        "welcome",
                        Channel.PUSH,
                        "service",
                        m.messageKey(),
                        it.attimo.core.customer.Segment.B2C,
                        "Sud",
                        "informale",
                        null,
                        null,
                        Map.of(),
                        null)));
    }

    static void answer(String action, int status, String xml) {
        aws.stubFor(post(urlEqualTo("/"))
                .withRequestBody(containing("Action=" + action))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "text/xml")
                        .withBody(xml)));
    }

    static void endpointCreated(String arn) {
        answer(
                "CreatePlatformEndpoint",
                200,
                "<CreatePlatformEndpointResponse" + NS + "><CreatePlatformEndpointResult><EndpointArn>" + arn
                        + "</EndpointArn></CreatePlatformEndpointResult></CreatePlatformEndpointResponse>");
    }

    static void attributes(String token, boolean enabled) {
        answer(
                "GetEndpointAttributes",
                200,
                "<GetEndpointAttributesResponse" + NS + "><GetEndpointAttributesResult><Attributes>"
                        + "<entry><key>Token</key><value>" + token + "</value></entry>"
                        + "<entry><key>Enabled</key><value>" + enabled + "</value></entry>"
                        + "</Attributes></GetEndpointAttributesResult></GetEndpointAttributesResponse>");
        answer(
                "SetEndpointAttributes",
                200,
                "<SetEndpointAttributesResponse" + NS + "><ResponseMetadata><RequestId>r</RequestId>"
                        + "</ResponseMetadata></SetEndpointAttributesResponse>");
    }

    static void published() {
        answer(
                "Publish",
                200,
                "<PublishResponse" + NS + "><PublishResult><MessageId>push-0001</MessageId></PublishResult>"
                        + "</PublishResponse>");
    }

    static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            out.put(
                    URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    static Map<String, String> call(String action) {
        List<LoggedRequest> found =
                aws.findAll(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=" + action)));
        assertThat(found).as(action).hasSize(1);
        return form(found.get(0).getBodyAsString());
    }

    SnsPushGateway gateway(SnsClient sns) {
        return new SnsPushGateway(sns, APP);
    }

    @Test
    void createsTheEndpointFromThePushTokenAndPublishesAPayloadPerPlatform() throws Exception {
        endpointCreated(ENDPOINT);
        attributes("fcm-token-1", true);
        published();
        try (SnsClient sns = AwsClients.build(SnsClient.builder(), "eu-south-1", aws.baseUrl())) {
            assertThat(gateway(sns).send(push())).isEqualTo("push-0001");
        }
        assertThat(call("CreatePlatformEndpoint"))
                .containsEntry("PlatformApplicationArn", APP)
                .containsEntry("Token", "fcm-token-1")
                .containsEntry("CustomUserData", "c-1");
        Map<String, String> publish = call("Publish");
        assertThat(publish).containsEntry("TargetArn", ENDPOINT).containsEntry("MessageStructure", "json");
        JsonNode message = new ObjectMapper().readTree(publish.get("Message"));
        assertThat(message.path("default").asText())
                .startsWith("Il tuo ordine è arrivato!")
                .contains("m=c-1%23exec-1%23welcome");
        JsonNode fcm = new ObjectMapper().readTree(message.path("GCM").asText());
        assertThat(fcm.path("fcmV1Message")
                        .path("message")
                        .path("data")
                        .path("attimoMessageKey")
                        .asText())
                .isEqualTo("c-1#exec-1#welcome");
        assertThat(new ObjectMapper()
                        .readTree(message.path("APNS").asText())
                        .path("aps")
                        .has("alert"))
                .isTrue();
        assertThat(aws.findAll(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("SetEndpointAttributes"))))
                .isEmpty();
    }

    @Test
    void anExistingEndpointWithOtherAttributesIsFoundAndADisabledOneRefreshed() {
        answer(
                "CreatePlatformEndpoint",
                400,
                "<ErrorResponse" + NS + "><Error><Type>Sender</Type><Code>InvalidParameter</Code><Message>Invalid "
                        + "parameter: Token Reason: Endpoint " + ENDPOINT + " already exists with the same Token, "
                        + "but different attributes.</Message></Error><RequestId>r</RequestId></ErrorResponse>");
        attributes("fcm-token-1", false);
        published();
        try (SnsClient sns = AwsClients.build(SnsClient.builder(), "eu-south-1", aws.baseUrl())) {
            gateway(sns).send(push());
        }
        assertThat(call("SetEndpointAttributes"))
                .containsEntry("EndpointArn", ENDPOINT)
                .containsValue("Enabled")
                .containsValue("true");
        assertThat(call("Publish")).containsEntry("TargetArn", ENDPOINT);
    }

    @Test
    void aDisabledEndpointIsARejectionAndNoTokenSendsNothing() {
        endpointCreated(ENDPOINT);
        attributes("fcm-token-1", true);
        answer(
                "Publish",
                400,
                "<ErrorResponse" + NS + "><Error><Type>Sender</Type><Code>EndpointDisabled</Code>"
                        + "<Message>Endpoint is disabled</Message></Error><RequestId>r</RequestId></ErrorResponse>");
        try (SnsClient sns = AwsClients.build(SnsClient.builder(), "eu-south-1", aws.baseUrl())) {
            assertThatThrownBy(() -> gateway(sns).send(push()))
                    .isInstanceOf(PushEndpointDisabledException.class)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("c-1#exec-1#welcome");
            OutboundMessage noToken = new OutboundMessage(
                    "c-2",
                    new Contact("c-2", "a@b.it", null, null),
                    Channel.PUSH,
                    "j",
                    "s",
                    "service",
                    "post-purchase.welcome",
                    "it-IT",
                    null,
                    "c-2#e#s",
                    Instant.EPOCH);
            assertThatThrownBy(() -> gateway(sns).send(noToken)).hasMessageContaining("no push token");
        }
    }
}
