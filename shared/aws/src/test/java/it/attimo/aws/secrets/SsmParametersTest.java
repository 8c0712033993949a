package it.attimo.aws.secrets;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/** The hand-made GetParameter call is a well-formed, correctly signed AWS JSON 1.1 request. */
class SsmParametersTest {
    static final String KEY = "AKIDEXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    static final Clock AT = Clock.fixed(Instant.parse("2026-06-10T08:00:00Z"), ZoneOffset.UTC);

    @RegisterExtension
    static WireMockExtension ssm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    SsmParameters client() {
        return new SsmParameters(
                UrlConnectionHttpClient.create(),
                URI.create(ssm.baseUrl() + "/"),
                "eu-south-1",
                StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, SECRET)),
                AT);
    }

    @Test
    void theRequestIsSignedWithSigV4ForSsmInTheRegion() throws Exception {
        ssm.stubFor(post(urlEqualTo("/"))
                .willReturn(aResponse().withStatus(200).withBody("{\"Parameter\":{\"Name\":\"/a\",\"Value\":\"v\"}}")));
        try (SsmParameters client = client()) {
            assertThat(client.decrypted("/a")).contains("v");
        }
        LoggedRequest request = ssm.findAll(postRequestedFor(urlEqualTo("/"))).get(0);
        assertThat(request.getHeader("X-Amz-Target")).isEqualTo("AmazonSSM.GetParameter");
        assertThat(request.getHeader("X-Amz-Date")).isEqualTo("20260610T080000Z");

        Matcher auth = Pattern.compile(
                        "AWS4-HMAC-SHA256 Credential=(\\S+), SignedHeaders=(\\S+), Signature=([0-9a-f]{64})")
                .matcher(request.getHeader("Authorization"));
        assertThat(auth.matches()).isTrue();
        assertThat(auth.group(1)).isEqualTo(KEY + "/20260610/eu-south-1/ssm/aws4_request");
        List<String> signed = List.of(auth.group(2).split(";"));
        assertThat(signed).contains("host", "x-amz-date", "x-amz-target", "content-type");
        assertThat(auth.group(3)).isEqualTo(independentSignature(request, signed));
    }

    @Test
    void otherErrorsNameTheParameterButNoValue() {
        ssm.stubFor(post(urlEqualTo("/"))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withBody("{\"__type\":\"AccessDeniedException\",\"message\":\"no\"}")));
        try (SsmParameters client = client()) {
            assertThatThrownBy(() -> client.decrypted("/attimo/webhook"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("/attimo/webhook")
                    .hasMessageContaining("AccessDenied");
        }
    }

    /** SigV4 computed from the received request, straight from the specification. */
    static String independentSignature(LoggedRequest r, List<String> signedHeaders) throws Exception {
        StringBuilder canonical = new StringBuilder("POST\n/\n\n");
        for (String h : signedHeaders)
            canonical.append(h).append(':').append(r.getHeader(h).trim()).append('\n');
        canonical
                .append('\n')
                .append(String.join(";", signedHeaders))
                .append('\n')
                .append(sha256(r.getBody()));
        String scope = "20260610/eu-south-1/ssm/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n20260610T080000Z\n" + scope + "\n"
                + sha256(canonical.toString().getBytes(StandardCharsets.UTF_8));
        byte[] key = hmac(("AWS4" + SECRET).getBytes(StandardCharsets.UTF_8), "20260610");
        key = hmac(key, "eu-south-1");
        key = hmac(key, "ssm");
        key = hmac(key, "aws4_request");
        return HexFormat.of().formatHex(hmac(key, toSign));
    }

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }
}
