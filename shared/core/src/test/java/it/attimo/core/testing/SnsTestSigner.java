package it.attimo.core.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.ingest.SnsMessage;
import it.attimo.core.json.Json;
import it.attimo.core.port.WebFetcher;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Signs SNS messages the way Amazon SNS does, with a self-signed test certificate ({@code /sns/test-signing-*.pem},
 * generated once with openssl for these tests only), and fetches like the web would: {@link #fetcher()} serves that
 * certificate for any URL and records every URL asked for.
 */
public final class SnsTestSigner {
    public static final String TOPIC = "arn:aws:sns:eu-south-1:123456789012:attimo-ses-events";
    public static final String CERT_URL =
            "https://sns.eu-south-1.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem";

    private final PrivateKey key;

    public SnsTestSigner() {
        this.key = privateKey();
    }

    public static byte[] certificatePem() {
        return resource("/sns/test-signing-cert.pem");
    }

    /** A fetcher that serves the test certificate and records each URL it was asked for. */
    public static RecordingFetcher fetcher() {
        return new RecordingFetcher();
    }

    public static final class RecordingFetcher implements WebFetcher {
        private final List<URI> fetched = new ArrayList<>();

        @Override
        public synchronized byte[] get(URI uri) {
            fetched.add(uri);
            return uri.getPath().endsWith(".pem") ? certificatePem() : "<ConfirmSubscriptionResponse/>".getBytes();
        }

        public synchronized List<URI> fetched() {
            return List.copyOf(fetched);
        }
    }

    /** A signed Notification carrying {@code message}, sent at {@code at}, SignatureVersion {@code version}. */
    public String notification(String message, Instant at, String version) {
        SnsMessage m = new SnsMessage(
                SnsMessage.NOTIFICATION,
                UUID.nameUUIDFromBytes(message.getBytes(StandardCharsets.UTF_8)).toString(),
                null,
                TOPIC,
                null,
                message,
                at.toString(),
                version,
                null,
                CERT_URL,
                null);
        return json(m, sign(m, version));
    }

    /** A signed SubscriptionConfirmation. */
    public String subscriptionConfirmation(String subscribeUrl, Instant at) {
        SnsMessage m = new SnsMessage(
                SnsMessage.SUBSCRIPTION_CONFIRMATION,
                UUID.randomUUID().toString(),
                "token-" + at.toEpochMilli(),
                TOPIC,
                null,
                "You have chosen to subscribe to the topic " + TOPIC + ".\nTo confirm the subscription, visit the "
                        + "SubscribeURL included in this message.",
                at.toString(),
                "1",
                null,
                CERT_URL,
                subscribeUrl);
        return json(m, sign(m, "1"));
    }

    /** {@code m} as SNS posts it, with {@code signature}. */
    public static String json(SnsMessage m, String signature) {
        ObjectNode n = Json.object();
        n.put("Type", m.type());
        n.put("MessageId", m.messageId());
        if (m.token() != null) n.put("Token", m.token());
        n.put("TopicArn", m.topicArn());
        if (m.subject() != null) n.put("Subject", m.subject());
        n.put("Message", m.message());
        if (m.subscribeUrl() != null) n.put("SubscribeURL", m.subscribeUrl());
        n.put("Timestamp", m.timestamp());
        n.put("SignatureVersion", m.signatureVersion());
        n.put("Signature", signature);
        n.put("SigningCertURL", m.signingCertUrl());
        if (m.type().equals(SnsMessage.NOTIFICATION)) {
            n.put(
                    "UnsubscribeURL",
                    "https://sns.eu-south-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=" + m.topicArn() + ":1");
        }
        return n.toString();
    }

    public String sign(SnsMessage m, String version) {
        try {
            Signature s = Signature.getInstance(version.equals("2") ? "SHA256withRSA" : "SHA1withRSA");
            s.initSign(key);
            s.update(m.stringToSign().getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A test resource as text (the SES examples under {@code /events}). */
    public static String text(String resource) {
        return new String(resource(resource), StandardCharsets.UTF_8);
    }

    private static PrivateKey privateKey() {
        String pem = new String(resource("/sns/test-signing-key.pem"), StandardCharsets.US_ASCII)
                .replaceAll("-----[A-Z ]+-----", "")
                .replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = SnsTestSigner.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("no test resource " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
