package it.attimo.aws.config;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import it.attimo.aws.secrets.EnvironmentSecretProvider;
import it.attimo.aws.secrets.SsmParameters;
import it.attimo.aws.secrets.SsmSecretProvider;
import it.attimo.core.port.SecretProvider;
import jakarta.inject.Named;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Locale;

/**
 * Webhook secrets from SSM Parameter Store ({@code attimo.secrets.source=ssm}, the default; read with
 * {@link SsmParameters}, no SSM SDK needed) or given directly ({@code env}).
 */
@Factory
public class SecretsFactory {
    @Singleton
    @Bean(preDestroy = "close")
    SsmParameters ssmParameters(
            @Value("${attimo.aws.region:}") String region,
            @Value("${attimo.aws.ssm.endpoint:}") String endpoint,
            @Value("${attimo.aws.endpoint:}") String shared,
            @Named(AttimoFactory.WALL_CLOCK) Clock wallClock) {
        return AwsClients.ssmParameters(AttimoFactory.region(region), AwsClients.endpoint(endpoint, shared), wallClock);
    }

    @Singleton
    SecretProvider secretProvider(
            @Value("${attimo.secrets.source:ssm}") String source,
            Provider<SsmParameters> ssm,
            @Named(AttimoFactory.WALL_CLOCK) Clock wallClock,
            @Value("${attimo.webhook.secret.param:}") String webhookParameter,
            @Value("${attimo.hubspot.secret.param:}") String hubspotParameter,
            @Value("${attimo.secrets.webhook:}") String webhookSecret,
            @Value("${attimo.secrets.hubspot:}") String hubspotSecret) {
        switch (source.trim().toLowerCase(Locale.ROOT)) {
            case "ssm":
                return new SsmSecretProvider(
                        ssm.get(), webhookParameter, hubspotParameter, wallClock, SsmSecretProvider.DEFAULT_TTL);
            case "env":
                return EnvironmentSecretProvider.fromSystem(webhookSecret, hubspotSecret);
            default:
                throw new IllegalStateException("attimo.secrets.source must be ssm or env, not '" + source + "'");
        }
    }
}
