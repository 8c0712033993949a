package it.attimo.aws.hubspot;

import io.micronaut.context.ApplicationContext;
import it.attimo.core.port.AccountManagerTasks;
import it.attimo.core.port.ScoreWriteBack;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HubSpotFactoryTest {
    private static ApplicationContext run(Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(Map.of("attimo.aws.endpoint", "http://127.0.0.1:9",
                "attimo.table.prefix", "t", "attimo.channel.mode", "outbox"));
        all.putAll(properties);
        return ApplicationContext.run(all);
    }

    @Test
    void byDefaultNothingGoesToHubSpot() {
        try (ApplicationContext ctx = run(Map.of())) {
            assertThat(ctx.getBean(ScoreWriteBack.class)).isSameAs(ScoreWriteBack.NONE);
            assertThat(ctx.getBean(AccountManagerTasks.class)).isNotInstanceOf(HubSpotAccountManagerTasks.class);
            assertThat(ctx.containsBean(HubSpotClient.class)).isFalse();
        }
    }

    @Test
    void enabledWriteBackAndTasksGoToHubSpot() {
        try (ApplicationContext ctx = run(Map.of("attimo.hubspot.writeback.enabled", "true",
                "attimo.hubspot.tasks.enabled", "true", "attimo.hubspot.access-token", "pat-test",
                "attimo.hubspot.base-url", "http://127.0.0.1:9"))) {
            assertThat(ctx.getBean(ScoreWriteBack.class)).isInstanceOf(HubSpotScoreWriteBack.class);
            assertThat(ctx.getBean(AccountManagerTasks.class)).isInstanceOf(HubSpotAccountManagerTasks.class);
        }
    }

    @Test
    void enablingTheWriteBackWithoutATokenFailsLoudly() {
        try (ApplicationContext ctx = run(Map.of("attimo.hubspot.writeback.enabled", "true"))) {
            assertThatThrownBy(() -> ctx.getBean(ScoreWriteBack.class)).hasMessageContaining("HubSpotClient");
        }
    }
}
