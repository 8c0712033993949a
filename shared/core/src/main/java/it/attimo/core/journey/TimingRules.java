package it.attimo.core.journey;

import it.attimo.core.timing.SendWindows;
import java.util.List;

/** The timing rules a journey can declare by name in journeys.json. */
public final class TimingRules {
    /** Sends move earlier in December (SendWindows' December shift), so they land before the holidays. */
    public static final String DECEMBER_SHIFT = SendWindows.DECEMBER_SHIFT_RULE;

    public static final List<String> KNOWN = List.of(DECEMBER_SHIFT);

    private TimingRules() {}
}
