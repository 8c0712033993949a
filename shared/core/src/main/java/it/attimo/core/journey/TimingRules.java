package it.attimo.core.journey;

import it.attimo.core.timing.SendWindows;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;

/** The timing rules a journey can declare by name in journeys.json. */
public final class TimingRules {
    /** Sends move earlier in December (SendWindows' December shift), so they land before the holidays. */
    public static final String DECEMBER_SHIFT = SendWindows.DECEMBER_SHIFT_RULE;

    public static final List<String> KNOWN = List.of(DECEMBER_SHIFT);

    /** The deliveries whose later steps the December shift brings earlier: 1 to 21 December (local date). */
    public static final MonthDay DECEMBER_SHIFT_FROM = MonthDay.of(12, 1);

    public static final MonthDay DECEMBER_SHIFT_TO = MonthDay.of(12, 21);

    public static boolean inDecemberShift(LocalDate delivered) {
        MonthDay md = MonthDay.from(delivered);
        return !md.isBefore(DECEMBER_SHIFT_FROM) && !md.isAfter(DECEMBER_SHIFT_TO);
    }

    private TimingRules() {}
}
