package it.attimo.aws.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
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
import it.attimo.core.customer.Segment;
import it.attimo.core.journey.OutboundMessage;
import it.attimo.core.message.CustomerLinkToken;
import it.attimo.core.message.MessageInput;
import it.attimo.core.message.MessageRenderer;
import it.attimo.core.message.RenderedMessage;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.pinpointsmsvoicev2.PinpointSmsVoiceV2Client;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;

/** The requests the SDK sends to SES v2 (REST JSON) and SNS (query protocol) for one message. */
class SesAndSnsGatewaysTest {
    @RegisterExtension
    static WireMockExtension aws = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    static final MessageRenderer RENDERER = MessageRenderer.bundled("https://shop.example", (CustomerLinkToken) null);

    /** The post-purchase welcome as DispatchSend hands it over: rendered in {@code tone} (null: the rule's formale). */
    static OutboundMessage message(Channel channel, Contact contact, String tone) {
        OutboundMessage m = new OutboundMessage(
                "c-1",
                contact,
                channel,
                "post-purchase",
                "welcome",
                "service",
                "post-purchase.welcome",
                "it-IT",
                tone,
                "c-1#exec-1#welcome",
                Instant.parse("2026-06-10T08:00:00Z"));
        return m.withRendered(RENDERER.render(new MessageInput(
                "c-1",
                "post-purchase",
                "welcome",
                channel,
                "service",
                m.messageKey(),
                Segment.B2C,
                "Nord-ovest",
                tone,
                contact.firstName(),
                null,
                Map.of(),
                null)));
    }

    @Test
    void sesSendsTheFormalWelcomeFromTheConfiguredSender() throws Exception {
        aws.stubFor(post(urlEqualTo("/v2/email/outbound-emails"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"MessageId\":\"ses-0001\"}")));
        try (SesV2Client ses = AwsClients.build(SesV2Client.builder(), "eu-south-1", aws.baseUrl())) {
            SesEmailGateway gateway = new SesEmailGateway(ses, "ciao@attimo.example", "attimo");

            String id = gateway.send(
                    message(Channel.EMAIL, new Contact("c-1", "giulia@example.it", null, null, "Giulia"), "formale"));

            assertThat(id).isEqualTo("ses-0001");
            JsonNode body = new ObjectMapper()
                    .readTree(only("/v2/email/outbound-emails").getBodyAsString());
            assertThat(body.path("FromEmailAddress").asText()).isEqualTo("ciao@attimo.example");
            assertThat(body.path("Destination").path("ToAddresses").get(0).asText())
                    .isEqualTo("giulia@example.it");
            assertThat(body.path("ConfigurationSetName").asText()).isEqualTo("attimo");
            JsonNode simple = body.path("Content").path("Simple");
            assertThat(simple.path("Subject").path("Charset").asText()).isEqualTo("UTF-8");
            assertThat(simple.path("Subject").path("Data").asText())
                    .isEqualTo("Il Suo ordine è arrivato: ecco come iniziare");
            assertThat(simple.path("Body").path("Text").path("Data").asText())
                    .startsWith("Buongiorno Giulia,")
                    .contains("https://shop.example/contenuti/video/");
            assertThat(simple.path("Body").path("Html").path("Data").asText())
                    .contains("<p>Buongiorno Giulia,</p>")
                    .contains("<a href=\"https://shop.example/qr/support.png\">");
        }
    }

