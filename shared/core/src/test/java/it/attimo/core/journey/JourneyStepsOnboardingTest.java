package it.attimo.core.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.attimo.core.customer.Consent;
import it.attimo.core.customer.Contact;
import it.attimo.core.customer.JourneyRun;
import it.attimo.core.customer.Profile;
import it.attimo.core.customer.Segment;
import it.attimo.core.json.Json;
import it.attimo.core.port.AccountManagerTasks;
import it.attimo.core.testing.Events;
import it.attimo.core.testing.InMemoryContactStore;
import it.attimo.core.testing.InMemoryEventLog;
import it.attimo.core.testing.InMemoryMessageLedger;
import it.attimo.core.testing.InMemoryProfileStore;
import it.attimo.core.testing.InMemoryWaitRegistry;
import it.attimo.core.testing.MutableClock;
import it.attimo.core.testing.RecordingChannelGateway;
import it.attimo.core.testing.RecordingJourneyRuntime;
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
    private static final String EXEC = "arn:aws:states:eu-south-1:1:execution:onboarding-72h:onboarding-72h-c-42-reg";
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
        steps = new JourneySteps(
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

    private static Map<String, Object> payload(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    private Map<String, Object> park(String token, List<String> keys, Instant after, Integer timeout) {
        Map<String, Object> p = payload(
                "action",
                "park",
                "customerId",
                C,
                "executionId",
                EXEC,
                "step",
                "s",
                "taskToken",
                token,
                "eventTypes",
                keys);
        if (after != null) p.put("after", after.toString());
        if (timeout != null) p.put("timeoutSeconds", timeout);
        return steps.handle(p);
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
    void withoutTheEventLogTheOldParkBehaviourHolds() {
        JourneySteps plain = new JourneySteps(profiles, contacts, ledger, waits, gateway, planner, clock);
        log.append(Events.event("portal.accessed", C)
                .id("p")
                .at(REGISTERED.plusSeconds(3))
                .build());

        Map<String, Object> out = plain.handle(payload(
                "action",
                "park",
                "customerId",
                C,
                "executionId",
                EXEC,
                "taskToken",
                "tok-5",
                "eventType",
                "portal.accessed",
                "after",
                REGISTERED.toString()));

        assertEquals(List.of("portal.accessed"), out.get("parked"));
        assertTrue(runtime.resumes().isEmpty());
    }

    @Test
    void dispatchIsObsoleteWhenTheCustomerAlreadyDidWhatTheMessageAsksFor() {
        log.append(Events.event("portal.accessed", C)
                .id("p")
                .at(REGISTERED.plusSeconds(150))
                .build());

        Map<String, Object> out = steps.handle(payload(
                "action",
                "dispatch",
                "customerId",
                C,
                "journey",
                "onboarding-72h",
                "step",
                "support",
                "channel",
                "email",
                "kind",
                "service",
                "executionId",
                EXEC,
                "unlessAny",
                List.of("portal.accessed"),
                "since",
                REGISTERED.toString()));

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

        Map<String, Object> out = steps.handle(payload(
                "action",
                "dispatch",
                "customerId",
                C,
                "journey",
                "onboarding-72h",
                "step",
                "first-module-reminder",
                "channel",
                "email",
                "kind",
                "service",
                "executionId",
                EXEC,
                "unlessAny",
                List.of("form.completed:first-module"),
                "since",
                REGISTERED.toString()));

        assertEquals("sent", out.get("status"));
        assertEquals(1, gateway.sent().size());
    }

    @Test
    void timelineGivesInstantsFromTheAnchor() {
        Map<String, Object> out = steps.handle(payload(
                "action",
                "timeline",
                "anchor",
                REGISTERED.toString(),
                "marks",
                payload("caseStudyFrom", "PT24H", "closesAt", "PT72H")));

        assertEquals("2026-06-11T08:00:00Z", out.get("caseStudyFrom"));
        assertEquals("2026-06-13T08:00:00Z", out.get("closesAt"));
        assertThrows(
                IllegalArgumentException.class,
                () -> steps.handle(payload(
                        "action", "timeline", "anchor", REGISTERED.toString(), "marks", payload("x", "tomorrow"))));
    }

    @Test
    void progressReportsWhatIsMissing() {
        log.append(Events.event("form.completed", C)
                .id("f")
                .at(REGISTERED.plusSeconds(60))
                .data("formId", "first-module")
                .build());

        Map<String, Object> out = steps.handle(payload(
                "action",
                "progress",
                "customerId",
                C,
                "since",
                REGISTERED.toString(),
                "required",
                JourneyCatalog.defaults().require("onboarding-72h").requiredKeys()));

        assertEquals(false, out.get("finished"));
        assertEquals(List.of("form.completed:profile", "video.watched:guide"), out.get("missing"));
    }

    @Test
    void evaluateRecordsTheOutcomeAndEndsTheRunOnTheProfile() {
        waits.park(new ParkedWait(
                C, "portal.accessed", EXEC_NAME, "portal", "tok", REGISTERED, REGISTERED.plusSeconds(9999)));
        clock.set(REGISTERED.plusSeconds(72 * 3600));

        Map<String, Object> out = steps.handle(payload(
                "action",
                "evaluate",
                "customerId",
                C,
                "journey",
                "onboarding-72h",
                "executionId",
                EXEC,
                "reason",
                "window-closed",
                "since",
                REGISTERED.toString(),
                "required",
                JourneyCatalog.defaults().require("onboarding-72h").requiredKeys()));

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

        Map<String, Object> out = steps.handle(payload(
                "action",
                "evaluate",
                "customerId",
                C,
                "journey",
                "onboarding-72h",
                "executionId",
                EXEC,
                "reason",
                "finished",
                "since",
                REGISTERED.toString(),
                "required",
                JourneyCatalog.defaults().require("onboarding-72h").requiredKeys()));

        assertEquals("retained", out.get("outcome"));
        assertEquals(true, out.get("finished"));
    }

    @Test
    void taskOpensOneAccountManagerTaskWithIdsOnly() {
        Map<String, Object> out = steps.handle(
                payload("action", "task", "customerId", C, "executionId", EXEC, "reason", "onboarding.at-risk"));

        assertEquals("opened", out.get("status"));
        assertEquals(List.of(C + "|onboarding.at-risk|" + EXEC_NAME), tasks);
    }

    @Test
    void taskForAnErasedCustomerIsSkippedAndWithoutAPortIsRefused() {
        profiles.delete(C);
        assertEquals(
                "skipped",
                steps.handle(payload(
                                "action", "task", "customerId", C, "executionId", EXEC, "reason", "onboarding.at-risk"))
                        .get("status"));
        assertTrue(tasks.isEmpty());

        JourneySteps plain = new JourneySteps(profiles, contacts, ledger, waits, gateway, planner, clock);
        assertThrows(
                IllegalArgumentException.class,
                () -> plain.handle(payload("action", "task", "customerId", C, "executionId", EXEC, "reason", "x")));
        assertFalse(tasks.size() > 0);
    }
}
