package it.attimo.core.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.attimo.core.AttimoCore;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.journey.JourneyCatalog;
import it.attimo.core.journey.ParkedWait;
import it.attimo.core.port.ScoreWriteBack;
import it.attimo.core.testing.Events;
import it.attimo.core.testing.InMemoryContactStore;
import it.attimo.core.testing.InMemoryEventLog;
import it.attimo.core.testing.InMemoryMessageLedger;
import it.attimo.core.testing.InMemoryProfileStore;
import it.attimo.core.testing.InMemoryQuarantineStore;
import it.attimo.core.testing.InMemoryWaitRegistry;
import it.attimo.core.testing.MutableClock;
import it.attimo.core.testing.RecordingJourneyRuntime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Waits keyed by what an event is about ({@code form.completed:first-module}) and the score write-back hook. */
class ProcessCustomerEventsWakeKeysTest {
    private static final String C = "hs-123-456";
    private static final Instant T0 = Instant.parse("2026-06-10T08:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryProfileStore profiles = new InMemoryProfileStore();
    private final InMemoryWaitRegistry waits = new InMemoryWaitRegistry();
    private final RecordingJourneyRuntime runtime = new RecordingJourneyRuntime();
    private final List<String> writtenBack = new ArrayList<>();
    private final ScoreWriteBack writeBack = (c, score, tier) -> writtenBack.add(c + "|" + score + "|" + tier);
    private final ProcessCustomerEvents process = new ProcessCustomerEvents(
            new InMemoryEventLog(),
            profiles,
            new InMemoryContactStore(),
            waits,
            new InMemoryMessageLedger(),
            runtime,
            new InMemoryQuarantineStore(),
            (c, at) -> {},
            AttimoCore.profileFolder(),
            JourneyCatalog.defaults(),
            writeBack,
            clock);

    private void park(String key, String token) {
        RunningJourneys.running(profiles, C, "onboarding-72h-x", T0);
        waits.park(new ParkedWait(C, key, "onboarding-72h-x", key, token, T0, T0.plusSeconds(86400)));
    }

    private void handle(CustomerEvent e) {
        clock.set(e.time());
        process.handle(e);
    }

    @Test
    void aFormCompletionWakesTheWaitForThatFormAndThePlainTypeButNotAnotherForm() {
        park("form.completed:first-module", "tok-first");
        park("form.completed:profile", "tok-profile");
        park("form.completed", "tok-any");

        handle(Events.event("form.completed", C)
                .id("e1")
                .at(T0.plusSeconds(60))
                .data("formId", "profile")
                .data("durationSeconds", 60)
                .data("errors", 0)
                .build());

        List<String> resumed =
                runtime.resumes().stream().map(r -> r.taskToken()).toList();
        assertEquals(List.of("tok-any", "tok-profile"), resumed);
        assertEquals(1, waits.waitingFor(C, "form.completed:first-module").size());
        assertTrue(runtime.resumes().get(1).output().contains("\"eventId\":\"e1\""));
    }

    @Test
    void enteringAtRiskWakesTheTierWait() {
        handle(Events.event("customer.upserted", C)
                .id("u")
                .at(T0)
                .data("segment", "b2b")
                .build());
        park("tier.at-risk", "tok-risk");

        handle(Events.event("form.abandoned", C)
                .id("a")
                .at(T0.plusSeconds(30))
                .data("formId", "first-module")
                .build());

        assertEquals("at-risk", profiles.find(C).orElseThrow().tier());
        assertEquals(
                List.of("tok-risk"),
                runtime.resumes().stream().map(r -> r.taskToken()).toList());
    }

    @Test
    void theScoreIsWrittenBackOnlyWhenScoreOrTierChanged() {
        handle(Events.event("customer.upserted", C)
                .id("u")
                .at(T0)
                .data("segment", "b2b")
                .build());
        int afterFirst = writtenBack.size();
        handle(Events.event("customer.upserted", C)
                .id("u2")
                .at(T0.plusSeconds(1))
                .data("locale", "it-IT")
                .build());
        assertEquals(afterFirst, writtenBack.size(), "nothing changed in the score: no write-back");

        handle(Events.event("form.completed", C)
                .id("p")
                .at(T0.plusSeconds(60))
                .data("formId", "profile")
                .data("durationSeconds", 60)
                .data("errors", 0)
                .build());

        assertEquals(afterFirst + 1, writtenBack.size());
        assertTrue(writtenBack.get(writtenBack.size() - 1).startsWith(C + "|35.0|engaged"), writtenBack.toString());
    }

    @Test
    void aFailingWriteBackDoesNotFailTheEvent() {
        ProcessCustomerEvents failing = new ProcessCustomerEvents(
                new InMemoryEventLog(),
                profiles,
                new InMemoryContactStore(),
                waits,
                new InMemoryMessageLedger(),
                runtime,
                new InMemoryQuarantineStore(),
                (c, at) -> {},
                AttimoCore.profileFolder(),
                JourneyCatalog.defaults(),
                (c, s, t) -> {
                    throw new IllegalStateException("HubSpot down");
                },
                clock);

        failing.handle(Events.event("customer.upserted", C)
                .id("u")
                .at(T0)
                .data("segment", "b2b")
                .build());

        assertTrue(profiles.find(C).isPresent());
    }
}