    @Test
    void aMarketingEmailGoesWithTheOneClickUnsubscribeHeadersAServiceOneWithout() throws Exception {
        aws.stubFor(post(urlEqualTo("/v2/email/outbound-emails"))
                .willReturn(aResponse().withStatus(200).withBody("{\"MessageId\":\"ses-0003\"}")));
        OutboundMessage welcome =
                message(Channel.EMAIL, new Contact("c-1", "giulia@example.it", null, null, "Giulia"), "formale");
        String url = "https://shop.example/unsubscribe/v1.token";
        OutboundMessage marketing = welcome.withRendered(new RenderedMessage(
                "Oggetto",
                "Testo",
                "<p>Testo</p>",
                Map.of("unsubscribe", url),
                "formale",
                null,
                null,
                RenderedMessage.oneClickHeaders(url)));
        try (SesV2Client ses = AwsClients.build(SesV2Client.builder(), "eu-south-1", aws.baseUrl())) {
            SesEmailGateway gateway = new SesEmailGateway(ses, "ciao@attimo.example", null);
            gateway.send(marketing);
            JsonNode headers = new ObjectMapper()
                    .readTree(only("/v2/email/outbound-emails").getBodyAsString())
                    .path("Content")
                    .path("Simple")
                    .path("Headers");
            assertThat(headers.size()).isEqualTo(2);
            assertThat(headers.get(0).path("Name").asText()).isEqualTo("List-Unsubscribe");
            assertThat(headers.get(0).path("Value").asText()).isEqualTo("<" + url + ">");
            assertThat(headers.get(1).path("Name").asText()).isEqualTo("List-Unsubscribe-Post");
            assertThat(headers.get(1).path("Value").asText()).isEqualTo("List-Unsubscribe=One-Click");
            aws.resetRequests();
            gateway.send(welcome);
            assertThat(new ObjectMapper()
                            .readTree(only("/v2/email/outbound-emails").getBodyAsString())
                            .path("Content")
                            .path("Simple")
                            .has("Headers"))
                    .isFalse();
        }
    }

    @Test
    void theInformalToneSaysCiao() throws Exception {
        aws.stubFor(post(urlEqualTo("/v2/email/outbound-emails"))
                .willReturn(aResponse().withStatus(200).withBody("{\"MessageId\":\"ses-0002\"}")));
        try (SesV2Client ses = AwsClients.build(SesV2Client.builder(), "eu-south-1", aws.baseUrl())) {
            new SesEmailGateway(ses, "ciao@attimo.example", null)
                    .send(message(Channel.EMAIL, new Contact("c-1", "salvo@example.it", null, null), "informale"));
            JsonNode body = new ObjectMapper()
                    .readTree(only("/v2/email/outbound-emails").getBodyAsString());
            assertThat(body.path("Content")
                            .path("Simple")
                            .path("Body")
                            .path("Text")
                            .path("Data")
                            .asText())
                    .startsWith("Ciao");
            assertThat(body.has("ConfigurationSetName")).isFalse();
        }
    }

