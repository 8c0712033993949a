package it.attimo.aws.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.RuntimeBeanDefinition;
import io.micronaut.context.env.PropertySource;
import it.attimo.aws.schedule.DailyRefreshRescoreScheduler;
import it.attimo.aws.schedule.SchedulerRescoreScheduler;
import it.attimo.core.port.RescoreScheduler;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which RescoreScheduler a context gets: Scheduler on AWS, the daily job without a target, the local stack's own. */
class SchedulerFactoryTest {
    static final Map<String, Object> ON_AWS = Map.of(
            "attimo.rescore.target-arn", "arn:aws:lambda:eu-south-1:123456789012:function:s-score:live",
            "attimo.rescore.role-arn", "arn:aws:iam::123456789012:role/s-rescore",
            "attimo.rescore.group", "s-rescores");

    static ApplicationContext run(Map<String, Object> properties) {
        Map<String, Object> all =
                new HashMap<>(Map.of("attimo.aws.endpoint", "http://127.0.0.1:9", "attimo.table.prefix", "t"));
        all.putAll(properties);
        return ApplicationContext.run(all);
    }

    @Test
    void withATargetDeadlinesBecomeSchedules() {
        try (ApplicationContext ctx = run(ON_AWS)) {
            assertThat(ctx.getBean(RescoreScheduler.class)).isInstanceOf(SchedulerRescoreScheduler.class);
        }
    }

    @Test
    void templateYamlsEnvironmentVariablesConfigureIt() {
        ApplicationContext ctx = ApplicationContext.builder()
                .properties(Map.of("attimo.aws.endpoint", "http://127.0.0.1:9", "attimo.table.prefix", "t"))
                .build();
        ctx.getEnvironment()
                .addPropertySource(PropertySource.of(
                        "lambda-env",
                        Map.of(
                                "ATTIMO_RESCORE_TARGET_ARN",
                                        "arn:aws:lambda:eu-south-1:123456789012:function:s-score:live",
                                "ATTIMO_RESCORE_ROLE_ARN", "arn:aws:iam::123456789012:role/s-rescore",
                                "ATTIMO_RESCORE_GROUP", "s-rescores"),
                        PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE));
        ctx.start();
        try (ctx) {
            assertThat(ctx.getBean(RescoreScheduler.class)).isInstanceOf(SchedulerRescoreScheduler.class);
        }
    }

    @Test
    void withoutATargetTheDailyJobHonoursDeadlines() {
        try (ApplicationContext ctx = run(Map.of())) {
            assertThat(ctx.getBean(RescoreScheduler.class)).isInstanceOf(DailyRefreshRescoreScheduler.class);
        }
    }

    @Test
    void aTargetWithoutARoleIsAConfigurationError() {
        try (ApplicationContext ctx = run(Map.of("attimo.rescore.target-arn", "arn:aws:lambda:x"))) {
            assertThatThrownBy(() -> ctx.getBean(RescoreScheduler.class))
                    .hasStackTraceContaining("attimo.rescore.role-arn");
        }
    }

    @Test
    void aSchedulerRegisteredBeforeStartLikeTheLocalStacksWinsWithoutATarget() {
        RescoreScheduler local = (customerId, at) -> {};
        ApplicationContext ctx = ApplicationContext.builder()
                .properties(Map.of("attimo.aws.endpoint", "http://127.0.0.1:9", "attimo.table.prefix", "t"))
                .build();
        ctx.registerBeanDefinition(RuntimeBeanDefinition.builder(RescoreScheduler.class, () -> local)
                .singleton(true)
                .build());
        ctx.start();
        try (ctx) {
            assertThat(ctx.getBean(RescoreScheduler.class)).isSameAs(local);
        }
    }
}
