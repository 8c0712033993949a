package it.attimo.local;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.core.ingest.AttimoSignatureVerifier;
import it.attimo.core.ingest.HubSpotSignatureVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Random and mutated requests against every route of {@code attimo serve}: the public API (signed, so that bodies get
 * past the signature check, and unsigned), the link routes ({@code /unsubscribe/{token}}, {@code /preferences/{token}}
 * with valid, forged and malformed tokens), the local admin and inspection routes, and paths and queries of any bytes.
 * Whatever arrives, the answer is below 500 and the server goes on answering.
 */
class RoutesFuzzIT {
    private static final String SECRET = "fuzz-secret";
    private static final String HUBSPOT_SECRET = "local-hubspot-secret";
    private static final Instant START = Instant.parse("2026-06-08T06:00:00Z");
    private static LocalStack stack;
    /** The customer of the link routes: known, so that their bodies reach the preference centre. */
    private static final String LINKED = "c-fz-link";

    private static final String UNSUBSCRIBE_TOKEN = token(SECRET, "unsubscribe");
    private static final String FORGED_UNSUBSCRIBE_TOKEN = token("not-the-secret", "unsubscribe");
    private static final String PREFERENCES_TOKEN = token(SECRET, "preferences");
    private static final String FORGED_PREFERENCES_TOKEN = token("not-the-secret", "preferences");

    private static String token(String secret, String purpose) {
        return new it.attimo.core.message.CustomerLinkToken(
                        secret, java.time.Clock.fixed(START, java.time.ZoneOffset.UTC))
                .sign(LINKED, purpose, java.time.Duration.ofDays(3650));
    }

    /** Valid bodies, mutated into invalid ones. */
    private static final List<String> SEEDS = List.of(
            SignedEvents.cloudEvent("fz-1", "order.delivered", "c-fz-1", START, "{\"orderId\":\"o-1\"}"),
            "[" + SignedEvents.cloudEvent("fz-2", "portal.accessed", "c-fz-2", START, "{}") + ","
                    + SignedEvents.cloudEvent(
                            "fz-3", "form.completed", "c-fz-2", START, "{\"formId\":\"first-module\"}")
                    + "]",
            "[{\"eventId\":1,\"subscriptionId\":2,\"portalId\":3,\"occurredAt\":1780900000000,"
                    + "\"subscriptionType\":\"contact.creation\",\"attemptNumber\":0,\"objectId\":42}]",
            "{\"Type\":\"Notification\",\"MessageId\":\"m-1\",\"TopicArn\":\"arn:aws:sns:eu-south-1:1:t\","
                    + "\"Message\":\"{\\\"eventType\\\":\\\"Open\\\"}\",\"Timestamp\":\"2026-06-08T07:00:00Z\","
                    + "\"SignatureVersion\":\"1\",\"Signature\":\"AAAA\","
                    + "\"SigningCertURL\":\"https://sns.eu-south-1.amazonaws.com/c.pem\"}",
            "{\"Type\":\"Notification\",\"MessageId\":\"m-2\",\"TopicArn\":\"arn:aws:sns:eu-south-1:1:p\","
                    + "\"Message\":\"{\\\"EventType\\\":\\\"DeliveryFailure\\\",\\\"EndpointArn\\\":"
                    + "\\\"arn:aws:sns:eu-south-1:123456789012:endpoint/GCM/app/5e3e9847\\\","
                    + "\\\"FailureType\\\":\\\"EndpointDisabled\\\"}\",\"Timestamp\":\"2026-06-08T07:00:00Z\","
                    + "\"SignatureVersion\":\"2\",\"Signature\":\"AAAA\","
                    + "\"SigningCertURL\":\"https://sns.eu-south-1.amazonaws.com/c.pem\"}",
            "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>"
                    + "<notifications xmlns=\"http://soap.sforce.com/2005/09/outbound\"><OrganizationId>00D1"
                    + "</OrganizationId><Notification><Id>n</Id><sObject/></Notification></notifications>"
                    + "</soapenv:Body></soapenv:Envelope>",
            "type=unsubscribe&fired_at=2009-03-26+21%3A40%3A57&data%5Bemail%5D=a%40b.it",
            "{\"advance\":\"PT1H\"}",
            "{\"set\":\"2026-06-08T07:00:00Z\"}",
            "{\"specversion\":\"1.0\",\"data\":{\"n\":[1,2.5,-3e10,true,null,\"\\u00e8\"]}}",
            "List-Unsubscribe=One-Click",
            "--x\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--x--\r\n",
            "stamp=1&consent.email=no&consent.email=yes&consent.sms=no&topic.offerte=no&topic.servizio=yes"
                    + "&preferredChannel=sms&timeBand=sera&interests=&interests=giardino");

