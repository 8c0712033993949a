package it.attimo.aws.channel;

import it.attimo.core.channel.Channel;
import it.attimo.core.journey.OutboundMessage;
import it.attimo.core.message.RenderedMessage;
import it.attimo.core.port.ChannelGateway;
import java.nio.charset.StandardCharsets;
import java.util.List;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.EmailContent;
import software.amazon.awssdk.services.sesv2.model.Message;
import software.amazon.awssdk.services.sesv2.model.MessageHeader;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/**
 * Email through SES v2 (simple content: the message's rendered subject, text and HTML, see
 * {@link it.attimo.core.message.MessageRenderer}). Logs nothing.
 */
public final class SesEmailGateway implements ChannelGateway {
    private final SesV2Client client;
    private final String fromAddress;
    private final String configurationSet;

    /** @param fromAddress the verified sender; @param configurationSet optional (null or blank: none) */
    public SesEmailGateway(SesV2Client client, String fromAddress, String configurationSet) {
        this.client = client;
        this.fromAddress = fromAddress == null || fromAddress.isBlank() ? null : fromAddress;
        this.configurationSet = configurationSet == null || configurationSet.isBlank() ? null : configurationSet;
    }

    /** @throws IllegalStateException when no sender address is configured (checked here, not at start-up, so the
     * journey function still plans and parks without one) */
    @Override
    public String send(OutboundMessage message) {
        if (fromAddress == null) {
            throw new IllegalStateException("no SES sender address is configured (attimo.ses.from-address)");
        }
        if (message.contact() == null || !message.contact().canReach(Channel.EMAIL)) {
            throw new IllegalArgumentException("message " + message.messageKey() + " has no email address");
        }
        RenderedMessage text = RenderedContent.of(message);
        if (text.subject() == null || text.html() == null) {
            throw new IllegalArgumentException("message " + message.messageKey() + " was not rendered as an e-mail");
        }
        SendEmailRequest request = SendEmailRequest.builder()
                .fromEmailAddress(fromAddress)
                .destination(d -> d.toAddresses(message.contact().email()))
                .content(EmailContent.builder()
                        .simple(Message.builder()
                                .subject(utf8(text.subject()))
                                .body(Body.builder()
                                        .text(utf8(text.text()))
                                        .html(utf8(text.html()))
                                        .build())
                                .headers(text.headers().isEmpty() ? null : headers(text))
                                .build())
                        .build())
                .configurationSetName(configurationSet)
                .build();
        return client.sendEmail(request).messageId();
    }

    /** The message's own headers (RFC 8058 one-click unsubscribe on marketing and surveys). */
    static List<MessageHeader> headers(RenderedMessage text) {
        return text.headers().entrySet().stream()
                .map(h -> MessageHeader.builder()
                        .name(h.getKey())
                        .value(h.getValue())
                        .build())
                .toList();
    }

    private static Content utf8(String data) {
        return Content.builder()
                .charset(StandardCharsets.UTF_8.name())
                .data(data)
                .build();
    }
}
