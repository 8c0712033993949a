package it.attimo.aws.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentSecretProviderTest {
    static final Map<String, String> ENV =
            Map.of("ATTIMO_WEBHOOK_SECRET", "from-env", "ATTIMO_HUBSPOT_CLIENT_SECRET", "hub-env");

    @Test
    void readsTheEnvironment() {
        var secrets = new EnvironmentSecretProvider(ENV, null, "");
        assertThat(secrets.webhookSecret()).contains("from-env");
        assertThat(secrets.hubspotClientSecret()).contains("hub-env");
    }

    @Test
    void explicitPropertiesWin() {
        var secrets = new EnvironmentSecretProvider(ENV, "from-property", "hub-property");
        assertThat(secrets.webhookSecret()).contains("from-property");
        assertThat(secrets.hubspotClientSecret()).contains("hub-property");
    }

    @Test
    void blankMeansAbsentAndToStringNeverShowsASecret() {
        var secrets = new EnvironmentSecretProvider(Map.of("ATTIMO_WEBHOOK_SECRET", "  "), null, null);
        assertThat(secrets.webhookSecret()).isEmpty();
        assertThat(new EnvironmentSecretProvider(ENV, null, null).toString()).doesNotContain("from-env", "hub-env");
    }
}
