package it.attimo.aws.hubspot;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import it.attimo.aws.secrets.SsmParameters;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/**
 * The HubSpot token from the SSM SecureString parameter {@code attimo.hubspot.access-token.param} names, read with
 * {@link SsmParameters} (no SSM SDK needed, so the score and journey jars can use it).
 */
@Factory
public class HubSpotSsmTokenFactory {

    @Singleton
    @Requires(property = "attimo.hubspot.access-token.param", pattern = ".+")
    HubSpotAccessToken ssmHubSpotToken(
            SsmParameters ssm,
            @Named("wall") Clock wallClock,
            @Value("${attimo.hubspot.access-token.param}") String parameter) {
        return HubSpotAccessToken.fromSsm(ssm, parameter, wallClock, Duration.ofMinutes(5));
    }
}
