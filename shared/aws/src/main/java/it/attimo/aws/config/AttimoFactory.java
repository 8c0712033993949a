package it.attimo.aws.config;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Secondary;
import io.micronaut.context.annotation.Value;
import it.attimo.aws.channel.DynamoOutboxChannel;
import it.attimo.aws.channel.MessageTemplates;
import it.attimo.aws.channel.PushNotAvailable;
import it.attimo.aws.channel.RoutingChannelGateway;
import it.attimo.aws.channel.SesEmailGateway;
import it.attimo.aws.channel.SnsAccountManagerTasks;
import it.attimo.aws.channel.SnsSmsGateway;
import it.attimo.aws.dynamo.DynamoContactStore;
import it.attimo.aws.dynamo.DynamoCustomerScan;
import it.attimo.aws.dynamo.DynamoEventLog;
import it.attimo.aws.dynamo.DynamoMessageLedger;
import it.attimo.aws.dynamo.DynamoProfileStore;
import it.attimo.aws.dynamo.DynamoQuarantineStore;
import it.attimo.aws.dynamo.DynamoWaitRegistry;
import it.attimo.aws.schedule.DailyRefreshRescoreScheduler;
import it.attimo.aws.secrets.EnvironmentSecretProvider;
import it.attimo.aws.secrets.SsmSecretProvider;
import it.attimo.aws.sfn.SfnJourneyRuntime;
import it.attimo.aws.sqs.SqsEventQueue;
import it.attimo.core.AttimoCore;
import it.attimo.core.channel.Channel;
import it.attimo.core.ingest.HubSpotMapping;
import it.attimo.core.ingest.IngestEvents;
import it.attimo.core.journey.JourneyCatalog;
import it.attimo.core.journey.JourneySteps;
import it.attimo.core.journey.SendPlanner;
import it.attimo.core.kpi.OnboardingKpis;
import it.attimo.core.port.AccountManagerTasks;
import it.attimo.core.port.ChannelGateway;
import it.attimo.core.port.ContactStore;
import it.attimo.core.port.CustomerScan;
import it.attimo.core.port.EventLog;
import it.attimo.core.port.EventQueue;
import it.attimo.core.port.JourneyRuntime;
import it.attimo.core.port.MessageLedger;
import it.attimo.core.port.ProfileStore;
import it.attimo.core.port.QuarantineStore;
import it.attimo.core.port.RescoreScheduler;
import it.attimo.core.port.ScoreWriteBack;
import it.attimo.core.port.SecretProvider;
import it.attimo.core.port.WaitRegistry;
import it.attimo.core.profile.ProcessCustomerEvents;
import it.attimo.core.profile.ProfileFolder;
import it.attimo.core.profile.ProfileQueries;
import jakarta.inject.Named;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Wires Attimo for Micronaut: SDK clients, the adapters behind the core's ports, and the core's use cases. Every
 * bean is created on first use, so each function builds only what its handler needs.
 *
 * <p>Clocks: the unqualified {@link Clock} is business time (the local stack replaces it with its virtual clock by
 * registering its own {@code Clock} singleton before the context starts, or drops this one with
 * {@code attimo.clock=external}); {@code @Named("wall")} is always the real UTC clock, for signature freshness.
 */
@Factory
public class AttimoFactory {
    public static final String WALL_CLOCK = "wall";

    // ------------------------------------------------------------------ clocks

    @Singleton
    @Requires(property = "attimo.clock", value = "system", defaultValue = "system")
    Clock businessClock() {
        return Clock.systemUTC();
    }

    @Singleton
    @Secondary
    @Named(WALL_CLOCK)
    Clock wallClock() {
        return Clock.systemUTC();
    }

    // ------------------------------------------------------------------ SDK clients

    @Singleton
    @Bean(preDestroy = "close")
    DynamoDbClient dynamoDbClient(@Value("${attimo.aws.region:}") String region,
                                  @Value("${attimo.aws.dynamodb.endpoint:}") String endpoint,
                                  @Value("${attimo.aws.endpoint:}") String shared) {
        return AwsClients.build(DynamoDbClient.builder(), region(region), AwsClients.endpoint(endpoint, shared));
    }

    @Singleton
    @Bean(preDestroy = "close")
    SqsClient sqsClient(@Value("${attimo.aws.region:}") String region,
                        @Value("${attimo.aws.sqs.endpoint:}") String endpoint,
                        @Value("${attimo.aws.endpoint:}") String shared) {
        return AwsClients.build(SqsClient.builder(), region(region), AwsClients.endpoint(endpoint, shared));
    }

    @Singleton
    @Bean(preDestroy = "close")
    SfnClient sfnClient(@Value("${attimo.aws.region:}") String region,
                        @Value("${attimo.aws.sfn.endpoint:}") String endpoint,
                        @Value("${attimo.aws.endpoint:}") String shared) {
        return AwsClients.build(SfnClient.builder(), region(region), AwsClients.endpoint(endpoint, shared));
    }

