package it.attimo.core.ingest;

import static it.attimo.core.ingest.HubSpotSignatureVerifier.LEGACY_HEADER;
import static it.attimo.core.ingest.HubSpotSignatureVerifier.LEGACY_VERSION;
import static it.attimo.core.ingest.HubSpotSignatureVerifier.V3_HEADER;
import static it.attimo.core.ingest.HubSpotSignatureVerifier.V3_TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.core.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class HubSpotSignatureVerifierTest {
    static final String SECRET = "hs-client-secret";
    static final String BODY = "[{\"eventId\":1,\"subscriptionType\":\"contact.creation\",\"portalId\":62515,"
            + "\"objectId\":123,\"occurredAt\":1780000000000}]";
    /** The URL HubSpot called, with escapes in the query that HubSpot decodes before signing. */
    static final String URL =
            "https://api.attimo.example/webhooks/hubspot?redirect=https%3A%2F%2Fcrm.example%2Fcb&x=a%2cb";

    static final String URL_AS_SIGNED =
            "https://api.attimo.example/webhooks/hubspot?redirect=https://crm.example/cb&x=a,b";

    final MutableClock wall = MutableClock.at("2026-11-22T10:00:00Z");
    final HubSpotSignatureVerifier verifier = new HubSpotSignatureVerifier(wall);

    /** Straight from HubSpot's documentation, without the production helpers. */
    static String expectedV3(String secret, String method, String uriAsSigned, String body, long ts) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] sig = mac.doFinal((method + uriAsSigned + body + ts).getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(sig);
    }

    static String sha256Hex(String s) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    /** A POST to {@code url} with the signature values found under their header names in {@code headers}. */
    HubSpotDelivery request(Map<String, String> headers, String body, String url) {
        return new HubSpotDelivery(
                "POST",
                url,
                body.getBytes(StandardCharsets.UTF_8),
                "application/json",
                new HubSpotSignature(
                        headers.get(V3_HEADER),
                        headers.get(V3_TIMESTAMP),
                        headers.get(LEGACY_HEADER),
                        headers.get(LEGACY_VERSION)));
    }

    HubSpotDelivery v3(String signature, long ts) {
        return request(Map.of(V3_HEADER, signature, V3_TIMESTAMP, Long.toString(ts)), BODY, URL);
    }

    @Test
    void v3MatchesASignatureComputedFromTheSpec() throws Exception {
        long ts = wall.millis();
        String expected = expectedV3(SECRET, "POST", URL_AS_SIGNED, BODY, ts);
        assertThat(HubSpotSignatureVerifier.signV3(SECRET, "POST", URL, BODY.getBytes(StandardCharsets.UTF_8), ts))
                .isEqualTo(expected);
        assertThat(verifier.verify(SECRET, v3(expected, ts))).isEqualTo(SignatureCheck.VALID);
    }

    @Test
    void v3SignedOverTheStillEncodedUriIsForged() throws Exception {
        long ts = wall.millis();
        assertThat(verifier.verify(SECRET, v3(expectedV3(SECRET, "POST", URL, BODY, ts), ts)))
                .isEqualTo(SignatureCheck.FORGED);
    }

    @Test
    void v3WithAnotherSecretBodyOrMethodIsForged() throws Exception {
        long ts = wall.millis();
        assertThat(verifier.verify(SECRET, v3(expectedV3("other", "POST", URL_AS_SIGNED, BODY, ts), ts)))
                .isEqualTo(SignatureCheck.FORGED);
        assertThat(verifier.verify(SECRET, v3(expectedV3(SECRET, "PUT", URL_AS_SIGNED, BODY, ts), ts)))
                .isEqualTo(SignatureCheck.FORGED);
        assertThat(verifier.verify(SECRET, v3(expectedV3(SECRET, "POST", URL_AS_SIGNED, BODY + " ", ts), ts)))
                .isEqualTo(SignatureCheck.FORGED);
        assertThat(verifier.verify(SECRET, v3(expectedV3(SECRET, "POST", URL_AS_SIGNED, BODY, ts), ts + 1)))
                .isEqualTo(SignatureCheck.FORGED);
    }

    @Test
    void v3StaleOrFromTheFuture() throws Exception {
        long old = wall.millis() - Duration.ofMinutes(5).plusMillis(1).toMillis();
        long future = wall.millis() + Duration.ofMinutes(5).plusMillis(1).toMillis();
        long edge = wall.millis() - Duration.ofMinutes(5).toMillis();
        assertThat(verifier.verify(SECRET, v3(expectedV3(SECRET, "POST", URL_AS_SIGNED, BODY, old), old)))
                .isEqualTo(SignatureCheck.STALE);
        assertThat(verifier.verify(SECRET, v3(expectedV3(SECRET, "POST", URL_AS_SIGNED, BODY, future), future)))
                .isEqualTo(SignatureCheck.STALE);
        assertThat(verifier.verify(SECRET, v3(expectedV3(SECRET, "POST", URL_AS_SIGNED, BODY, edge), edge)))
                .isEqualTo(SignatureCheck.VALID);
    }

    @Test
    void v3MissingOrMalformedParts() {
        long ts = wall.millis();
        assertThat(verifier.verify(SECRET, request(Map.of(V3_HEADER, "abc="), BODY, URL)))
                .isEqualTo(SignatureCheck.MISSING);
        assertThat(verifier.verify(SECRET, request(Map.of(V3_HEADER, "abc=", V3_TIMESTAMP, "now"), BODY, URL)))
                .isEqualTo(SignatureCheck.MALFORMED);
        assertThat(verifier.verify(SECRET, v3("***not base64***", ts))).isEqualTo(SignatureCheck.MALFORMED);
        assertThat(verifier.verify(SECRET, request(Map.of(), BODY, URL))).isEqualTo(SignatureCheck.MISSING);
        assertThat(verifier.verify(null, v3("abc=", ts))).isEqualTo(SignatureCheck.NOT_CONFIGURED);
    }

    @Test
    void v3WithoutTheCalledUrlIsMalformedNotACrash() throws Exception {
        long ts = wall.millis();
        HubSpotDelivery noUrl = request(
                Map.of(V3_HEADER, expectedV3(SECRET, "POST", URL_AS_SIGNED, BODY, ts), V3_TIMESTAMP, Long.toString(ts)),
                BODY,
                null);
        assertThat(verifier.verify(SECRET, noUrl)).isEqualTo(SignatureCheck.MALFORMED);
    }

    @Test
    void v1IsSha256OfSecretAndBody() throws Exception {
        String expected = sha256Hex(SECRET + BODY);
        assertThat(HubSpotSignatureVerifier.signV1(SECRET, BODY.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(expected);
        assertThat(verifier.verify(SECRET, request(Map.of(LEGACY_HEADER, expected, LEGACY_VERSION, "v1"), BODY, URL)))
                .isEqualTo(SignatureCheck.VALID);
        assertThat(verifier.verify(SECRET, request(Map.of(LEGACY_HEADER, expected.toUpperCase()), BODY, URL)))
                .as("no version header means v1")
                .isEqualTo(SignatureCheck.VALID);
        assertThat(verifier.verify(SECRET, request(Map.of(LEGACY_HEADER, sha256Hex("x" + BODY)), BODY, URL)))
                .isEqualTo(SignatureCheck.FORGED);
    }

    @Test
    void v2IsSha256OfSecretMethodExactUriAndBody() throws Exception {
        String expected = sha256Hex(SECRET + "POST" + URL + BODY);
        assertThat(HubSpotSignatureVerifier.signV2(SECRET, "POST", URL, BODY.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(expected);
        Map<String, String> h = new LinkedHashMap<>(Map.of(LEGACY_HEADER, expected, LEGACY_VERSION, "v2"));
        assertThat(verifier.verify(SECRET, request(h, BODY, URL))).isEqualTo(SignatureCheck.VALID);
        assertThat(verifier.verify(SECRET, request(h, BODY, URL_AS_SIGNED)))
                .as("v2 signs the URI exactly")
                .isEqualTo(SignatureCheck.FORGED);
    }

    @Test
    void legacyMalformed() {
        assertThat(verifier.verify(SECRET, request(Map.of(LEGACY_HEADER, "zz", LEGACY_VERSION, "v1"), BODY, URL)))
                .isEqualTo(SignatureCheck.MALFORMED);
        assertThat(verifier.verify(SECRET, request(Map.of(LEGACY_HEADER, "00", LEGACY_VERSION, "v9"), BODY, URL)))
                .isEqualTo(SignatureCheck.MALFORMED);
    }

    @Test
    void v3TimestampThatOverflowsTheAgeComputationIsStale() throws Exception {
        long absurd = wall.millis() + Long.MIN_VALUE;
        assertThat(verifier.verify(SECRET, v3(expectedV3(SECRET, "POST", URL_AS_SIGNED, BODY, absurd), absurd)))
                .isEqualTo(SignatureCheck.STALE);
    }
}
