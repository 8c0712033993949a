package it.attimo.core.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Consent;
import it.attimo.core.customer.Contact;
import it.attimo.core.customer.JourneyRun;
import it.attimo.core.customer.Profile;
import it.attimo.core.customer.Segment;
import it.attimo.core.json.Json;
import it.attimo.core.port.AccountManagerTasks;
import it.attimo.core.testing.Events;
import it.attimo.core.testing.ForwardingEventLog;
import it.attimo.core.testing.InMemoryContactStore;
import it.attimo.core.testing.InMemoryEventLog;
import it.attimo.core.testing.InMemoryMessageLedger;
import it.attimo.core.testing.InMemoryProfileStore;
import it.attimo.core.testing.InMemoryWaitRegistry;
import it.attimo.core.testing.MutableClock;
import it.attimo.core.testing.RecordingChannelGateway;
import it.attimo.core.testing.RecordingJourneyRuntime;
import it.attimo.core.timing.MessageKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The actions the onboarding journey adds to the journey function: early resume at park, obsolete sends, timeline,
 * progress, evaluate, account-manager task. */
class JourneyStepsOnboardingTest {
    private static final String C = "c-42";
    private static final String EXEC_NAME = "onboarding-72h-c-42-reg";
    private static final Instant REGISTERED = Instant.parse("2026-06-10T08:00:00Z");

    private final MutableClock clock = new MutableClock(REGISTERED.plusSeconds(5));
    private final InMemoryProfileStore profiles = new InMemoryProfileStore();
    private final InMemoryContactStore contacts = new InMemoryContactStore();
    private final InMemoryMessageLedger ledger = new InMemoryMessageLedger();
    private final InMemoryWaitRegistry waits = new InMemoryWaitRegistry();
    private final RecordingChannelGateway gateway = new RecordingChannelGateway();
    private final InMemoryEventLog log = new InMemoryEventLog();
    private final RecordingJourneyRuntime runtime = new RecordingJourneyRuntime();
    private final List<String> tasks = new ArrayList<>();
    private final AccountManagerTasks accountManagers = (c, reason, exec) -> tasks.add(c + "|" + reason + "|" + exec);
    private final SendPlanner planner = (p, ch, kind, journey, earliest, deadline) ->
            new SendPlanner.PlannedSend(earliest, null, 100, List.of(), null);
    private JourneySteps steps;

    @BeforeEach
    void setUp() {
        steps = JourneyStepsWiring.steps(
                profiles, contacts, ledger, waits, gateway, planner, log, runtime, accountManagers, clock);
        profiles.put(
                profile("cooling", List.of(new JourneyRun("onboarding-72h", EXEC_NAME, REGISTERED, "RUNNING", null))));
        contacts.put(new Contact(C, "someone@example.com", "+393331234567", null));
    }

    private static Profile profile(String tier, List<JourneyRun> runs) {
        return new Profile(
                C,
                Segment.B2B,
                null,
                "it-IT",
                null,
                Map.of("email", new Consent(true, "test", REGISTERED), "sms", new Consent(true, "test", REGISTERED)),
                tier.equals("at-risk") ? -15 : 0,
                tier,
                null,
                null,
                REGISTERED,
                REGISTERED,
                runs,
                null,
                null,
                REGISTERED,
                0);
    }

    private Map<String, Object> park(String token, List<String> keys, Instant after, Integer timeout) {
        return steps.handle(
                new ParkStep(C, token, EXEC_NAME, "s", keys, after, timeout == null ? null : timeout.longValue()));
    }

    @Test
    void parkWithNoMatchingEventLeavesTheWaitRegistered() {
        Map<String, Object> out = park("tok-1", List.of("form.completed:first-module"), REGISTERED, 90);

        assertNull(out.get("resumedAtOnce"));
        assertEquals(1, waits.waitingFor(C, "form.completed:first-module").size());
        assertTrue(runtime.resumes().isEmpty());
    }

    @Test
    void anEventThatArrivedBeforeTheParkResumesTheTokenAtOnce() throws Exception {
        log.append(Events.event("form.completed", C)
                .id("e-fm")
                .at(REGISTERED.plusSeconds(40))
                .data("formId", "first-module")
                .build());

        Map<String, Object> out = park("tok-2", List.of("form.completed:first-module"), REGISTERED, 90);

        assertEquals(true, out.get("resumedAtOnce"));
        assertEquals(1, runtime.resumes().size());
        assertEquals("tok-2", runtime.resumes().get(0).taskToken());
        assertEquals(
                "e-fm",
                Json.parse(runtime.resumes().get(0).output()).path("eventId").asText());
        assertTrue(waits.forCustomer(C).isEmpty(), "the resumed wait is not left behind");
    }