    @Singleton
    @Bean(preDestroy = "close")
    SesV2Client sesClient(@Value("${attimo.aws.region:}") String region,
                          @Value("${attimo.aws.ses.endpoint:}") String endpoint,
                          @Value("${attimo.aws.endpoint:}") String shared) {
        return AwsClients.build(SesV2Client.builder(), region(region), AwsClients.endpoint(endpoint, shared));
    }

    @Singleton
    @Bean(preDestroy = "close")
    SnsClient snsClient(@Value("${attimo.aws.region:}") String region,
                        @Value("${attimo.aws.sns.endpoint:}") String endpoint,
                        @Value("${attimo.aws.endpoint:}") String shared) {
        return AwsClients.build(SnsClient.builder(), region(region), AwsClients.endpoint(endpoint, shared));
    }

    @Singleton
    @Bean(preDestroy = "close")
    SsmClient ssmClient(@Value("${attimo.aws.region:}") String region,
                        @Value("${attimo.aws.ssm.endpoint:}") String endpoint,
                        @Value("${attimo.aws.endpoint:}") String shared) {
        return AwsClients.build(SsmClient.builder(), region(region), AwsClients.endpoint(endpoint, shared));
    }

    /** attimo.aws.region, else the Lambda's own region (AWS_REGION), else Milan. */
    static String region(String configured) {
        if (configured != null && !configured.isBlank()) return configured;
        String lambdaRegion = System.getenv("AWS_REGION");
        return lambdaRegion == null || lambdaRegion.isBlank() ? AwsClients.DEFAULT_REGION : lambdaRegion;
    }

    // ------------------------------------------------------------------ stores

    @Singleton
    DynamoEventLog eventLog(DynamoDbClient client, @Value("${attimo.table.prefix:attimo}") String prefix,
                            @Value("${attimo.events.retention-days:400}") int retentionDays) {
        return new DynamoEventLog(client, prefix, Duration.ofDays(retentionDays));
    }

    @Singleton
    DynamoProfileStore profileStore(DynamoDbClient client, @Value("${attimo.table.prefix:attimo}") String prefix) {
        return new DynamoProfileStore(client, prefix);
    }

    @Singleton
    DynamoContactStore contactStore(DynamoDbClient client, @Value("${attimo.table.prefix:attimo}") String prefix) {
        return new DynamoContactStore(client, prefix);
    }

    @Singleton
    DynamoMessageLedger messageLedger(DynamoDbClient client, @Value("${attimo.table.prefix:attimo}") String prefix) {
        return new DynamoMessageLedger(client, prefix);
    }

    @Singleton
    DynamoWaitRegistry waitRegistry(DynamoDbClient client, @Value("${attimo.table.prefix:attimo}") String prefix) {
        return new DynamoWaitRegistry(client, prefix);
    }

    @Singleton
    DynamoQuarantineStore quarantineStore(DynamoDbClient client,
                                          @Value("${attimo.table.prefix:attimo}") String prefix) {
        return new DynamoQuarantineStore(client, prefix);
    }

    // ------------------------------------------------------------------ queue, journeys, schedules

    @Singleton
    SqsEventQueue eventQueue(SqsClient client, @Value("${attimo.events.queue.url:}") String queueUrl) {
        if (queueUrl.isBlank()) {
            throw new IllegalStateException("attimo.events.queue.url (ATTIMO_EVENTS_QUEUE_URL) is not set");
        }
        return new SqsEventQueue(client, queueUrl);
    }

    @Singleton
    @Requires(property = "attimo.journeys.runtime", value = "sfn", defaultValue = "sfn")
    SfnJourneyRuntime journeyRuntime(SfnClient client, @Value("${attimo.state.machine.arns:}") String arns) {
        return new SfnJourneyRuntime(client, SfnJourneyRuntime.parseArns(arns));
    }

    @Singleton
    DynamoCustomerScan customerScan(DynamoDbClient client, @Value("${attimo.table.prefix:attimo}") String prefix,
                                    DynamoEventLog events) {
        return new DynamoCustomerScan(client, prefix, events);
    }

    /** Off until an integration (HubSpot properties) provides one. */
    @Singleton
    ScoreWriteBack scoreWriteBack() {
        return ScoreWriteBack.NONE;
    }

    @Singleton
    @Secondary // the local stack registers a scheduler on its virtual clock, which takes precedence
    DailyRefreshRescoreScheduler rescoreScheduler() {
        return new DailyRefreshRescoreScheduler();
    }

    // ------------------------------------------------------------------ channels and secrets

    @Singleton
    @Bean(typed = DynamoOutboxChannel.class)
    DynamoOutboxChannel outbox(DynamoDbClient client, @Value("${attimo.table.prefix:attimo}") String prefix,
                               Clock clock) {
        return new DynamoOutboxChannel(client, prefix, clock);
    }

