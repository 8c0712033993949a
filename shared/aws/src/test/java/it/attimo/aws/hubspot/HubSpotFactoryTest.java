package it.attimo.aws.hubspot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import it.attimo.core.port.AccountManagerTasks;
import it.attimo.core.port.ScoreWriteBack;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HubSpotFactoryTest {
    private static ApplicationContext run(Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(Map.of(
                "attimo.aws.endpoint",
                "http://127.0.0.1:9",
                "attimo.table.prefix",
                "t",
                "attimo.channel.mode",
                "outbox"));
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
        try (ApplicationContext ctx = run(Map.of(
                "attimo.hubspot.writeback.enabled",
                "true",
                "attimo.hubspot.tasks.enabled",
                "true",
                "attimo.hubspot.access-token",
                "pat-test",
                "attimo.hubspot.base-url",
                "http://127.0.0.1:9"))) {
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

    @RegisterExtension
    static WireMockExtension ssm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    @Test
    void onAwsTheTokenComesFromTheSsmParameterTemplateYamlNames() {
        ssm.stubFor(post(urlEqualTo("/"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withBody("{\"Parameter\":{\"Name\":\"/attimo/hubspot-token\",\"Value\":\"pat-from-ssm\"}}")));
        ApplicationContext ctx = ApplicationContext.builder()
                .properties(Map.of(
                        "attimo.aws.endpoint",
                        "http://127.0.0.1:9",
                        "attimo.aws.ssm.endpoint",
                        ssm.baseUrl() + "/",
                        "attimo.table.prefix",
                        "t",
                        "attimo.channel.mode",
                        "outbox"))
                .build();
        // what the score and journey functions get from template.yaml, under Lambda's environment naming
        ctx.getEnvironment()
                .addPropertySource(PropertySource.of(
                        "lambda-env",
                        Map.of(
                                "ATTIMO_HUBSPOT_ACCESS_TOKEN_PARAM", "/attimo/hubspot-token",
                                "ATTIMO_HUBSPOT_WRITEBACK_ENABLED", "true",
                                "ATTIMO_HUBSPOT_TASKS_ENABLED", "true"),
                        PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE));
        ctx.start();
        try (ctx) {
            assertThat(ctx.getBean(ScoreWriteBack.class)).isInstanceOf(HubSpotScoreWriteBack.class);
            assertThat(ctx.getBean(AccountManagerTasks.class)).isInstanceOf(HubSpotAccountManagerTasks.class);
            assertThat(ctx.getBean(HubSpotAccessToken.class).get()).isEqualTo("pat-from-ssm");
        }
        assertThat(ssm.findAll(postRequestedFor(urlEqualTo("/"))))
                .singleElement()
                .satisfies(r -> assertThat(r.getBodyAsString()).contains("/attimo/hubspot-token"));
    }

    @Test
    void anEmptyParameterNameLeavesHubSpotOff() {
        try (ApplicationContext ctx = run(Map.of("attimo.hubspot.access-token.param", ""))) {
            assertThat(ctx.containsBean(HubSpotAccessToken.class)).isFalse();
            assertThat(ctx.getBean(ScoreWriteBack.class)).isSameAs(ScoreWriteBack.NONE);
        }
    }

    @Test
    void aTokenGivenDirectlyWinsOverTheParameter() {
        try (ApplicationContext ctx = run(Map.of(
                "attimo.hubspot.access-token",
                "pat-local",
                "attimo.hubspot.access-token.param",
                "/attimo/hubspot-token"))) {
            assertThat(ctx.getBean(HubSpotAccessToken.class).get()).isEqualTo("pat-local");
        }
    }
}