    @Test
    void anEarlierEventOfAnotherFormOrOutsideTheWindowDoesNotCount() {
        log.append(Events.event("form.completed", C)
                .id("e-prof")
                .at(REGISTERED.plusSeconds(40))
                .data("formId", "profile")
                .build());
        log.append(Events.event("form.completed", C)
                .id("e-late")
                .at(REGISTERED.plusSeconds(91))
                .data("formId", "first-module")
                .build());
        log.append(Events.event("form.completed", C)
                .id("e-old")
                .at(REGISTERED.minusSeconds(1))
                .data("formId", "first-module")
                .build());

        park("tok-3", List.of("form.completed:first-module"), REGISTERED, 90);

        assertTrue(runtime.resumes().isEmpty());
    }

    @Test
    void aTierWaitResumesAtOnceWhenTheProfileIsAlreadyInThatTier() {
        profiles.put(profile("at-risk", List.of()));

        Map<String, Object> out = park("tok-4", List.of("tier.at-risk"), REGISTERED, 259200);

        assertEquals(true, out.get("resumedAtOnce"));
        assertEquals("tok-4", runtime.resumes().get(0).taskToken());
    }

    @Test
    void aParkWhoseEventLogHasNoMatchOnlyRegistersTheWait() {
        JourneySteps plain = JourneyStepsWiring.steps(
                profiles,
                contacts,
                ledger,
                waits,
                gateway,
                planner,
                new InMemoryEventLog(),
                new RecordingJourneyRuntime(),
                accountManagers,
                clock);
        log.append(Events.event("portal.accessed", C)
                .id("p")
                .at(REGISTERED.plusSeconds(3))
                .build());

        Map<String, Object> out =
                plain.handle(new ParkStep(C, "tok-5", EXEC_NAME, null, List.of("portal.accessed"), REGISTERED, null));

        assertEquals(List.of("portal.accessed"), out.get("parked"));
        assertTrue(runtime.resumes().isEmpty());
    }

    @Test
    void dispatchIsObsoleteWhenTheCustomerAlreadyDidWhatTheMessageAsksFor() {
        log.append(Events.event("portal.accessed", C)
                .id("p")
                .at(REGISTERED.plusSeconds(150))
                .build());

        Map<String, Object> out = steps.handle(new DispatchStep(
                C,
                "onboarding-72h",
                "support",
                Channel.EMAIL,
                MessageKind.SERVICE,
                EXEC_NAME,
                List.of("portal.accessed"),
                REGISTERED));

        assertEquals("obsolete", out.get("status"));
        assertTrue(gateway.sent().isEmpty());
        assertTrue(ledger.forCustomer(C).isEmpty());
    }

    @Test
    void dispatchSendsWhenNothingMakesItObsolete() {
        log.append(Events.event("form.completed", C)
                .id("f")
                .at(REGISTERED.plusSeconds(150))
                .data("formId", "profile")
                .build());

        Map<String, Object> out = steps.handle(new DispatchStep(
                C,
                "onboarding-72h",
                "first-module-reminder",
                Channel.EMAIL,
                MessageKind.SERVICE,
                EXEC_NAME,
                List.of("form.completed:first-module"),
                REGISTERED));

        assertEquals("sent", out.get("status"));
        assertEquals(1, gateway.sent().size());
    }

    @Test
    void timelineGivesInstantsFromTheAnchor() {
        Map<String, Duration> marks = new LinkedHashMap<>();
        marks.put("caseStudyFrom", Duration.ofHours(24));
        marks.put("closesAt", Duration.ofHours(72));
        Map<String, Object> out = steps.handle(new TimelineStep(REGISTERED, marks));

        assertEquals("2026-06-11T08:00:00Z", out.get("caseStudyFrom"));
        assertEquals("2026-06-13T08:00:00Z", out.get("closesAt"));
        assertThrows(IllegalArgumentException.class, () -> new TimelineStep(REGISTERED, Map.of()));
    }

    private Map<String, Object> watch(String token) {
        return steps.handle(
                new ParkStep(C, token, EXEC_NAME, "milestone", null, REGISTERED, 259_200L, "onboarding-72h", FINISHED));
    }

