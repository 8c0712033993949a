package it.attimo.aws.secrets;

import it.attimo.core.port.SecretProvider;
import java.util.Map;
import java.util.Optional;

/**
 * Secrets given directly: an explicit value (the local stack sets {@code attimo.secrets.webhook} /
 * {@code attimo.secrets.hubspot}) wins over the environment variables {@code ATTIMO_WEBHOOK_SECRET} and
 * {@code ATTIMO_HUBSPOT_CLIENT_SECRET}.
 */
public final class EnvironmentSecretProvider implements SecretProvider {
    public static final String WEBHOOK_VARIABLE = "ATTIMO_WEBHOOK_SECRET";
    public static final String HUBSPOT_VARIABLE = "ATTIMO_HUBSPOT_CLIENT_SECRET";

    private final Optional<String> webhook;
    private final Optional<String> hubspot;

    public EnvironmentSecretProvider(Map<String, String> environment, String explicitWebhook, String explicitHubspot) {
        this.webhook = firstPresent(explicitWebhook, environment.get(WEBHOOK_VARIABLE));
        this.hubspot = firstPresent(explicitHubspot, environment.get(HUBSPOT_VARIABLE));
    }

    public static EnvironmentSecretProvider fromSystem(String explicitWebhook, String explicitHubspot) {
        return new EnvironmentSecretProvider(System.getenv(), explicitWebhook, explicitHubspot);
    }

    @Override
    public Optional<String> webhookSecret() {
        return webhook;
    }

    @Override
    public Optional<String> hubspotClientSecret() {
        return hubspot;
    }

    private static Optional<String> firstPresent(String explicit, String fromEnvironment) {
        if (explicit != null && !explicit.isBlank()) return Optional.of(explicit);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) return Optional.of(fromEnvironment);
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "EnvironmentSecretProvider[webhook " + (webhook.isPresent() ? "set" : "unset") + ", hubspot "
                + (hubspot.isPresent() ? "set" : "unset") + "]";
    }
}
