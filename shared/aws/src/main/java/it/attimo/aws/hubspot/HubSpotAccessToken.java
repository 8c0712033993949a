package it.attimo.aws.hubspot;

import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

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

    public static HubSpotAccessToken fromSsm(SsmClient ssm, String parameterName, Clock wallClock, Duration ttl) {
        return new HubSpotAccessToken(() -> {
            try {
                return ssm.getParameter(b -> b.name(parameterName).withDecryption(true)).parameter().value();
            } catch (ParameterNotFoundException e) {
                return null;
            }
        }, wallClock, ttl);
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