    private static final String FINISHED = "Attimo.OnboardingFinished";

    private void reached(String id, String type, String field, String value) {
        log.append(Events.event(type, C)
                .id(id)
                .at(REGISTERED.plusSeconds(60))
                .data(field, value)
                .build());
    }

    @Test
    void aMilestoneWatchParksOnTheRequiredMilestonesStillMissing() {
        reached("f", "form.completed", "formId", "first-module");

        Map<String, Object> out = watch("tok-w");

        assertEquals(List.of("form.completed:profile", "video.watched:guide"), out.get("parked"));
        assertEquals(1, waits.waitingFor(C, "form.completed:profile").size());
        assertEquals(1, waits.waitingFor(C, "video.watched:guide").size());
        assertTrue(waits.waitingFor(C, "form.completed:first-module").isEmpty());
        assertTrue(runtime.resumes().isEmpty());
        assertTrue(runtime.failures().isEmpty());
    }

    @Test
    void aMilestoneWatchWithNothingLeftFailsWithTheJourneysSignalAndLeavesNoWait() {
        reached("f1", "form.completed", "formId", "first-module");
        reached("f2", "form.completed", "formId", "profile");
        reached("v", "video.watched", "videoId", "guide");

        Map<String, Object> out = watch("tok-done");

        assertEquals(true, out.get("finished"));
        assertEquals(1, runtime.failures().size());
        assertEquals("tok-done", runtime.failures().get(0).taskToken());
        assertEquals(FINISHED, runtime.failures().get(0).error());
        assertTrue(runtime.resumes().isEmpty());
        assertTrue(waits.forCustomer(C).isEmpty());
    }

    @Test
    void aMilestoneReachedBeforeTheWatchRegisteredResumesItToWatchAgain() {
        // the first history read finds the profile form missing; it is in the log by the second (after registering)
        InMemoryEventLog stored = new InMemoryEventLog();
        it.attimo.core.port.EventLog racing = new ForwardingEventLog(stored) {
            private int reads;

            @Override
            public List<it.attimo.core.event.CustomerEvent> history(String customerId) {
                if (++reads == 2) {
                    stored.append(Events.event("form.completed", C)
                            .id("f2")
                            .at(REGISTERED.plusSeconds(90))
                            .data("formId", "profile")
                            .build());
                }
                return super.history(customerId);
            }
        };
        racing.append(Events.event("form.completed", C)
                .id("f1")
                .at(REGISTERED.plusSeconds(60))
                .data("formId", "first-module")
                .build());
        JourneySteps racingSteps = JourneyStepsWiring.steps(
                profiles, contacts, ledger, waits, gateway, planner, racing, runtime, accountManagers, clock);

        Map<String, Object> out = racingSteps.handle(new ParkStep(
                C, "tok-r", EXEC_NAME, "milestone", null, REGISTERED, 259_200L, "onboarding-72h", FINISHED));

        assertEquals(true, out.get("resumedAtOnce"));
        assertEquals(List.of("video.watched:guide"), out.get("missing"));
        assertEquals(1, runtime.resumes().size());
        assertTrue(runtime.failures().isEmpty());
        assertTrue(waits.forCustomer(C).isEmpty(), "the state machine parks again: the old waits go");
    }

