package it.attimo.aws.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import it.attimo.aws.channel.UnsupportedChannelException;
import it.attimo.aws.secrets.EnvironmentSecretProvider;
import it.attimo.aws.secrets.SsmSecretProvider;
import it.attimo.aws.sfn.SfnJourneyRuntime;
import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Contact;
import it.attimo.core.journey.OutboundMessage;
import it.attimo.core.port.ChannelGateway;
import it.attimo.core.port.JourneyRuntime;
import it.attimo.core.port.SecretProvider;
import it.attimo.core.testing.MutableClock;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttimoFactoryTest {
    static ApplicationContext run(Map<String, Object> properties) {
        Map<String, Object> all =
                new HashMap<>(Map.of("attimo.aws.endpoint", "http://127.0.0.1:9", "attimo.table.prefix", "t"));
        all.putAll(properties);
        return ApplicationContext.run(all);
    }

    @Test
    void businessAndWallClocksAreDistinctBeans() {
        try (ApplicationContext ctx = run(Map.of())) {
            // both are Clock.systemUTC() (one shared instance), so compare the bean definitions
            var business = ctx.getBeanDefinition(Clock.class);
            var wall = ctx.getBeanDefinition(Clock.class, Qualifiers.byName("wall"));
            assertThat(business).isNotEqualTo(wall);
            assertThat(ctx.getBean(Clock.class, Qualifiers.byName("wall"))
                            .getZone()
                            .getId())
                    .isEqualTo("Z");
        }
    }

    @Test
    void aClockRegisteredBeforeStartIsBusinessTimeButNeverWallTime() {
        MutableClock virtual = MutableClock.at("2026-06-10T08:00:00Z");
        ApplicationContext ctx = ApplicationContext.builder()
                .properties(Map.of("attimo.table.prefix", "t"))
                .build();
        ctx.registerSingleton(Clock.class, virtual);
        ctx.start();
        try (ctx) {
            assertThat(ctx.getBean(Clock.class)).isSameAs(virtual);
            assertThat(ctx.getBean(Clock.class, Qualifiers.byName("wall"))).isNotSameAs(virtual);
        }
    }

    @Test
    void attimoClockExternalRemovesTheSystemBusinessClock() {
        try (ApplicationContext ctx = run(Map.of("attimo.clock", "external"))) {
            assertThat(ctx.getBeansOfType(Clock.class)).hasSize(1); // only the wall clock is left
        }
    }

    @Test
    void stepFunctionsIsTheDefaultRuntimeWithTheConfiguredStateMachines() {
        try (ApplicationContext ctx = run(Map.of(
                "attimo.state.machine.arns",
                "post-purchase=arn:aws:states:eu-south-1:123456789012:stateMachine:pp,"
                        + "onboarding-72h=arn:aws:states:eu-south-1:123456789012:stateMachine:ob"))) {
            JourneyRuntime runtime = ctx.getBean(JourneyRuntime.class);
            assertThat(runtime).isInstanceOf(SfnJourneyRuntime.class);
            assertThat(runtime.supports("post-purchase")).isTrue();
            assertThat(runtime.supports("onboarding-72h")).isTrue();
            assertThat(runtime.supports("recovery")).isFalse();
        }
    }

    @Test
    void aLocalRuntimeLeavesTheJourneyRuntimeToTheLocalStack() {
        try (ApplicationContext ctx = run(Map.of("attimo.journeys.runtime", "local"))) {
            assertThat(ctx.findBean(JourneyRuntime.class)).isEmpty();
        }
    }

    @Test
    void envSecretsPreferTheExplicitProperties() {
        try (ApplicationContext ctx = run(Map.of(
                "attimo.secrets.source", "env", "attimo.secrets.webhook", "w-1", "attimo.secrets.hubspot", "h-1"))) {
            SecretProvider secrets = ctx.getBean(SecretProvider.class);
            assertThat(secrets).isInstanceOf(EnvironmentSecretProvider.class);
            assertThat(secrets.webhookSecret()).contains("w-1");
            assertThat(secrets.hubspotClientSecret()).contains("h-1");
        }
    }

    @Test
    void ssmIsTheDefaultSecretSource() {
        try (ApplicationContext ctx = run(Map.of())) {
            assertThat(ctx.getBean(SecretProvider.class)).isInstanceOf(SsmSecretProvider.class);
        }
    }

    @Test
    void onAwsPushIsRefusedClearly() {
        try (ApplicationContext ctx =
                run(Map.of("attimo.channel.mode", "aws", "attimo.ses.from-address", "noreply@example.it"))) {
            ChannelGateway gateway = ctx.getBean(ChannelGateway.class);
            OutboundMessage push = new OutboundMessage(
                    "c-1",
                    new Contact("c-1", null, null, "tok"),
                    Channel.PUSH,
                    "post-purchase",
                    "welcome",
                    "service",
                    "welcome",
                    "it-IT",
                    "formal",
                    "c-1#e#welcome",
                    Instant.parse("2026-06-10T08:00:00Z"));
            assertThatThrownBy(() -> gateway.send(push))
                    .isInstanceOf(UnsupportedChannelException.class)
                    .hasMessageContaining("push");
        }
    }

    @Test
    void anUnknownChannelModeIsAConfigurationError() {
        try (ApplicationContext ctx = run(Map.of("attimo.channel.mode", "carrier-pigeon"))) {
            assertThatThrownBy(() -> ctx.getBean(ChannelGateway.class)).hasStackTraceContaining("carrier-pigeon");
        }
    }

    @Test
    void theRegionFallsBackToMilan() {
        assertThat(AttimoFactory.region("eu-west-1")).isEqualTo("eu-west-1");
        String lambdaRegion = System.getenv("AWS_REGION");
        assertThat(AttimoFactory.region(""))
                .isEqualTo(lambdaRegion == null || lambdaRegion.isBlank() ? "eu-south-1" : lambdaRegion);
    }
}
