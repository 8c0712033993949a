package it.attimo.core.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OnboardingOutcomeTest {
    @Test
    void finishingRetainsWhateverTheTier() {
        assertEquals("retained", OnboardingOutcome.of(true, "at-risk"));
        assertEquals("retained", OnboardingOutcome.of(true, null));
    }

    @Test
    void withoutFinishingOnlyAnEngagedTierRetains() {
        assertEquals("retained", OnboardingOutcome.of(false, "hot"));
        assertEquals("retained", OnboardingOutcome.of(false, "engaged"));
        assertEquals("at-risk", OnboardingOutcome.of(false, "cooling"));
        assertEquals("at-risk", OnboardingOutcome.of(false, "at-risk"));
        assertEquals("at-risk", OnboardingOutcome.of(false, null));
    }
}
