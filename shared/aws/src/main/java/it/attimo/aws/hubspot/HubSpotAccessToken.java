package it.attimo.aws.hubspot;

import it.attimo.aws.secrets.SsmParameters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The private-app access token for the HubSpot CRM API: given directly (local runs, tests) or read from an SSM
 * SecureString parameter and cached for a while, so a rotated token is picked up without a redeploy. Never logged.
 */
public final class HubSpotAccessToken implements Supplier<String> {
    private final Supplier<String> source;
    private final Clock wallClock;
    private final Duration ttl;
    private String cached;
    private Instant fetchedAt;

    private HubSpotAccessToken(Supplier<String> source, Clock wallClock, Duration ttl) {
        this.source = source;
        this.wallClock = wallClock;
        this.ttl = ttl;
    }

    public static HubSpotAccessToken fixed(String token) {
        return new HubSpotAccessToken(() -> token, Clock.systemUTC(), Duration.ofDays(36500));
    }

    /** A missing parameter reads as no token; {@link SsmParameters} needs no SSM SDK in the jar. */
    public static HubSpotAccessToken fromSsm(SsmParameters ssm, String parameterName, Clock wallClock, Duration ttl) {
        return new HubSpotAccessToken(() -> ssm.decrypted(parameterName).orElse(null), wallClock, ttl);
    }

    /** @throws IllegalStateException when no token is configured (the caller's write-back then fails and is logged) */
    @Override
    public synchronized String get() {
        Instant now = wallClock.instant();
        if (cached == null || fetchedAt == null || !now.isBefore(fetchedAt.plus(ttl))) {
            String value = source.get();
            if (value == null || value.isBlank()) {
                throw new IllegalStateException("no HubSpot access token is configured (attimo.hubspot.access-token)");
            }
            cached = value;
            fetchedAt = now;
        }
        return cached;
    }
}
