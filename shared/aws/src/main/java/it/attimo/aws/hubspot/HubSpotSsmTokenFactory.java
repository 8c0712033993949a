package it.attimo.aws.hubspot;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.time.Clock;
import java.time.Duration;

/** The HubSpot token from SSM, where the SSM SDK ships and {@code attimo.hubspot.access-token.param} names it. */
@Factory
@Requires(classes = SsmClient.class)
public class HubSpotSsmTokenFactory {

    @Singleton
    @Requires(property = "attimo.hubspot.access-token.param")
    @Requires(missingProperty = "attimo.hubspot.access-token")
    HubSpotAccessToken ssmHubSpotToken(SsmClient ssm, @Named("wall") Clock wallClock,
                                       @Value("${attimo.hubspot.access-token.param}") String parameter) {
        return HubSpotAccessToken.fromSsm(ssm, parameter, wallClock, Duration.ofMinutes(5));
    }
}