    private static final List<String> TOKENS =
            List.of("{", "}", "[", "]", "\"", ",", ":", "\\", "\\u", "1e400", "NaN", "-", "null", "\u0000", "é", "🌎");

    enum Route {
        EVENTS_SIGNED("POST", "/events"),
        EVENTS_UNSIGNED("POST", "/events"),
        HUBSPOT_SIGNED("POST", "/webhooks/hubspot"),
        HUBSPOT_UNSIGNED("POST", "/webhooks/hubspot"),
        CLOCK("POST", "/admin/clock"),
        DLQ_REDRIVE("POST", "/admin/dlq/redrive"),
        PROFILE("GET", "/profiles/c-fz-1"),
        KPIS("GET", "/kpis/onboarding"),
        OUTBOX("GET", "/outbox"),
        HEALTH("GET", "/health"),
        SES_EVENTS("POST", "/webhooks/ses"),
        INBOUND_SMS("POST", "/webhooks/sns-sms"),
        PUSH_EVENTS("POST", "/webhooks/sns-push"),
        // the SNS routes with a validly signed envelope around the fuzzed body: the payload mappings themselves
        SES_EVENTS_SIGNED("POST", "/webhooks/ses"),
        SMS_SIGNED("POST", "/webhooks/sns-sms"),
        PUSH_EVENTS_SIGNED("POST", "/webhooks/sns-push"),
        SALESFORCE("POST", "/webhooks/salesforce"),
        MAILCHIMP("POST", "/webhooks/mailchimp/not-the-secret"),
        PROFILE_EXPORT("GET", "/profiles/c-fz-1/export"),
        PROFILE_ERASURE("DELETE", "/profiles/c-fz-1"),
        UNSUBSCRIBE("POST", "/unsubscribe/" + UNSUBSCRIBE_TOKEN),
        UNSUBSCRIBE_PAGE("GET", "/unsubscribe/" + UNSUBSCRIBE_TOKEN),
        UNSUBSCRIBE_FORGED("POST", "/unsubscribe/" + FORGED_UNSUBSCRIBE_TOKEN),
        PREFERENCES("POST", "/preferences/" + PREFERENCES_TOKEN),
        PREFERENCES_PAGE("GET", "/preferences/" + PREFERENCES_TOKEN),
        PREFERENCES_FORGED("POST", "/preferences/" + FORGED_PREFERENCES_TOKEN),
        PREFERENCES_MALFORMED("POST", "/preferences/v1.not-a-token");

        final String method;
        final String path;

        Route(String method, String path) {
            this.method = method;
            this.path = path;
        }
    }

    /** Signs SNS envelopes with the test certificate the stack is told to trust. */
    private static final it.attimo.core.testing.SnsTestSigner SNS = new it.attimo.core.testing.SnsTestSigner();

    private static java.nio.file.Path snsCertificate;

