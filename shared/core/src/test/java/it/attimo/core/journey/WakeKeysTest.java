package it.attimo.core.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.attimo.core.customer.Profile;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.testing.Events;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WakeKeysTest {
    private static final String C = "c-1";

    @Test
    void anEventIsKnownByItsTypeAndByTypeColonIdOfWhatItIsAbout() {
        CustomerEvent form =
                Events.event("form.completed", C).data("formId", "first-module").build();
        CustomerEvent video =
                Events.event("video.watched", C).data("videoId", "guide").build();
        CustomerEvent download =
                Events.event("content.downloaded", C).data("contentId", "wp-1").build();
        CustomerEvent portal = Events.event("portal.accessed", C).build();

        assertEquals(List.of("form.completed", "form.completed:first-module"), WakeKeys.of(form));
        assertEquals(List.of("video.watched", "video.watched:guide"), WakeKeys.of(video));
        assertEquals(List.of("content.downloaded", "content.downloaded:wp-1"), WakeKeys.of(download));
        assertEquals(List.of("portal.accessed"), WakeKeys.of(portal));
    }

    @Test
    void aWaitForOneFormIsNotMatchedByAnother() {
        CustomerEvent profileForm =
                Events.event("form.completed", C).data("formId", "profile").build();
        assertFalse(WakeKeys.matches("form.completed:first-module", profileForm));
        assertTrue(WakeKeys.matches("form.completed:profile", profileForm));
        assertTrue(WakeKeys.matches("form.completed", profileForm));
    }

    @Test
    void firstMatchHonoursTheWindowAndPicksTheEarliest() {
        Instant t0 = Instant.parse("2026-06-10T08:00:00Z");
        CustomerEvent before = Events.event("portal.accessed", C)
                .id("a")
                .at(t0.minusSeconds(1))
                .build();
        CustomerEvent late = Events.event("portal.accessed", C)
                .id("b")
                .at(t0.plusSeconds(200))
                .build();
        CustomerEvent inTime = Events.event("portal.accessed", C)
                .id("c")
                .at(t0.plusSeconds(100))
                .build();
        List<CustomerEvent> log = List.of(before, late, inTime);

        assertEquals(
                "c",
                WakeKeys.firstMatch(log, Set.of("portal.accessed"), t0, t0.plusSeconds(120))
                        .orElseThrow()
                        .id());
        assertEquals(
                "c",
                WakeKeys.firstMatch(log, Set.of("portal.accessed"), t0, null)
                        .orElseThrow()
                        .id());
        assertTrue(WakeKeys.firstMatch(log, Set.of("portal.accessed"), t0.plusSeconds(101), t0.plusSeconds(150))
                .isEmpty());
        assertTrue(WakeKeys.firstMatch(log, Set.of("support.contacted"), null, null)
                .isEmpty());
    }

    @Test
    void aTierKeyIsReachedOnlyByTheProfilesCurrentTier() {
        Profile atRisk = new Profile(
                C, null, null, null, null, null, -15, "at-risk", null, null, null, null, null, null, null, null, 1);
        assertTrue(WakeKeys.tierReached("tier.at-risk", atRisk));
        assertFalse(WakeKeys.tierReached("tier.hot", atRisk));
        assertFalse(WakeKeys.tierReached("tier.at-risk", Profile.empty(C)));
        assertFalse(WakeKeys.tierReached("portal.accessed", atRisk));
    }
}
