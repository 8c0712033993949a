package it.attimo.aws.hubspot;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import it.attimo.core.port.AccountManagerTasks;
import it.attimo.core.port.ScoreWriteBack;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;

/**
 * HubSpot wiring, all off by default. {@code attimo.hubspot.writeback.enabled=true} replaces the no-op score
 * write-back, {@code attimo.hubspot.tasks.enabled=true} replaces the account-manager port (SNS topic or outbox); both
 * need a token: {@code attimo.hubspot.access-token} (local) or {@code attimo.hubspot.access-token.param} (an SSM
 * parameter, see {@link HubSpotSsmTokenFactory}). Enabling either without a token fails at startup, on purpose.
 */
@Factory
public class HubSpotFactory {

    // a pattern, not mere presence: attimo.hubspot.access-token.param (ATTIMO_HUBSPOT_ACCESS_TOKEN_PARAM) makes
    // attimo.hubspot.access-token exist as a prefix. Given both, the token given directly wins.
    @Singleton
    @Primary
    @Requires(property = "attimo.hubspot.access-token", pattern = ".+")
    HubSpotAccessToken fixedHubSpotToken(@Value("${attimo.hubspot.access-token}") String token) {
        return HubSpotAccessToken.fixed(token);
    }

    @Singleton
    @Requires(beans = HubSpotAccessToken.class)
    HubSpotClient hubSpotClient(
            HubSpotAccessToken token, @Value("${attimo.hubspot.base-url:https://api.hubapi.com}") String baseUrl) {
        return HubSpotClient.create(URI.create(baseUrl), token, Sleeper.REAL);
    }

    @Singleton
    @Primary
    @Requires(property = "attimo.hubspot.writeback.enabled", value = "true")
    ScoreWriteBack hubSpotScoreWriteBack(HubSpotClient client, @Value("${attimo.hubspot.portal-id:}") String portalId) {
        return new HubSpotScoreWriteBack(client, portalId);
    }

    @Singleton
    @Primary
    @Requires(property = "attimo.hubspot.tasks.enabled", value = "true")
    AccountManagerTasks hubSpotAccountManagerTasks(
            HubSpotClient client,
            @Value("${attimo.hubspot.portal-id:}") String portalId,
            @Value("${attimo.hubspot.task-owner-id:}") String ownerId,
            Clock clock) {
        return new HubSpotAccountManagerTasks(client, portalId, ownerId, clock);
    }
}
