package it.attimo.core.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;

import it.attimo.core.event.CustomerEvent;
import it.attimo.core.testing.Events;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MilestonesTest {
    private static final Instant T0 = Instant.parse("2026-06-10T08:00:00Z");

    @Test
    void listsTheMilestonesWithNoMatchingEventSinceTheAnchorInTheOrderGiven() {
        List<CustomerEvent> log = List.of(
                Events.event("form.completed", "c")
                        .id("1")
                        .at(T0.plusSeconds(60))
                        .data("formId", "first-module")
                        .build(),
                Events.event("video.watched", "c")
                        .id("2")
                        .at(T0.minusSeconds(60))
                        .data("videoId", "guide")
                        .build());

        assertEquals(
                List.of("form.completed:profile", "video.watched:guide"),
                Milestones.missing(
                        log, JourneyCatalog.defaults().require("onboarding-72h").requiredKeys(), T0));
        assertEquals(
                List.of("form.completed:profile"),
                Milestones.missing(
                        log, JourneyCatalog.defaults().require("onboarding-72h").requiredKeys(), null));
    }

    @Test
    void nothingIsMissingOnceEveryMilestoneHappened() {
        List<CustomerEvent> log = List.of(
                Events.event("form.completed", "c")
                        .id("1")
                        .at(T0)
                        .data("formId", "first-module")
                        .build(),
                Events.event("form.completed", "c")
                        .id("2")
                        .at(T0)
                        .data("formId", "profile")
                        .build(),
                Events.event("video.watched", "c")
                        .id("3")
                        .at(T0)
                        .data("videoId", "guide")
                        .build());
        assertEquals(
                List.of(),
                Milestones.missing(
                        log, JourneyCatalog.defaults().require("onboarding-72h").requiredKeys(), T0));
    }
}