    @Singleton
    RoutingChannelGateway channelGateway(@Value("${attimo.channel.mode:aws}") String mode,
                                         Provider<DynamoOutboxChannel> outbox,
                                         Provider<SesV2Client> ses, Provider<SnsClient> sns,
                                         @Value("${attimo.ses.from-address:}") String fromAddress,
                                         @Value("${attimo.ses.from:}") String from,
                                         @Value("${attimo.ses.configuration-set:}") String configurationSet,
                                         @Value("${attimo.sms.sender-id:}") String senderId) {
        switch (mode.trim().toLowerCase(Locale.ROOT)) {
            case "outbox":
                return RoutingChannelGateway.allTo(outbox.get());
            case "aws":
                MessageTemplates templates = MessageTemplates.italian();
                Map<Channel, ChannelGateway> routes = new EnumMap<>(Channel.class);
                routes.put(Channel.EMAIL, new SesEmailGateway(ses.get(), templates,
                        fromAddress.isBlank() ? from : fromAddress, configurationSet));
                routes.put(Channel.SMS, new SnsSmsGateway(sns.get(), templates, senderId));
                routes.put(Channel.PUSH, new PushNotAvailable());
                return new RoutingChannelGateway(routes);
            default:
                throw new IllegalStateException("attimo.channel.mode must be aws or outbox, not '" + mode + "'");
        }
    }

    @Singleton
    AccountManagerTasks accountManagerTasks(@Value("${attimo.channel.mode:aws}") String mode,
                                            Provider<DynamoOutboxChannel> outbox, Provider<SnsClient> sns,
                                            @Value("${attimo.account-manager.topic-arn:}") String topicArn) {
        if (mode.trim().equalsIgnoreCase("outbox")) return outbox.get();
        if (!topicArn.isBlank()) return new SnsAccountManagerTasks(sns.get(), topicArn);
        return (customerId, reason, executionName) -> {
            throw new IllegalArgumentException(
                    "no account-manager topic is configured (attimo.account-manager.topic-arn)");
        };
    }

    @Singleton
    SecretProvider secretProvider(@Value("${attimo.secrets.source:ssm}") String source, Provider<SsmClient> ssm,
                                  @Named(WALL_CLOCK) Clock wallClock,
                                  @Value("${attimo.webhook.secret.param:}") String webhookParameter,
                                  @Value("${attimo.hubspot.secret.param:}") String hubspotParameter,
                                  @Value("${attimo.secrets.webhook:}") String webhookSecret,
                                  @Value("${attimo.secrets.hubspot:}") String hubspotSecret) {
        switch (source.trim().toLowerCase(Locale.ROOT)) {
            case "ssm":
                return new SsmSecretProvider(ssm.get(), webhookParameter, hubspotParameter, wallClock,
                        SsmSecretProvider.DEFAULT_TTL);
            case "env":
                return EnvironmentSecretProvider.fromSystem(webhookSecret, hubspotSecret);
            default:
                throw new IllegalStateException("attimo.secrets.source must be ssm or env, not '" + source + "'");
        }
    }

    // ------------------------------------------------------------------ the core

    @Singleton
    ProfileFolder profileFolder(@Value("${attimo.scoring.plan:}") String scoringPlan) {
        return scoringPlan.isBlank() ? AttimoCore.profileFolder() : AttimoCore.profileFolder(scoringPlan);
    }

    @Singleton
    SendPlanner sendPlanner() {
        return AttimoCore.sendPlanner();
    }

    @Singleton
    JourneyCatalog journeyCatalog() {
        return AttimoCore.journeyCatalog();
    }

    @Singleton
    HubSpotMapping hubSpotMapping(@Value("${attimo.hubspot.mapping:}") String mappingFile) {
        return mappingFile.isBlank() ? HubSpotMapping.loadDefault() : HubSpotMapping.load(Path.of(mappingFile));
    }

    @Singleton
    IngestEvents ingestEvents(EventQueue queue, QuarantineStore quarantine, SecretProvider secrets,
                              HubSpotMapping mapping, @Named(WALL_CLOCK) Clock wallClock) {
        return new IngestEvents(queue, quarantine, secrets, mapping, wallClock);
    }

    @Singleton
    ProcessCustomerEvents processCustomerEvents(EventLog eventLog, ProfileStore profiles, ContactStore contacts,
                                                WaitRegistry waits, MessageLedger ledger, JourneyRuntime journeys,
                                                QuarantineStore quarantine, RescoreScheduler rescoreScheduler,
                                                ProfileFolder folder, JourneyCatalog catalog,
                                                ScoreWriteBack writeBack, Clock clock) {
        return new ProcessCustomerEvents(eventLog, profiles, contacts, waits, ledger, journeys, quarantine,
                rescoreScheduler, folder, catalog, writeBack, clock);
    }

    @Singleton
    JourneySteps journeySteps(ProfileStore profiles, ContactStore contacts, MessageLedger ledger, WaitRegistry waits,
                              ChannelGateway gateway, SendPlanner planner, EventLog eventLog,
                              JourneyRuntime runtime, AccountManagerTasks accountManagers, Clock clock) {
        return new JourneySteps(profiles, contacts, ledger, waits, gateway, planner, eventLog, runtime,
                accountManagers, clock);
    }

    @Singleton
    OnboardingKpis onboardingKpis(CustomerScan scan, Clock clock) {
        return new OnboardingKpis(scan, clock);
    }

    @Singleton
    ProfileQueries profileQueries(ProfileStore profiles, ContactStore contacts, OnboardingKpis kpis) {
        return new ProfileQueries(profiles, contacts, kpis);
    }
}
