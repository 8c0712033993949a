package it.attimo.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.error.InvalidSignature;
import it.attimo.core.json.Json;
import it.attimo.core.testing.MutableClock;
import it.attimo.core.testing.SnsTestSigner;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SnsSignatureVerifierTest {
    final MutableClock wall = MutableClock.at("2026-11-22T10:00:00Z");
    final SnsTestSigner signer = new SnsTestSigner();
    final SnsTestSigner.RecordingFetcher fetcher = SnsTestSigner.fetcher();
    final SnsSignatureVerifier verifier = new SnsSignatureVerifier(fetcher, wall);

    SnsMessage parse(String json) throws Exception {
        return SnsMessage.parse(Json.parse(json));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "2"})
    void aNotificationSignedWithEitherVersionVerifies(String version) throws Exception {
        verifier.verify(parse(signer.notification("{\"eventType\":\"Open\"}", wall.instant(), version)));
        assertThat(fetcher.fetched()).extracting(Object::toString).containsExactly(SnsTestSigner.CERT_URL);
    }

    @Test
    void aSubscriptionConfirmationVerifiesOverItsOwnFields() throws Exception {
        verifier.verify(parse(signer.subscriptionConfirmation(
                "https://sns.eu-south-1.amazonaws.com/?Action=ConfirmSubscription&Token=x", wall.instant())));
    }

    @Test
    void theCertificateIsFetchedOncePerUrl() throws Exception {
        verifier.verify(parse(signer.notification("a", wall.instant(), "1")));
        verifier.verify(parse(signer.notification("b", wall.instant(), "2")));
        assertThat(fetcher.fetched()).hasSize(1);
    }

    @Test
    void aChangedMessageIsForged() throws Exception {
        ObjectNode n = (ObjectNode) Json.parse(signer.notification("{\"eventType\":\"Open\"}", wall.instant(), "2"));
        n.put("Message", "{\"eventType\":\"Complaint\"}");
        assertThatThrownBy(() -> verifier.verify(SnsMessage.parse(n)))
                .isInstanceOf(InvalidSignature.class)
                .hasMessageContaining("does not match");
    }

    @Test
    void aVersionOneSignatureClaimedAsVersionTwoIsForged() throws Exception {
        ObjectNode n = (ObjectNode) Json.parse(signer.notification("x", wall.instant(), "1"));
        n.put("SignatureVersion", "2");
        assertThatThrownBy(() -> verifier.verify(SnsMessage.parse(n))).isInstanceOf(InvalidSignature.class);
    }

    @Test
    void anOldOrFutureMessageIsStale() throws Exception {
        String old = signer.notification("x", wall.instant().minus(Duration.ofMinutes(61)), "2");
        assertThatThrownBy(() -> verifier.verify(parse(old)))
                .isInstanceOf(InvalidSignature.class)
                .hasMessageContaining("Timestamp");
        String future = signer.notification("x", wall.instant().plus(Duration.ofMinutes(6)), "2");
        assertThatThrownBy(() -> verifier.verify(parse(future))).isInstanceOf(InvalidSignature.class);
        assertThat(fetcher.fetched()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://sns.eu-south-1.amazonaws.com/cert.pem",
                "https://sns.eu-south-1.amazonaws.com.evil.example/cert.pem",
                "https://evil.example/sns.eu-south-1.amazonaws.com/cert.pem",
                "https://user@sns.eu-south-1.amazonaws.com/cert.pem",
                "https://sns.eu-south-1.amazonaws.com:8443/cert.pem",
                "https://s3.eu-south-1.amazonaws.com/cert.pem",
                "not a url",
            })
    void aCertificateOutsideSnsIsRefusedBeforeAnythingIsFetched(String url) throws Exception {
        ObjectNode n = (ObjectNode) Json.parse(signer.notification("x", wall.instant(), "2"));
        n.put("SigningCertURL", url);
        assertThatThrownBy(() -> verifier.verify(SnsMessage.parse(n)))
                .isInstanceOf(InvalidSignature.class)
                .hasMessageContaining("SigningCertURL");
        assertThat(fetcher.fetched()).isEmpty();
    }

    @Test
    void snsHostsOfEveryPartitionAreAccepted() {
        assertThat(SnsSignatureVerifier.isSnsUrl("https://sns.cn-north-1.amazonaws.com.cn/x.pem"))
                .isTrue();
        assertThat(SnsSignatureVerifier.isSnsUrl("https://sns.us-gov-west-1.amazonaws.com/x.pem"))
                .isTrue();
        assertThat(SnsSignatureVerifier.isSnsUrl(null)).isFalse();
    }

    @Test
    void anUnknownVersionOrNonBase64SignatureIsRefused() throws Exception {
        ObjectNode n = (ObjectNode) Json.parse(signer.notification("x", wall.instant(), "2"));
        n.put("SignatureVersion", "3");
        assertThatThrownBy(() -> verifier.verify(SnsMessage.parse(n))).isInstanceOf(InvalidSignature.class);
        ObjectNode m = (ObjectNode) Json.parse(signer.notification("x", wall.instant(), "2"));
        m.put("Signature", "***");
        assertThatThrownBy(() -> verifier.verify(SnsMessage.parse(m)))
                .isInstanceOf(InvalidSignature.class)
                .hasMessageContaining("Base64");
        ObjectNode t = (ObjectNode) Json.parse(signer.notification("x", wall.instant(), "2"));
        t.put("Timestamp", "yesterday");
        assertThatThrownBy(() -> verifier.verify(SnsMessage.parse(t))).isInstanceOf(InvalidSignature.class);
    }

    @Test
    void somethingThatIsNotACertificateIsRefused() throws Exception {
        SnsSignatureVerifier junk = new SnsSignatureVerifier(uri -> "not a certificate".getBytes(), wall);
        assertThatThrownBy(() -> junk.verify(parse(signer.notification("x", wall.instant(), "2"))))
                .isInstanceOf(InvalidSignature.class)
                .hasMessageContaining("certificate");
    }

    @Test
    void theStringToSignFollowsSnsOrderWithSubjectOnlyWhenPresent() throws Exception {
        SnsMessage m = new SnsMessage(
                "Notification", "id", null, "arn", "subj", "msg", "2026-01-01T00:00:00Z", "1", "s", "u", null);
        assertThat(m.stringToSign())
                .isEqualTo("Message\nmsg\nMessageId\nid\nSubject\nsubj\nTimestamp\n2026-01-01T00:00:00Z\n"
                        + "TopicArn\narn\nType\nNotification\n");
        SnsMessage c = new SnsMessage(
                "SubscriptionConfirmation", "id", "tok", "arn", null, "msg", "t", "1", "s", "u", "https://x");
        assertThat(c.stringToSign())
                .isEqualTo("Message\nmsg\nMessageId\nid\nSubscribeURL\nhttps://x\nTimestamp\nt\nToken\ntok\n"
                        + "TopicArn\narn\nType\nSubscriptionConfirmation\n");
    }

    @Test
    void parsingNamesTheMissingOrMistypedField() {
        assertThatThrownBy(() -> parse("{\"Type\":\"Notification\"}")).hasMessageContaining("MessageId");
        assertThatThrownBy(() -> parse("{\"Type\":\"Other\"}")).hasMessageContaining("Type must be");
        assertThatThrownBy(() -> parse("[]")).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> parse("{\"Type\":1}")).hasMessageContaining("Type must be a string");
        Instant.parse("2026-11-22T10:00:00Z");
    }
}