    @Test
    void aMilestoneWatchNamesItsJourneyAndItsOwnSignal() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new ParkStep(C, "t", EXEC_NAME, "m", null, REGISTERED, 60L, "onboarding-72h", null));
        assertThrows(
                IllegalArgumentException.class,
                () -> new ParkStep(C, "t", EXEC_NAME, "m", null, REGISTERED, 60L, "onboarding-72h", "States.Timeout"));
        assertThrows(
                IllegalArgumentException.class,
                () -> new ParkStep(
                        C,
                        "t",
                        EXEC_NAME,
                        "m",
                        List.of("portal.accessed"),
                        REGISTERED,
                        60L,
                        "onboarding-72h",
                        FINISHED));
        assertThrows(IllegalArgumentException.class, () -> watchOf("no-such-journey"));
    }

    private Map<String, Object> watchOf(String journey) {
        return steps.handle(new ParkStep(C, "t", EXEC_NAME, "m", null, REGISTERED, 60L, journey, FINISHED));
    }

    @Test
    void progressReportsWhatIsMissing() {
        log.append(Events.event("form.completed", C)
                .id("f")
                .at(REGISTERED.plusSeconds(60))
                .data("formId", "first-module")
                .build());

        Map<String, Object> out = steps.handle(new ProgressStep(
                C, null, JourneyCatalog.defaults().require("onboarding-72h").requiredKeys(), REGISTERED));

        assertEquals(false, out.get("finished"));
        assertEquals(List.of("form.completed:profile", "video.watched:guide"), out.get("missing"));
    }

    @Test
    void progressReadsTheJourneysRequiredMilestonesFromTheCatalog() {
        log.append(Events.event("form.completed", C)
                .id("f")
                .at(REGISTERED.plusSeconds(60))
                .data("formId", "profile")
                .build());

        Map<String, Object> out = steps.handle(new ProgressStep(C, "onboarding-72h", null, REGISTERED));

        assertEquals(false, out.get("finished"));
        assertEquals(List.of("form.completed:first-module", "video.watched:guide"), out.get("missing"));
    }

    @Test
    void progressOfAJourneyTheCatalogDoesNotDeclareIsAConfigurationError() {
        assertThrows(
                IllegalArgumentException.class,
                () -> steps.handle(new ProgressStep(C, "no-such-journey", null, REGISTERED)));
        assertThrows(IllegalArgumentException.class, () -> new ProgressStep(C, null, List.of(), REGISTERED));
    }

    @Test
    void evaluateRecordsTheOutcomeAndEndsTheRunOnTheProfile() {
        waits.park(new ParkedWait(
                C, "portal.accessed", EXEC_NAME, "portal", "tok", REGISTERED, REGISTERED.plusSeconds(9999)));
        clock.set(REGISTERED.plusSeconds(72 * 3600));

        Map<String, Object> out = steps.handle(new EvaluateStep(
                C,
                "onboarding-72h",
                EXEC_NAME,
                JourneyCatalog.defaults().require("onboarding-72h").requiredKeys(),
                REGISTERED,
                null));

        assertEquals("at-risk", out.get("outcome"));
        Profile p = profiles.find(C).orElseThrow();
        assertEquals("at-risk", p.outcomes().get("onboarding-72h"));
        assertEquals("SUCCEEDED", p.journeys().get(0).status());
        assertEquals(REGISTERED.plusSeconds(72 * 3600), p.journeys().get(0).endedAt());
        assertTrue(waits.forCustomer(C).isEmpty(), "the journey's waits are removed");
    }

    @Test
    void evaluateOfAFinishedCustomerIsRetained() {
        log.append(Events.event("form.completed", C)
                .id("1")
                .at(REGISTERED.plusSeconds(60))
                .data("formId", "first-module")
                .build());
        log.append(Events.event("form.completed", C)
                .id("2")
                .at(REGISTERED.plusSeconds(200))
                .data("formId", "profile")
                .build());
        log.append(Events.event("video.watched", C)
                .id("3")
                .at(REGISTERED.plusSeconds(260))
                .data("videoId", "guide")
                .build());

        Map<String, Object> out =
                steps.handle(new EvaluateStep(C, "onboarding-72h", EXEC_NAME, null, REGISTERED, null));

        assertEquals("retained", out.get("outcome"), "the required milestones are the catalog's");
        assertEquals(true, out.get("finished"));
    }

    @Test
    void taskOpensOneAccountManagerTaskWithIdsOnly() {
        Map<String, Object> out = steps.handle(new TaskStep(C, "onboarding.at-risk", EXEC_NAME));

        assertEquals("opened", out.get("status"));
        assertEquals(List.of(C + "|onboarding.at-risk|" + EXEC_NAME), tasks);
    }

    @Test
    void taskForAnErasedCustomerIsSkippedAndARefusingPortIsRefused() {
        profiles.delete(C);
        assertEquals(
                "skipped",
                steps.handle(new TaskStep(C, "onboarding.at-risk", EXEC_NAME)).get("status"));
        assertTrue(tasks.isEmpty());

        profiles.put(profile("at-risk", List.of()));
        AccountManagerTasks unconfigured = (c, reason, exec) -> {
            throw new IllegalArgumentException("no account-manager topic is configured");
        };
        JourneySteps plain = JourneyStepsWiring.steps(
                profiles, contacts, ledger, waits, gateway, planner, log, runtime, unconfigured, clock);
        assertThrows(IllegalArgumentException.class, () -> plain.handle(new TaskStep(C, "x", EXEC_NAME)));
        assertFalse(tasks.size() > 0);
    }
}
