package it.attimo.aws.config;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import it.attimo.aws.sfn.SfnJourneyExecutions;
import it.attimo.aws.sfn.SfnJourneyRuntime;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Journeys on Step Functions (unless {@code attimo.journeys.runtime=local}), and where their executions are (the
 * journey map). Only where the SFN SDK ships.
 */
@Factory
@Requires(classes = SfnClient.class)
public class StepFunctionsFactory {
    @Singleton
    @Bean(preDestroy = "close")
    SfnClient sfnClient(
            @Value("${attimo.aws.region:}") String region,
            @Value("${attimo.aws.sfn.endpoint:}") String endpoint,
            @Value("${attimo.aws.endpoint:}") String shared) {
        return AwsClients.build(
                SfnClient.builder(), AttimoFactory.region(region), AwsClients.endpoint(endpoint, shared));
    }

    @Singleton
    @Requires(property = "attimo.journeys.runtime", value = "sfn", defaultValue = "sfn")
    SfnJourneyRuntime journeyRuntime(SfnClient client, @Value("${attimo.state.machine.arns:}") String arns) {
        return new SfnJourneyRuntime(client, SfnJourneyRuntime.parseArns(arns));
    }

    @Singleton
    @Requires(property = "attimo.journeys.runtime", value = "sfn", defaultValue = "sfn")
    SfnJourneyExecutions journeyExecutions(SfnClient client, @Value("${attimo.state.machine.arns:}") String arns) {
        return new SfnJourneyExecutions(client, SfnJourneyRuntime.parseArns(arns));
    }
}