    @BeforeContainer
    static void start() throws IOException {
        snsCertificate = java.nio.file.Files.createTempFile("sns-test-cert", ".pem");
        java.nio.file.Files.write(snsCertificate, it.attimo.core.testing.SnsTestSigner.certificatePem());
        System.setProperty("attimo.sns.certificate-file", snsCertificate.toString());
        stack = LocalStack.start(StackOptions.inMemory(LocalStackIT.projectHome(), START, SECRET));
        byte[] customer = utf8(SignedEvents.cloudEvent(
                "fz-link", "customer.upserted", LINKED, START, "{\"consent\":{\"email\":true}}"));
        long ts = System.currentTimeMillis();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/cloudevents+json");
        headers.put(AttimoSignatureVerifier.TIMESTAMP_HEADER, Long.toString(ts));
        headers.put(AttimoSignatureVerifier.SIGNATURE_HEADER, AttimoSignatureVerifier.sign(SECRET, ts, customer));
        assertThat(RawHttp.send(stack.baseUrl(), "POST", "/events", headers, customer)
                        .status())
                .isEqualTo(202);
        for (int i = 0; i < 50; i++) {
            RawHttp.send(
                    stack.baseUrl(),
                    "POST",
                    "/admin/clock",
                    Map.of("Content-Type", "application/json"),
                    utf8("{\"advance\":\"PT0S\"}"));
            if (RawHttp.send(stack.baseUrl(), "GET", "/preferences/" + PREFERENCES_TOKEN, Map.of(), new byte[0])
                            .status()
                    == 200) return;
        }
        throw new AssertionError("the link routes' customer never got a profile");
    }

    @AfterContainer
    static void stop() throws IOException {
        System.clearProperty("attimo.sns.certificate-file");
        if (snsCertificate != null) java.nio.file.Files.deleteIfExists(snsCertificate);
        if (stack != null) stack.close();
    }

    @AfterProperty
    void theServerStillAnswers() throws IOException {
        assertThat(RawHttp.send(stack.baseUrl(), "GET", "/health", Map.of(), new byte[0])
                        .status())
                .isEqualTo(200);
    }

