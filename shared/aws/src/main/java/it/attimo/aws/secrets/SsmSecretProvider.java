package it.attimo.aws.secrets;

import it.attimo.core.port.SecretProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Secrets from SSM Parameter Store (SecureString, decrypted), each cached for {@code ttl} so a warm Lambda does not
 * call SSM per request yet picks up a rotated secret within minutes. A parameter that is not configured or does not
 * exist is an empty secret (the caller then refuses the request).
 */
public final class SsmSecretProvider implements SecretProvider {
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

    private final SsmParameters parameters;
    private final String webhookParameter;
    private final String hubspotParameter;
    private final Clock wallClock;
    private final Duration ttl;
    private final ConcurrentMap<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Optional<String> value, Instant fetchedAt) {}

    public SsmSecretProvider(
            SsmParameters parameters, String webhookParameter, String hubspotParameter, Clock wallClock, Duration ttl) {
        this.parameters = parameters;
        this.webhookParameter = webhookParameter;
        this.hubspotParameter = hubspotParameter;
        this.wallClock = wallClock;
        this.ttl = ttl;
    }

    @Override
    public Optional<String> webhookSecret() {
        return read(webhookParameter);
    }

    @Override
    public Optional<String> hubspotClientSecret() {
        return read(hubspotParameter);
    }

    private Optional<String> read(String parameter) {
        if (parameter == null || parameter.isBlank()) return Optional.empty();
        Instant now = wallClock.instant();
        Cached cached = cache.get(parameter);
        if (cached != null && now.isBefore(cached.fetchedAt().plus(ttl))) return cached.value();
        Optional<String> value = fetch(parameter);
        cache.put(parameter, new Cached(value, now));
        return value;
    }

    private Optional<String> fetch(String parameter) {
        return parameters.decrypted(parameter).filter(v -> !v.isEmpty());
    }
}
