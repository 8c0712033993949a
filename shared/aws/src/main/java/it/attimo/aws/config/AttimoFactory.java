package it.attimo.aws.config;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Secondary;
import io.micronaut.context.annotation.Value;
import it.attimo.aws.channel.DynamoOutboxChannel;
import it.attimo.aws.dynamo.DynamoAnalyticsStore;
import it.attimo.aws.dynamo.DynamoContactStore;
import it.attimo.aws.dynamo.DynamoCouponStore;
import it.attimo.aws.dynamo.DynamoCustomerScan;
import it.attimo.aws.dynamo.DynamoEventLog;
import it.attimo.aws.dynamo.DynamoExperimentStore;
import it.attimo.aws.dynamo.DynamoMessageLedger;
import it.attimo.aws.dynamo.DynamoProfileStore;
import it.attimo.aws.dynamo.DynamoQuarantineStore;
import it.attimo.aws.dynamo.DynamoTemporalModelStore;
import it.attimo.aws.dynamo.DynamoWaitRegistry;
import it.attimo.aws.schedule.DailyRefreshRescoreScheduler;
import it.attimo.core.AttimoCore;
import it.attimo.core.analytics.AnalyticsQueries;
import it.attimo.core.analytics.AnalyticsRefresh;
import it.attimo.core.coupon.CouponCodes;
import it.attimo.core.experiment.ExperimentAssignments;
import it.attimo.core.experiment.ExperimentCatalog;
import it.attimo.core.experiment.ExperimentCatalogLoader;
import it.attimo.core.experiment.ExperimentReports;
import it.attimo.core.ingest.HubSpotMapping;
import it.attimo.core.ingest.IngestEvents;
import it.attimo.core.insights.CustomerInsights;
import it.attimo.core.insights.InsightsAlerts;
import it.attimo.core.insights.InsightsReports;
import it.attimo.core.insights.JourneyGraphs;
import it.attimo.core.insights.JourneyInsights;
import it.attimo.core.journey.CompleteJourney;
import it.attimo.core.journey.DispatchSend;
import it.attimo.core.journey.EvaluateJourney;
import it.attimo.core.journey.IssueCoupon;
import it.attimo.core.journey.JourneyCatalog;
import it.attimo.core.journey.JourneyCatalogLoader;
import it.attimo.core.journey.JourneySteps;
import it.attimo.core.journey.OpenAccountManagerTask;
import it.attimo.core.journey.OrderHolds;
import it.attimo.core.journey.ParkWait;
import it.attimo.core.journey.PlanFirstChannel;
import it.attimo.core.journey.PlanSend;
import it.attimo.core.journey.Progress;
import it.attimo.core.journey.SendPlanner;
import it.attimo.core.journey.StepReads;
import it.attimo.core.journey.Timeline;
import it.attimo.core.kpi.OnboardingKpis;
import it.attimo.core.message.CustomerLinkToken;
import it.attimo.core.message.MessageRenderer;
import it.attimo.core.port.AccountManagerTasks;
import it.attimo.core.port.AlertSink;
import it.attimo.core.port.AnalyticsStore;
import it.attimo.core.port.ChannelGateway;
import it.attimo.core.port.ContactStore;
import it.attimo.core.port.CouponStore;
import it.attimo.core.port.CustomerScan;
import it.attimo.core.port.DeadLetters;
import it.attimo.core.port.EventLog;
import it.attimo.core.port.EventQueue;
import it.attimo.core.port.ExperimentStore;
import it.attimo.core.port.JourneyExecutions;
import it.attimo.core.port.JourneyRuntime;
import it.attimo.core.port.MessageLedger;
import it.attimo.core.port.OptOutConfirmations;
import it.attimo.core.port.ProfileStore;
import it.attimo.core.port.QuarantineStore;
import it.attimo.core.port.RescoreScheduler;
import it.attimo.core.port.ScoreWriteBack;
import it.attimo.core.port.SecretProvider;
import it.attimo.core.port.TemporalModelStore;
import it.attimo.core.port.WaitRegistry;
import it.attimo.core.privacy.RetentionSweep;
import it.attimo.core.profile.CachingProfileStore;
import it.attimo.core.profile.ProcessCustomerEvents;
import it.attimo.core.profile.ProfileFolder;
import it.attimo.core.profile.ProfileQueries;
import it.attimo.core.timing.TemporalRefresh;
import it.attimo.core.touchpoint.TouchpointCatalog;
import it.attimo.core.touchpoint.TouchpointCatalogLoader;
import it.attimo.core.touchpoint.TouchpointReport;
import jakarta.inject.Named;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Wires Attimo for Micronaut: the DynamoDB client and stores, the clocks, and the core's use cases. Every bean is
 * created on first use, so each function builds only what its handler needs. The adapters for the other services
 * live in {@link QueueFactory}, {@link StepFunctionsFactory}, {@link ChannelFactory} and {@link SecretsFactory}, each
 * active only when its SDK is on the classpath: a function's jar ships only the SDKs its handler uses.
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

    // ------------------------------------------------------------------ DynamoDB

    /** Dropped with {@code attimo.aws.dynamodb.client=external}: the local stack registers its in-process client. */
    @Singleton
    @Bean(preDestroy = "close")
    @Requires(property = "attimo.aws.dynamodb.client", value = "sdk", defaultValue = "sdk")
    DynamoDbClient dynamoDbClient(
            @Value("${attimo.aws.region:}") String region,
            @Value("${attimo.aws.dynamodb.endpoint:}") String endpoint,
            @Value("${attimo.aws.endpoint:}") String shared) {
        return AwsClients.build(DynamoDbClient.builder(), region(region), AwsClients.endpoint(endpoint, shared));
    }

    /** attimo.aws.region, else the Lambda's own region (AWS_REGION), else Milan. */
    public static String region(String configured) {
        if (configured != null && !configured.isBlank()) return configured;
        String lambdaRegion = System.getenv("AWS_REGION");
        return lambdaRegion == null || lambdaRegion.isBlank() ? AwsClients.DEFAULT_REGION : lambdaRegion;
    }

    // ------------------------------------------------------------------ stores

    @Singleton
    DynamoEventLog eventLog(
            DynamoDbClient client,
            @Value("${attimo.table.prefix:attimo}") String prefix,
            @Value("${attimo.events.retention-days:0}") int retentionDays,
            @Value("${attimo.retention.months:24}") int retentionMonths) {
        return new DynamoEventLog(client, prefix, retention(retentionDays, retentionMonths));
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
    DynamoMessageLedger messageLedger(
            DynamoDbClient client,
            @Value("${attimo.table.prefix:attimo}") String prefix,
            @Value("${attimo.events.retention-days:0}") int retentionDays,
            @Value("${attimo.retention.months:24}") int retentionMonths) {
        return new DynamoMessageLedger(client, prefix, retention(retentionDays, retentionMonths));
    }

    /** attimo.events.retention-days when set, else attimo.retention.months (default 24) as days (docs/privacy.md). */
    static Duration retention(int days, int months) {
        return days > 0 ? Duration.ofDays(days) : RetentionSweep.asDuration(months);
    }

    @Singleton
    DynamoWaitRegistry waitRegistry(DynamoDbClient client, @Value("${attimo.table.prefix:attimo}") String prefix) {
        return new DynamoWaitRegistry(client, prefix);
    }

    @Singleton
    DynamoTemporalModelStore temporalModelStore(
            DynamoDbClient client, @Value("${attimo.table.prefix:attimo}") String prefix) {
        return new DynamoTemporalModelStore(client, prefix);
    }

    /** the customer-base analytics (RFM, clusters, BG/NBD, churn model) of the scheduled refresh, in the models table */
    @Singleton
    DynamoAnalyticsStore analyticsStore(DynamoDbClient client, @Value("${attimo.table.prefix:attimo}") String prefix) {
        return new DynamoAnalyticsStore(client, prefix);
    }

    @Singleton
    DynamoCouponStore couponStore(DynamoDbClient client, @Value("${attimo.table.prefix:attimo}") String prefix) {
        return new DynamoCouponStore(client, prefix);
    }

    @Singleton
    DynamoQuarantineStore quarantineStore(
            DynamoDbClient client, @Value("${attimo.table.prefix:attimo}") String prefix) {
        return new DynamoQuarantineStore(client, prefix);
    }

    @Singleton
    DynamoExperimentStore experimentStore(
            DynamoDbClient client, @Value("${attimo.table.prefix:attimo}") String prefix) {
        return new DynamoExperimentStore(client, prefix);
    }

    // ------------------------------------------------------------------ reports, schedules, write-back

    @Singleton
    DynamoCustomerScan customerScan(
            DynamoDbClient client, @Value("${attimo.table.prefix:attimo}") String prefix, DynamoEventLog events) {
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

    // ------------------------------------------------------------------ the local outbox

    @Singleton
    @Bean(typed = DynamoOutboxChannel.class)
    DynamoOutboxChannel outbox(
            DynamoDbClient client,
            @Value("${attimo.table.prefix:attimo}") String prefix,
            JourneyCatalog catalog,
            Clock clock) {
        return new DynamoOutboxChannel(client, prefix, catalog, clock);
    }

    // ------------------------------------------------------------------ the core

    @Singleton
    ProfileFolder profileFolder(@Value("${attimo.scoring.plan:}") String scoringPlan) {
        return scoringPlan.isBlank() ? AttimoCore.profileFolder() : AttimoCore.profileFolder(scoringPlan);
    }

    /** Plans with each customer's temporal profile and the latest model of the daily refresh. */
    @Singleton
    SendPlanner sendPlanner(
            EventLog eventLog, TemporalModelStore models, JourneyCatalog catalog, Clock clock, StepReads reads) {
        return AttimoCore.sendPlanner(reads.eventLog(eventLog), models, catalog, clock);
    }

    /** A journey step's reads of one customer, made once per step (the planner's history read included). */
    @Singleton
    StepReads stepReads() {
        return new StepReads();
    }

    @Singleton
    TemporalRefresh temporalRefresh(CustomerScan scan, TemporalModelStore models, Clock clock) {
        return new TemporalRefresh(scan, models, clock);
    }

    @Singleton
    AnalyticsRefresh analyticsRefresh(
            CustomerScan scan,
            AnalyticsStore store,
            MessageLedger ledger,
            JourneyCatalog catalog,
            TemporalModelStore models,
            JourneyInsights journeys,
            DeadLetters deadLetters,
            AlertSink alerts,
            TouchpointReport touchpoints,
            Clock clock) {
        return new AnalyticsRefresh(scan, store, clock)
                .withEngagement(
                        ledger, catalog.journey(OnboardingKpis.ONBOARDING).orElse(null))
                .withAlerts(new InsightsAlerts(models, journeys, deadLetters), alerts)
                .withTouchpoints(touchpoints);
    }

    /** The refresh's alerts in the outbox (the local stack, attimo.channel.mode=outbox), else not sent. */
    @Singleton
    @Secondary
    AlertSink alertSink(@Value("${attimo.channel.mode:aws}") String mode, Provider<DynamoOutboxChannel> outbox) {
        if (mode.trim().equalsIgnoreCase("outbox")) return alert -> outbox.get().alert(alert);
        return AlertSink.NONE;
    }

    /** No dead-letter queue watched unless attimo.events.dlq.url is set (AlertsFactory) or the local stack has one. */
    @Singleton
    @Secondary
    DeadLetters deadLetters() {
        return DeadLetters.NONE;
    }

    @Singleton
    AnalyticsQueries analyticsQueries(AnalyticsStore store) {
        return new AnalyticsQueries(store);
    }

    /** Each journey's ASL graph, from the files beside {@code attimo.journeys.file} or the copies bundled in the core. */
    @Singleton
    JourneyGraphs journeyGraphs(@Value("${attimo.journeys.file:}") String journeysFile) {
        return JourneyGraphs.besideOrBundled(journeysFile);
    }

    /**
     * The journey map, read per request from at most {@code attimo.insights.max-executions} newest executions per
     * journey (docs/insights.md).
     */
    @Singleton
    JourneyInsights journeyInsights(
            JourneyCatalog catalog,
            JourneyGraphs graphs,
            JourneyExecutions executions,
            ProfileStore profiles,
            Clock clock,
            @Value("${attimo.insights.max-executions:" + JourneyInsights.DEFAULT_MAX_EXECUTIONS + "}")
                    int maxExecutions) {
        return new JourneyInsights(catalog, graphs, executions, profiles, clock, maxExecutions);
    }

    /**
     * The dashboard's heatmap and overview over the analytics refresh's day rows; the cost per contact prices sends at
     * {@code attimo.insights.prices} ({@code ATTIMO_INSIGHTS_PRICES}, e.g. {@code email=0.0009,sms=0.0645,push=0.0005}
     * EUR per message).
     */
    @Singleton
    InsightsReports insightsReports(
            AnalyticsStore store,
            Clock clock,
            JourneyCatalog catalog,
            @Value("${attimo.insights.prices:}") String prices) {
        return new InsightsReports(
                store,
                clock,
                InsightsReports.parsePrices(prices),
                catalog.journey(OnboardingKpis.ONBOARDING).orElse(null));
    }

    /** The customer view: profile, where each journey execution is, ledger, event log, the refresh's churn model. */
    @Singleton
    CustomerInsights customerInsights(
            ProfileQueries profiles,
            EventLog events,
            MessageLedger ledger,
            JourneyExecutions executions,
            AnalyticsStore analytics) {
        return new CustomerInsights(profiles, events, ledger, executions, analytics);
    }

    @Singleton
    /** The bundled statemachines/journeys.json, or the file {@code attimo.journeys.file} names (the local stack). */
    JourneyCatalog journeyCatalog(@Value("${attimo.journeys.file:}") String journeysFile) {
        return JourneyCatalogLoader.loadOrBundled(journeysFile);
    }

    /**
     * The bundled statemachines/experiments.json, or the file {@code attimo.experiments.file} names (the local stack:
     * the one beside its journeys file, or {@code none}).
     */
    @Singleton
    ExperimentCatalog experimentCatalog(
            @Value("${attimo.experiments.file:}") String experimentsFile,
            JourneyCatalog journeys,
            TouchpointCatalog touchpoints) {
        return ExperimentCatalogLoader.loadOrBundled(experimentsFile, journeys, touchpoints);
    }

    @Singleton
    ExperimentAssignments experimentAssignments(ExperimentCatalog catalog, ExperimentStore store, Clock clock) {
        return new ExperimentAssignments(catalog, store, clock);
    }

    @Singleton
    ExperimentReports experimentReports(
            ExperimentCatalog catalog, ExperimentStore store, MessageLedger ledger, EventLog eventLog, Clock clock) {
        return new ExperimentReports(catalog, store, ledger, eventLog, clock);
    }

    @Singleton
    HubSpotMapping hubSpotMapping(@Value("${attimo.hubspot.mapping:}") String mappingFile) {
        return mappingFile.isBlank() ? HubSpotMapping.loadDefault() : HubSpotMapping.load(Path.of(mappingFile));
    }

    @Singleton
    IngestEvents ingestEvents(
            EventQueue queue,
            QuarantineStore quarantine,
            SecretProvider secrets,
            HubSpotMapping mapping,
            @Named(WALL_CLOCK) Clock wallClock) {
        return new IngestEvents(queue, quarantine, secrets, mapping, wallClock);
    }

    @Singleton
    ProcessCustomerEvents processCustomerEvents(
            EventLog eventLog,
            ProfileStore profiles,
            ContactStore contacts,
            WaitRegistry waits,
            MessageLedger ledger,
            JourneyRuntime journeys,
            QuarantineStore quarantine,
            RescoreScheduler rescoreScheduler,
            ProfileFolder folder,
            JourneyCatalog catalog,
            ScoreWriteBack writeBack,
            ExperimentStore experiments,
            CouponStore coupons,
            OptOutConfirmations optOutConfirmations,
            Clock clock,
            @Value("${attimo.score.profile-cache:2000}") int profileCache) {
        // only the score function reads through the cache: it saves what it folds, so a stale copy is refused
        return new ProcessCustomerEvents(
                        eventLog,
                        new CachingProfileStore(profiles, profileCache),
                        contacts,
                        waits,
                        ledger,
                        journeys,
                        quarantine,
                        rescoreScheduler,
                        folder,
                        catalog,
                        writeBack,
                        coupons,
                        optOutConfirmations,
                        clock)
                .erasingExperimentsIn(experiments);
    }

    /** Where links in messages point: {@code attimo.public.base-url} ({@code ATTIMO_PUBLIC_BASE_URL}). */
    public static final String LOCAL_PUBLIC_BASE_URL = MessageRenderer.LOCAL_PUBLIC_BASE_URL;

    /**
     * The messages' renderer: bundled templates and content (the templates of {@code attimo.templates.dir} first, if
     * set), links under the public base URL, unsubscribe tokens signed with the webhook secret (read when a message
     * needs one, so a rotated secret is picked up).
     */
    @Singleton
    MessageRenderer messageRenderer(
            @Value("${attimo.public.base-url:" + LOCAL_PUBLIC_BASE_URL + "}") String publicBaseUrl,
            @Value("${attimo.templates.dir:}") String templatesDir,
            SecretProvider secrets,
            Clock clock) {
        return MessageRenderer.withTemplates(
                publicBaseUrl.isBlank() ? LOCAL_PUBLIC_BASE_URL : publicBaseUrl,
                () -> secrets.webhookSecret()
                        .filter(secret -> !secret.isBlank())
                        .map(secret -> new CustomerLinkToken(secret, clock))
                        .orElse(null),
                templatesDir.isBlank() ? null : Path.of(templatesDir));
    }

    /**
     * Where dispatch reports what a provider says of an address ({@code push.disabled}): the events queue, resolved
     * when the first report is made; where none is configured the report is logged and dropped (the message is still
     * suppressed).
     */
    static EventQueue feedbackQueue(io.micronaut.context.BeanProvider<EventQueue> queues) {
        return events -> {
            EventQueue queue;
            try {
                queue = queues.isPresent() ? queues.get() : null;
            } catch (IllegalStateException notConfigured) {
                queue = null;
            }
            if (queue == null) {
                java.util.logging.Logger.getLogger(AttimoFactory.class.getName())
                        .warning(() ->
                                "no events queue configured: " + events.size() + " channel feedback event(s) dropped");
                return;
            }
            queue.publish(events);
        };
    }

    @Singleton
    JourneySteps journeySteps(
            ProfileStore profiles,
            ContactStore contacts,
            MessageLedger ledger,
            WaitRegistry waits,
            ChannelGateway gateway,
            SendPlanner planner,
            EventLog eventLog,
            JourneyRuntime runtime,
            AccountManagerTasks accountManagers,
            JourneyCatalog catalog,
            MessageRenderer renderer,
            ExperimentAssignments experiments,
            CouponStore coupons,
            io.micronaut.context.BeanProvider<EventQueue> queues,
            Clock clock,
            StepReads reads) {
        profiles = reads.profiles(profiles);
        contacts = reads.contacts(contacts);
        ledger = reads.ledger(ledger);
        eventLog = reads.eventLog(eventLog);
        waits = reads.waits(waits);
        CompleteJourney complete = new CompleteJourney(profiles, waits, ledger, clock);
        PlanSend plan = new PlanSend(profiles, ledger, planner, clock, experiments, eventLog);
        return new JourneySteps(
                        plan,
                        new DispatchSend(
                                profiles,
                                contacts,
                                ledger,
                                gateway,
                                planner,
                                eventLog,
                                clock,
                                renderer,
                                experiments,
                                new OrderHolds(catalog),
                                feedbackQueue(queues)),
                        new ParkWait(profiles, waits, eventLog, runtime, clock, catalog),
                        complete,
                        new Timeline(),
                        new Progress(eventLog, catalog),
                        new EvaluateJourney(eventLog, profiles, complete, catalog),
                        new OpenAccountManagerTask(profiles, accountManagers),
                        new PlanFirstChannel(plan, profiles, contacts, clock),
                        new IssueCoupon(profiles, coupons, new CouponCodes(), clock))
                .readingOncePerStep(reads);
    }

    /** The bundled touchpoints.json, or the file {@code attimo.touchpoints.file} names (the local stack). */
    @Singleton
    TouchpointCatalog touchpointCatalog(@Value("${attimo.touchpoints.file:}") String file) {
        return TouchpointCatalogLoader.loadOrBundled(file);
    }

    @Singleton
    it.attimo.core.touchpoint.QrScans qrScans(
            TouchpointCatalog catalog, EventQueue queue, Clock clock, ExperimentAssignments experiments) {
        return new it.attimo.core.touchpoint.QrScans(catalog, queue, clock, experiments);
    }

    @Singleton
    it.attimo.core.touchpoint.FormSubmissions formSubmissions(
            TouchpointCatalog catalog, EventQueue queue, Clock clock) {
        return new it.attimo.core.touchpoint.FormSubmissions(catalog, queue, clock);
    }

    @Singleton
    TouchpointReport touchpointReport(
            TouchpointCatalog catalog, CustomerScan scan, Clock clock, ExperimentReports experiments) {
        return new TouchpointReport(catalog, scan, clock, experiments::onTouchpoint);
    }

    @Singleton
    OnboardingKpis onboardingKpis(CustomerScan scan, JourneyCatalog catalog, Clock clock) {
        return new OnboardingKpis(scan, catalog, clock);
    }

    @Singleton
    ProfileQueries profileQueries(ProfileStore profiles, ContactStore contacts, OnboardingKpis kpis) {
        return new ProfileQueries(profiles, contacts, kpis);
    }
}
