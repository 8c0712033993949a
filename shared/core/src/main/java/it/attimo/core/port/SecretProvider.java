package it.attimo.core.port;

import java.util.Optional;

/** Webhook secrets: SSM / Secrets Manager on AWS, the environment locally. */
public interface SecretProvider {
    Optional<String> webhookSecret();

    Optional<String> hubspotClientSecret();
}