    @Test
    void withoutAnAddressOrASenderNothingIsSent() {
        try (SesV2Client ses = AwsClients.build(SesV2Client.builder(), "eu-south-1", aws.baseUrl())) {
            SesEmailGateway gateway = new SesEmailGateway(ses, "ciao@attimo.example", null);
            assertThatThrownBy(
                            () -> gateway.send(message(Channel.EMAIL, new Contact("c-1", null, "+39333", null), null)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining("+39333");
            SesEmailGateway noSender = new SesEmailGateway(ses, "", null);
            assertThatThrownBy(
                            () -> noSender.send(message(Channel.EMAIL, new Contact("c-1", "a@b.it", null, null), null)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageNotContaining("a@b.it");
        }
        aws.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void snsPublishesATransactionalSmsWithTheSenderId() {
        aws.stubFor(
                post(urlEqualTo("/"))
                        .willReturn(
                                aResponse()
                                        .withStatus(200)
                                        .withHeader("Content-Type", "text/xml")
                                        .withBody(
                                                "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
                                                        + "<MessageId>sns-0001</MessageId></PublishResult>"
                                                        + "<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></PublishResponse>")));
        try (SnsClient sns = AwsClients.build(SnsClient.builder(), "eu-south-1", aws.baseUrl())) {
            String id = new SnsSmsGateway(sns, "Attimo")
                    .send(message(Channel.SMS, new Contact("c-1", null, "+393331234567", null), "informale"));

            assertThat(id).isEqualTo("sns-0001");
            Map<String, String> form = form(only("/").getBodyAsString());
            assertThat(form).containsEntry("Action", "Publish").containsEntry("PhoneNumber", "+393331234567");
            assertThat(form.get("Message"))
                    .startsWith("Ciao, il tuo ordine è arrivato!")
                    .contains("https://shop.example/assistenza?m=c-1%23exec-1%23welcome");
            Map<String, String> attributes = new LinkedHashMap<>();
            for (int i = 1; form.containsKey("MessageAttributes.entry." + i + ".Name"); i++) {
                String prefix = "MessageAttributes.entry." + i;
                assertThat(form.get(prefix + ".Value.DataType")).isEqualTo("String");
                attributes.put(form.get(prefix + ".Name"), form.get(prefix + ".Value.StringValue"));
            }
            assertThat(attributes)
                    .containsExactlyInAnyOrderEntriesOf(
                            Map.of("AWS.SNS.SMS.SMSType", "Transactional", "AWS.SNS.SMS.SenderID", "Attimo"));
        }
    }

    @Test
    void endUserMessagingSendsATransactionalSmsThroughTheConfigurationSet() throws Exception {
        aws.stubFor(post(urlEqualTo("/"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/x-amz-json-1.0")
                        .withBody("{\"MessageId\":\"eum-0001\"}")));
        try (PinpointSmsVoiceV2Client eum =
                AwsClients.build(PinpointSmsVoiceV2Client.builder(), "eu-south-1", aws.baseUrl())) {
            String id = new EndUserMessagingSmsGateway(eum, "attimo-sms-events")
                    .send(message(Channel.SMS, new Contact("c-1", null, "+393331234567", null), "informale"));

            // the id the delivery events carry as messageId: the ledger records it as the provider's id
            assertThat(id).isEqualTo("eum-0001");
            LoggedRequest request = only("/");
            assertThat(request.getHeader("X-Amz-Target")).isEqualTo("PinpointSMSVoiceV2.SendTextMessage");
            JsonNode body = new ObjectMapper().readTree(request.getBodyAsString());
            assertThat(body.path("DestinationPhoneNumber").asText()).isEqualTo("+393331234567");
            assertThat(body.path("ConfigurationSetName").asText()).isEqualTo("attimo-sms-events");
            assertThat(body.path("MessageType").asText()).isEqualTo("TRANSACTIONAL");
            assertThat(body.path("MessageBody").asText()).startsWith("Ciao, il tuo ordine è arrivato!");
            // the sender id is the configuration set's default, never named per message
            assertThat(body.has("OriginationIdentity")).isFalse();
        }
        assertThatThrownBy(() -> new EndUserMessagingSmsGateway(null, " "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnrenderedMessageIsRefusedBeforeAnyCall() {
        OutboundMessage bare = new OutboundMessage(
                "c-1",
                new Contact("c-1", "a@b.it", "+39333", null),
                Channel.EMAIL,
                "post-purchase",
                "welcome",
                "service",
                "post-purchase.welcome",
                "it-IT",
                "formale",
                "c-1#exec-1#welcome",
                Instant.parse("2026-06-10T08:00:00Z"));
        try (SesV2Client ses = AwsClients.build(SesV2Client.builder(), "eu-south-1", aws.baseUrl());
                SnsClient sns = AwsClients.build(SnsClient.builder(), "eu-south-1", aws.baseUrl())) {
            assertThatThrownBy(() -> new SesEmailGateway(ses, "ciao@attimo.example", null).send(bare))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no rendered content");
            OutboundMessage smsRenderedAsSms = message(Channel.SMS, new Contact("c-1", "a@b.it", null, null), null);
            assertThatThrownBy(() -> new SesEmailGateway(ses, "ciao@attimo.example", null).send(smsRenderedAsSms))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not rendered as an e-mail");
            assertThatThrownBy(() -> new SnsSmsGateway(sns, null).send(bare))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        aws.verify(0, anyRequestedFor(anyUrl()));
    }

    static LoggedRequest only(String url) {
        List<LoggedRequest> requests = aws.findAll(postRequestedFor(urlEqualTo(url)));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            form.put(
                    URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }
}