    @Property(tries = 1500)
    void noBodyOnAnyRouteIsAnswered5xx(
            @ForAll Route route, @ForAll("bodies") byte[] body, @ForAll("contentTypes") String contentType)
            throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        if (!contentType.isEmpty()) headers.put("Content-Type", contentType);
        long ts = System.currentTimeMillis();
        switch (route) {
            case EVENTS_SIGNED -> {
                headers.put(AttimoSignatureVerifier.TIMESTAMP_HEADER, Long.toString(ts));
                headers.put(AttimoSignatureVerifier.SIGNATURE_HEADER, AttimoSignatureVerifier.sign(SECRET, ts, body));
            }
            case HUBSPOT_SIGNED -> {
                String url = stack.baseUrl().resolve(route.path).toString();
                headers.put(HubSpotSignatureVerifier.V3_TIMESTAMP, Long.toString(ts));
                headers.put(
                        HubSpotSignatureVerifier.V3_HEADER,
                        HubSpotSignatureVerifier.signV3(HUBSPOT_SECRET, "POST", url, body, ts));
            }
            case SES_EVENTS_SIGNED, SMS_SIGNED, PUSH_EVENTS_SIGNED ->
                body = utf8(SNS.notification(new String(body, StandardCharsets.UTF_8), Instant.now(), "2"));
            default -> {}
        }
        RawHttp.Answer answer = RawHttp.send(stack.baseUrl(), route.method, route.path, headers, body);
        Statistics.collect(route, answer.status());
        assertThat(answer.status())
                .as(route + " " + contentType + " " + preview(body) + " -> " + answer.body())
                .isBetween(200, 499);
    }

    @Property(tries = 800)
    void noMethodPathOrQueryIsAnswered5xx(@ForAll("methods") String method, @ForAll("targets") String target)
            throws IOException {
        RawHttp.Answer answer = RawHttp.send(stack.baseUrl(), method, target, Map.of(), new byte[0]);
        Statistics.collect(answer.status());
        assertThat(answer.status())
                .as(method + " " + target + " -> " + answer.body())
                .isBetween(200, 499);
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        Arbitrary<byte[]> randomBytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
        Arbitrary<byte[]> randomText =
                Arbitraries.strings().all().ofMaxLength(300).map(RoutesFuzzIT::utf8);
        Arbitrary<byte[]> mutated = Combinators.combine(
                        Arbitraries.of(SEEDS), Arbitraries.integers().between(1, 6), Arbitraries.longs())
                .as((seed, edits, salt) -> utf8(mutate(seed, edits, new Random(salt))));
        Arbitrary<byte[]> wrongShapes = Arbitraries.of(
                        "",
                        "null",
                        "true",
                        "42",
                        "\"text\"",
                        "[]",
                        "{}",
                        "[[[]]]",
                        "[null]",
                        "[1,2]",
                        "{\"a\":",
                        "[".repeat(70) + "]".repeat(70),
                        "{\"a\":".repeat(80) + "1" + "}".repeat(80),
                        "1e400",
                        "NaN",
                        "{\"advance\":\"PT-1H\"}",
                        "{\"set\":\"yesterday\"}",
                        "{\"advance\":\"PT1H\",\"set\":\"x\"}")
                .map(RoutesFuzzIT::utf8);
        Arbitrary<byte[]> invalidUtf8 = Arbitraries.of(SEEDS).map(seed -> {
            byte[] b = utf8(seed);
            b[b.length / 2] = (byte) 0xC3;
            if (b.length / 2 + 1 < b.length) b[b.length / 2 + 1] = (byte) 0x28;
            return b;
        });
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, randomBytes),
                net.jqwik.api.Tuple.of(2, randomText),
                net.jqwik.api.Tuple.of(5, mutated),
                net.jqwik.api.Tuple.of(2, wrongShapes),
                net.jqwik.api.Tuple.of(1, invalidUtf8));
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.of(
                "application/json",
                "application/cloudevents+json",
                "application/cloudevents-batch+json",
                "application/json; charset=utf-8",
                "text/plain",
                "",
                "application/cloudevents+json; charset=\"",
                ";;;",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x",
                "multipart/form-data");
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");
    }

    @Provide
    Arbitrary<String> targets() {
        Arbitrary<String> prefix = Arbitraries.of(
                "/events",
                "/webhooks/hubspot",
                "/profiles/",
                "/kpis/onboarding",
                "/insights/rfm",
                "/insights/clusters",
                "/insights/clv",
                "/insights/churn",
                "/admin/clock",
                "/admin/dlq",
                "/admin/dlq/redrive",
                "/outbox",
                "/quarantine",
                "/executions",
                "/executions/",
                "/health",
                "/",
                "//",
                "/profiles/%",
                "/executions/%zz/history",
                "/unsubscribe/",
                "/preferences/",
                "/preferences/v1.",
                "/unsubscribe/v1.");
        Arbitrary<String> segment = Arbitraries.strings()
                .withChars("abcAZ09-._~%:@!$&'()*+,;=/?#[]\\")
                .withChars('\u00e8')
                .ofMaxLength(40);
        Arbitrary<String> query = Arbitraries.of(
                "",
                "?limit=5",
                "?limit=-1",
                "?limit=abc",
                "?limit=99999999999999",
                "?customerId=%",
                "?a=%E0%A4",
                "?&&==",
                "?limit",
                "?customerId=c-fz-1&customerId=c-fz-2",
                "?%zz=1");
        return Combinators.combine(prefix, segment, query)
                .as((p, s, q) -> (p + s + q).replace(" ", "%20").replace("#", "%23"));
    }

    static String mutate(String seed, int edits, Random random) {
        StringBuilder s = new StringBuilder(seed);
        for (int i = 0; i < edits; i++) {
            int at = s.length() == 0 ? 0 : random.nextInt(s.length());
            switch (random.nextInt(6)) {
                case 0 -> s.insert(at, TOKENS.get(random.nextInt(TOKENS.size())));
                case 1 -> s.delete(at, Math.min(s.length(), at + 1 + random.nextInt(8)));
                case 2 -> s.setLength(at);
                case 3 -> s.insert(at, s.substring(at, Math.min(s.length(), at + random.nextInt(30))));
                case 4 -> {
                    if (s.length() > 0) s.setCharAt(at, (char) (32 + random.nextInt(95)));
                }
                default -> s.insert(0, "[").append("]");
            }
        }
        return s.toString();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String preview(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8);
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
