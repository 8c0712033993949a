package it.attimo.core.journey;

import java.util.Set;

/**
 * The closing evaluation of the onboarding journey. Retained: the customer finished the onboarding milestones, or
 * the score sits in a tier that shows engagement (hot, engaged). At risk: everything else, including "cooling", since
 * after 72 h a customer who neither finished nor engaged is the one the seed says is about to leave.
 */
public final class OnboardingOutcome {
    public static final String RETAINED = "retained";
    public static final String AT_RISK = "at-risk";
    static final Set<String> ENGAGED_TIERS = Set.of("hot", "engaged");

    private OnboardingOutcome() {}

    public static String of(boolean finished, String tier) {
        return finished || (tier != null && ENGAGED_TIERS.contains(tier)) ? RETAINED : AT_RISK;
    }
}
