package it.attimo.core.testing;

import it.attimo.core.port.SecretProvider;
import java.util.Optional;

/** Webhook secrets fixed at construction; null means "not configured". */
public record FixedSecrets(String webhook, String hubspotClient) implements SecretProvider {
    public static final String WEBHOOK = "test-webhook-secret";
    public static final String HUBSPOT = "test-hubspot-client-secret";

    public static FixedSecrets defaults() {
        return new FixedSecrets(WEBHOOK, HUBSPOT);
    }

    public static FixedSecrets none() {
        return new FixedSecrets(null, null);
    }

    @Override
    public Optional<String> webhookSecret() {
        return Optional.ofNullable(webhook);
    }

    @Override
    public Optional<String> hubspotClientSecret() {
        return Optional.ofNullable(hubspotClient);
    }
}
