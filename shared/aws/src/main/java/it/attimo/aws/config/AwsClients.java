package it.attimo.aws.config;

import it.attimo.aws.secrets.SsmParameters;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * Builds SDK clients the one way Attimo uses them: the URL-connection HTTP client (small, fast to start on Lambda),
 * a region, and optionally an endpoint override; with an override (DynamoDB Local, ElasticMQ, WireMock) the
 * credentials are static dummies, since those endpoints ignore them and no AWS account may be needed locally.
 */
public final class AwsClients {
    public static final String DEFAULT_REGION = "eu-south-1";
    public static final int MAX_ATTEMPTS = 4;

    private AwsClients() {}

    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
            B builder, String region, String endpoint) {
        builder.httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30)))
                .region(Region.of(region == null || region.isBlank() ? DEFAULT_REGION : region));
        ClientOverrideConfiguration.Builder override = builder.overrideConfiguration().toBuilder();
        if (override.retryStrategy() == null) override.retryStrategy(retryStrategy());
        override.addExecutionInterceptor(DryRunInterceptor.INSTANCE);
        if (SdkCallCounter.globalEnabled()) override.addExecutionInterceptor(SdkCallCounter.global());
        builder.overrideConfiguration(override.build());
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint))
                    .credentialsProvider(
                            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        }
        return builder.build();
    }

    /**
     * The SDK's standard retry strategy, stated here rather than left to the SDK's default mode: up to
     * {@value #MAX_ATTEMPTS} attempts; throttling (DynamoDB ProvisionedThroughputExceeded, SES TooManyRequests, 429)
     * waits an exponential backoff from 500 ms with half jitter (so at least 250 ms, then 500 ms, 1 s: the SDK's own
     * default has full jitter, which may retry a throttled call at once), other retryable failures (5xx, I/O errors
     * such as a read timeout) from 100 ms with full jitter. A non-retryable answer (a conditional check, ExecutionAlreadyExists)
     * is never retried. What is still failing after the last attempt reaches the caller: the score function reports
     * the message for redelivery, a journey step fails with {@code Attimo.Transient} and its state machine retries.
     */
    public static RetryStrategy retryStrategy() {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(MAX_ATTEMPTS)
                .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(20)))
                .throttlingBackoffStrategy(
                        BackoffStrategy.exponentialDelayHalfJitter(Duration.ofMillis(500), Duration.ofSeconds(20)))
                .build();
    }

    /** GetParameter without the SSM SDK, configured like the other clients. */
    public static SsmParameters ssmParameters(String region, String endpoint, Clock signingClock) {
        String r = region == null || region.isBlank() ? DEFAULT_REGION : region;
        boolean overridden = endpoint != null && !endpoint.isBlank();
        return new SsmParameters(
                UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30))
                        .build(),
                overridden ? URI.create(endpoint) : SsmParameters.defaultEndpoint(r),
                r,
                overridden
                        ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
                        : DefaultCredentialsProvider.builder().build(),
                signingClock);
    }

    /** The first non-blank of a service's own endpoint and the shared one, or null. */
    public static String endpoint(String serviceEndpoint, String sharedEndpoint) {
        if (serviceEndpoint != null && !serviceEndpoint.isBlank()) return serviceEndpoint;
        if (sharedEndpoint != null && !sharedEndpoint.isBlank()) return sharedEndpoint;
        return null;
    }
}
