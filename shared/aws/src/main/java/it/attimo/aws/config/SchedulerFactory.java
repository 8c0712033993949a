package it.attimo.aws.config;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import it.attimo.aws.schedule.SchedulerRescoreScheduler;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

/**
 * Timed-rule deadlines as EventBridge Scheduler one-time schedules, where the Scheduler SDK ships (the score function)
 * and {@code attimo.rescore.target-arn} names what to invoke. It takes precedence over the secondary
 * {@link it.attimo.aws.schedule.DailyRefreshRescoreScheduler}; the local stack sets no target, so its own scheduler on
 * the virtual clock stays the only one there.
 */
@Factory
@Requires(classes = SchedulerClient.class)
@Requires(property = "attimo.rescore.target-arn")
public class SchedulerFactory {
    @Singleton
    @Bean(preDestroy = "close")
    SchedulerClient schedulerClient(
            @Value("${attimo.aws.region:}") String region,
            @Value("${attimo.aws.scheduler.endpoint:}") String endpoint,
            @Value("${attimo.aws.endpoint:}") String shared) {
        return AwsClients.build(
                SchedulerClient.builder(), AttimoFactory.region(region), AwsClients.endpoint(endpoint, shared));
    }

    @Singleton
    SchedulerRescoreScheduler schedulerRescoreScheduler(
            SchedulerClient client,
            @Value("${attimo.rescore.target-arn}") String targetArn,
            @Value("${attimo.rescore.role-arn:}") String roleArn,
            @Value("${attimo.rescore.group:default}") String group) {
        if (roleArn.isBlank()) {
            throw new IllegalStateException("attimo.rescore.role-arn (ATTIMO_RESCORE_ROLE_ARN) is not set");
        }
        return new SchedulerRescoreScheduler(client, group, targetArn, roleArn);
    }
}
