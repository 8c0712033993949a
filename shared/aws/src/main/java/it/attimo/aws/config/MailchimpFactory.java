package it.attimo.aws.config;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import it.attimo.aws.dynamo.DynamoContactStore;
import it.attimo.aws.secrets.SsmParameters;
import it.attimo.aws.secrets.SsmSecretProvider;
import it.attimo.core.ingest.IngestEvents;
import it.attimo.core.ingest.MailchimpIngest;
import it.attimo.core.ingest.MailchimpMapping;
import jakarta.inject.Named;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code POST /webhooks/mailchimp/{secret}}: the path secret is the SSM SecureString named by
 * {@code attimo.mailchimp.secret.param} (on AWS, {@code ATTIMO_MAILCHIMP_SECRET_PARAM}), else {@code
 * attimo.secrets.mailchimp}, else the environment variable {@code ATTIMO_MAILCHIMP_WEBHOOK_SECRET}; none configured
 * means every call is a 404.
 */
@Factory
public class MailchimpFactory {
    public static final String SECRET_VARIABLE = "ATTIMO_MAILCHIMP_WEBHOOK_SECRET";

    @Singleton
    MailchimpIngest mailchimpIngest(
            IngestEvents ingest,
            DynamoContactStore contacts,
            Provider<SsmParameters> ssm,
            @Value("${attimo.mailchimp.secret.param:}") String parameter,
            @Value("${attimo.secrets.mailchimp:}") String explicit,
            @Named(AttimoFactory.WALL_CLOCK) Clock wallClock) {
        Supplier<Optional<String>> secret;
        if (!parameter.isBlank()) {
            // the SSM provider's cached read of one parameter, in the webhook slot
            SsmSecretProvider fromSsm =
                    new SsmSecretProvider(ssm.get(), parameter, null, wallClock, SsmSecretProvider.DEFAULT_TTL);
            secret = fromSsm::webhookSecret;
        } else {
            String value = explicit.isBlank() ? System.getenv(SECRET_VARIABLE) : explicit;
            Optional<String> fixed = Optional.ofNullable(value).filter(v -> !v.isBlank());
            secret = () -> fixed;
        }
        return new MailchimpIngest(ingest, contacts, MailchimpMapping.loadDefault(), secret);
    }
}
