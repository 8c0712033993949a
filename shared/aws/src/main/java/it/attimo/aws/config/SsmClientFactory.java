package it.attimo.aws.config;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The full SSM SDK client, for adapters that want it (the HubSpot token), where a jar ships the SSM SDK. Attimo's own
 * secrets use {@link it.attimo.aws.secrets.SsmParameters} and need no SSM SDK.
 */
@Factory
@Requires(classes = SsmClient.class)
public class SsmClientFactory {
    @Singleton
    @Bean(preDestroy = "close")
    SsmClient ssmClient(
            @Value("${attimo.aws.region:}") String region,
            @Value("${attimo.aws.ssm.endpoint:}") String endpoint,
            @Value("${attimo.aws.endpoint:}") String shared) {
        return AwsClients.build(
                SsmClient.builder(), AttimoFactory.region(region), AwsClients.endpoint(endpoint, shared));
    }
}
