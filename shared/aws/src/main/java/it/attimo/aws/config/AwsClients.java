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
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Builds SDK clients the one way Attimo uses them: the URL-connection HTTP client (small, fast to start on Lambda),
 * a region, and optionally an endpoint override; with an override (DynamoDB Local, ElasticMQ, WireMock) the
 * credentials are static dummies, since those endpoints ignore them and no AWS account may be needed locally.
 */
public final class AwsClients {
    public static final String DEFAULT_REGION = "eu-south-1";

    private AwsClients() {}

    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
            B builder, String region, String endpoint) {
        builder.httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30)))
                .region(Region.of(region == null || region.isBlank() ? DEFAULT_REGION : region));
        ClientOverrideConfiguration.Builder override = builder.overrideConfiguration().toBuilder();
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
