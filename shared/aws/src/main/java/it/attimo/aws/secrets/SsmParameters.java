package it.attimo.aws.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * SSM Parameter Store's GetParameter (with decryption) as one SigV4-signed HTTPS call, using the SDK's own signer and
 * HTTP client but not the SSM SDK, whose 5 MB of generated models would otherwise ride along in every function jar
 * that reads a secret.
 */
public final class SsmParameters implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SdkHttpClient http;
    private final URI endpoint;
    private final String region;
    private final AwsCredentialsProvider credentials;
    private final Clock signingClock;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /**
     * @param endpoint     https://ssm.REGION.amazonaws.com, or an override
     * @param signingClock the wall clock (requests are rejected when their time is off by more than 5 minutes)
     */
    public SsmParameters(
            SdkHttpClient http, URI endpoint, String region, AwsCredentialsProvider credentials, Clock signingClock) {
        this.http = http;
        this.endpoint = endpoint;
        this.region = region;
        this.credentials = credentials;
        this.signingClock = signingClock;
    }

    public static URI defaultEndpoint(String region) {
        return URI.create("https://ssm." + region + ".amazonaws.com/");
    }

    /** The decrypted value, or empty when the parameter does not exist. */
    public Optional<String> decrypted(String name) {
        ObjectNode body = JSON.createObjectNode();
        body.put("Name", name);
        body.put("WithDecryption", true);
        byte[] payload = body.toString().getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint)
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "AmazonSSM.GetParameter")
                .build();
        AwsCredentialsIdentity identity = credentials.resolveCredentials();
        SignedRequest signed = signer.sign(r -> r.identity(identity)
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(payload))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ssm")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, signingClock));
        try {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                            .request(signed.request())
                            .contentStreamProvider(signed.payload().orElse(null))
                            .build())
                    .call();
            JsonNode answer = read(response);
            int status = response.httpResponse().statusCode();
            if (status == 200)
                return Optional.ofNullable(
                        answer.path("Parameter").path("Value").textValue());
            String type = answer.path("__type").asText("");
            if (status == 400 && type.endsWith("ParameterNotFound")) return Optional.empty();
            // the message names the parameter at most, never a value
            throw new IllegalStateException("SSM GetParameter for " + name + " failed: HTTP " + status + " " + type);
        } catch (IOException e) {
            throw new UncheckedIOException("SSM GetParameter for " + name + " failed", e);
        }
    }

    private static JsonNode read(HttpExecuteResponse response) throws IOException {
        Optional<? extends InputStream> body = response.responseBody();
        if (body.isEmpty()) return JSON.createObjectNode();
        try (InputStream in = body.get()) {
            byte[] bytes = in.readAllBytes();
            return bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
