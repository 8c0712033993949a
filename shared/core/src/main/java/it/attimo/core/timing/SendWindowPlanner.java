package it.attimo.core.timing;

import it.attimo.core.calendar.CalendarDay;
import it.attimo.core.calendar.DayStatus;
import it.attimo.core.calendar.ItalianCalendar;
import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Segment;
import it.attimo.core.geo.Comune;
import it.attimo.core.geo.CustomerLocation;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Chooses when to send one message to one customer: a pure function of the request, the calendar and the windows
 * (no clock). Hard constraints (quiet hours always; for non-transactional messages also national and local
 * holidays, B2B weekends, the channel window and the Sud/Isole midday pause) are never broken; everything else moves
 * the 0–100 suitability score. See docs/timing.md for the scoring table and the deadline policy.
 */
public final class SendWindowPlanner {
    static final int BASE_IN_WINDOW = 70;
    static final int BASE_OUTSIDE_WINDOW = 60;
    static final int GOLDEN_HOUR_BONUS = 20;
    /** A slot in the time band the customer prefers (preference centre): above the golden hour, so it wins. */
    public static final int PREFERRED_BAND_BONUS = 25;

    static final int EMAIL_ATTENTION_DROP = 20;
    static final int SUNDAY_PENALTY = 10;
    static final int TRANSACTIONAL_HOLIDAY_PENALTY = 20;
    static final int TRANSACTIONAL_B2B_WEEKEND_PENALTY = 10;
    static final int TRANSACTIONAL_SOUTH_PAUSE_PENALTY = 15;
    /** With a prediction: {@code round(30 x p / best allowed p) - 10}, from -10 to +20 (the golden hour's weight). */
    static final int PREDICTION_RANGE = 30;

    static final int PREDICTION_PENALTY = 10;

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ItalianCalendar calendar;
    private final SendWindows windows;
    private final FrequencyCaps caps;

    public SendWindowPlanner(ItalianCalendar calendar, SendWindows windows) {
        this(calendar, windows, FrequencyCaps.defaults());
    }

    public SendWindowPlanner(ItalianCalendar calendar, SendWindows windows, FrequencyCaps caps) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.windows = Objects.requireNonNull(windows, "windows");
        this.caps = Objects.requireNonNull(caps, "caps");
    }

    /** Bundled calendar, default windows. */
    public static SendWindowPlanner defaults() {
        return new SendWindowPlanner(ItalianCalendar.bundled(), SendWindows.defaults());
    }

    public SendWindows windows() {
        return windows;
    }

    public ItalianCalendar calendar() {
        return calendar;
    }

    public FrequencyCaps caps() {
        return caps;
    }

    /** {@code value}: the predicted response with a prediction, else the score; what "best slot" maximises. */
    private record Evaluation(ZonedDateTime slot, boolean allowed, int score, double value, List<String> reasons) {}

    private record Context(
            PlanRequest request,
            CustomerLocation location,
            boolean south,
            ChannelWindow window,
            double predictionMax,
            Map<LocalDate, DayStatus> days,
            Map<LocalDate, String> blockedDays) {}

    public SendPlan plan(PlanRequest request) {
        Objects.requireNonNull(request, "request");
        CustomerLocation location = locate(request);
        boolean south = isSouth(location);
        ChannelWindow window = effectiveWindow(request.channel(), south);
        Context ctx = new Context(
                request,
                location,
                south,
                window,
                predictionMax(request.prediction(), window.allowed()),
                new HashMap<>(),
                new LinkedHashMap<>());
        List<String> planReasons = new ArrayList<>();
        MessageKind kind = request.kind();
        int threshold = windows.threshold(kind);
        Instant earliest = request.earliest();
        Instant horizon = earliest.plus(windows.searchHorizon());

        Instant preferredEnd = request.deadline();
        if (preferredEnd == null && kind == MessageKind.MARKETING)
            preferredEnd = earliest.plus(windows.marketingLookahead());
        preferredEnd = decemberShift(request, preferredEnd, planReasons);
        Instant phaseOneEnd = preferredEnd == null ? horizon : min(preferredEnd, horizon);

        Evaluation chosen = null;
        Evaluation best = null;
        Evaluation firstAllowed = null;
        boolean predicted = ctx.predictionMax() > 0;
        // Marketing, and a service message with a deadline and a personal prediction, take the person's best slot
        // before the deadline (the journey accepted that delay) instead of the first acceptable one. "Best" is the
        // highest predicted response (the prediction itself, not its rounded score, so hours a point apart do not tie
        // and fall to the earliest slot), then the highest score, then the earliest.
        boolean bestBeforeDeadline =
                kind == MessageKind.MARKETING || (kind == MessageKind.SERVICE && predicted && preferredEnd != null);
        boolean belowThreshold = false;
        for (Evaluation e : evaluate(ctx, earliest, phaseOneEnd, bestBeforeDeadline ? Integer.MAX_VALUE : threshold)) {
            if (!e.allowed()) continue;
            if (firstAllowed == null) firstAllowed = e;
            if (better(e, best)) best = e;
            if (e.score() >= threshold && better(e, chosen)) chosen = e;
            if (!bestBeforeDeadline && chosen != null) break;
        }
        if (chosen == null && best != null && request.neverSkip()) {
            chosen = best;
            belowThreshold = true;
            planReasons.add("below-threshold: no slot reached " + threshold + " before " + describeEnd(phaseOneEnd)
                    + ", recommending the best allowed slot (suitability " + best.score() + ")");
        }
        if (kind != MessageKind.MARKETING && chosen == null && firstAllowed != null) {
            chosen = firstAllowed;
            belowThreshold = true;
            planReasons.add("below-threshold: no slot reached " + threshold + " before " + describeEnd(phaseOneEnd)
                    + ", sending at the first allowed slot");
        }

        if (chosen == null && kind == MessageKind.MARKETING) {
            String why = "no slot with suitability >= " + threshold + " before " + describeEnd(phaseOneEnd)
                    + (best == null
                            ? " (no allowed slot at all)"
                            : " (best " + best.score() + " at " + LOCAL.format(best.slot()) + ")");
            planReasons.add(0, "skipped: " + why);
            addBlockedDays(ctx, null, planReasons);
            return new SendPlan(null, null, best == null ? 0 : best.score(), planReasons, why);
        }
        if (chosen == null && phaseOneEnd.isBefore(horizon)) {
            Evaluation firstLate = null;
            for (Evaluation e : evaluate(ctx, phaseOneEnd, horizon, threshold)) {
                if (!e.allowed()) continue;
                if (firstLate == null) firstLate = e;
                if (e.score() >= threshold) {
                    chosen = e;
                    break;
                }
            }
            if (chosen == null) chosen = firstLate;
            if (chosen != null) {
                planReasons.add(
                        0,
                        "deadline-missed: no allowed slot before " + describeEnd(phaseOneEnd) + ", next allowed slot");
            }
        }
        if (chosen == null) {
            String why =
                    "no allowed slot within " + windows.searchHorizon().toDays() + " days of " + describeEnd(earliest);
            planReasons.add(0, "skipped: " + why);
            addBlockedDays(ctx, null, planReasons);
            return new SendPlan(null, null, 0, planReasons, why);
        }
        List<String> reasons = new ArrayList<>(planReasons);
        reasons.addAll(evaluate(ctx, chosen.slot(), true).reasons());
        addBlockedDays(ctx, chosen.slot().toLocalDate(), reasons);
        return new SendPlan(
                chosen.slot().toInstant(),
                chosen.slot().toLocalDateTime(),
                chosen.score(),
                reasons,
                null,
                belowThreshold);
    }

    /** Higher predicted response (or score without a prediction), then higher score; ties keep the earlier slot. */
    private static boolean better(Evaluation e, Evaluation current) {
        if (current == null) return true;
        if (e.value() != current.value()) return e.value() > current.value();
        return e.score() > current.score();
    }

    /** Evaluates slots in [from, to) in time order, stopping after the first allowed slot scoring at least {@code stopAtScore}. */
    private List<Evaluation> evaluate(Context ctx, Instant from, Instant to, int stopAtScore) {
        List<Evaluation> out = new ArrayList<>();
        LocalSlots.visit(from, to, windows.stepMinutes(), slot -> {
            Evaluation e = evaluate(ctx, slot, false);
            out.add(e);
            return !(e.allowed() && e.score() >= stopAtScore);
        });
        return out;
    }

    private Evaluation evaluate(Context ctx, ZonedDateTime slot, boolean explain) {
        PlanRequest req = ctx.request();
        LocalDateTime local = slot.toLocalDateTime();
        LocalTime time = local.toLocalTime();
        LocalDate date = local.toLocalDate();
        if (windows.quietHours().contains(time)) return blocked(slot);
        DayStatus day = ctx.days().computeIfAbsent(date, d -> calendar.statusOf(d, ctx.location(), req.segment()));
        boolean transactional = req.kind() == MessageKind.TRANSACTIONAL;
        boolean b2bWeekend = req.segment() == Segment.B2B && day.isWeekend();
        String channel = req.channel().id();
        ChannelWindow cw = ctx.window();
        List<String> reasons = explain ? new ArrayList<>(6) : List.of();
        int score;
        if (!transactional) {
            if (day.hardClosure().isPresent()) {
                CalendarDay h = day.hardClosure().get();
                ctx.blockedDays()
                        .putIfAbsent(
                                date, "holiday: " + h.scope().id() + " holiday " + h.name() + " " + date + ": moved");
                return blocked(slot);
            }
            if (b2bWeekend) {
                ctx.blockedDays()
                        .putIfAbsent(
                                date, "b2b-weekend: B2B, no sends on " + date.getDayOfWeek() + " " + date + ": moved");
                return blocked(slot);
            }
            if (!cw.allowed().contains(time)) return blocked(slot);
            if (ctx.south() && windows.southMiddayPause().contains(time)) return blocked(slot);
            score = BASE_IN_WINDOW;
            if (explain) reasons.add("in-window: " + channel + " window " + cw.allowed() + " base " + BASE_IN_WINDOW);
        } else {
            if (cw.allowed().contains(time)) {
                score = BASE_IN_WINDOW;
                if (explain)
                    reasons.add("in-window: " + channel + " window " + cw.allowed() + " base " + BASE_IN_WINDOW);
            } else {
                score = BASE_OUTSIDE_WINDOW;
                if (explain)
                    reasons.add("outside-window: outside " + channel + " window " + cw.allowed()
                            + ", allowed for transactional (quiet hours " + windows.quietHours() + " respected) base "
                            + BASE_OUTSIDE_WINDOW);
            }
            if (day.hardClosure().isPresent()) {
                CalendarDay h = day.hardClosure().get();
                score -= TRANSACTIONAL_HOLIDAY_PENALTY;
                if (explain)
                    reasons.add("holiday: " + h.scope().id() + " holiday " + h.name() + ", transactional still sent -"
                            + TRANSACTIONAL_HOLIDAY_PENALTY);
            }
            if (b2bWeekend) {
                score -= TRANSACTIONAL_B2B_WEEKEND_PENALTY;
                if (explain)
                    reasons.add(
                            "b2b-weekend: B2B weekend, transactional still sent -" + TRANSACTIONAL_B2B_WEEKEND_PENALTY);
            }
            if (ctx.south() && windows.southMiddayPause().contains(time)) {
                score -= TRANSACTIONAL_SOUTH_PAUSE_PENALTY;
                if (explain)
                    reasons.add("midday-pause: Sud/Isole midday pause " + windows.southMiddayPause() + " -"
                            + TRANSACTIONAL_SOUTH_PAUSE_PENALTY);
            }
        }
        if (caps.applies(req.kind()) && !req.history().isEmpty()) {
            java.util.Optional<String> capped = caps.violation(slot, req.channel(), req.history());
            if (capped.isPresent()) {
                ctx.blockedDays().putIfAbsent(date, capped.get() + ": moved");
                return blocked(slot);
            }
        }
        boolean predicted = req.prediction() != null && ctx.predictionMax() > 0;
        if (cw.best().contains(time) && !predicted) {
            score += GOLDEN_HOUR_BONUS;
            if (explain)
                reasons.add("golden-hour: " + channel + " golden hour " + cw.best() + " +" + GOLDEN_HOUR_BONUS);
        }
        if (req.preferredBand() != null && req.preferredBand().window().contains(time)) {
            score += PREFERRED_BAND_BONUS;
            if (explain)
                reasons.add("preferred-band: the customer prefers the "
                        + req.preferredBand().id() + " " + req.preferredBand().window() + " +" + PREFERRED_BAND_BONUS);
        }
        if (req.channel() == Channel.EMAIL && windows.emailAttentionDrop().contains(time)) {
            score -= EMAIL_ATTENTION_DROP;
            if (explain)
                reasons.add("attention-drop: email attention drop " + windows.emailAttentionDrop() + " -"
                        + EMAIL_ATTENTION_DROP);
        }
        if (req.segment() == Segment.B2C && day.isSunday()) {
            score -= SUNDAY_PENALTY;
            if (explain) reasons.add("sunday: Sunday, non-working day -" + SUNDAY_PENALTY);
        }
        CalendarDay soft = null;
        for (CalendarDay d : day.softDays()) if (soft == null || d.softPenalty() > soft.softPenalty()) soft = d;
        if (soft != null && soft.softPenalty() > 0) {
            score -= soft.softPenalty();
            if (explain) reasons.add("soft-day: " + soft.name() + " -" + soft.softPenalty());
        }
        if (predicted) {
            // the personal prediction replaces the population's golden hour (it already contains it, shrunk)
            double p = req.prediction().probability(HourOfWeek.of(local));
            double ratio = Math.min(1.0, p / ctx.predictionMax());
            int delta = (int) Math.round(PREDICTION_RANGE * ratio) - PREDICTION_PENALTY;
            score += delta;
            if (explain)
                reasons.add("prediction: " + req.prediction().label() + ", "
                        + local.getDayOfWeek().toString().substring(0, 3)
                        + " " + local.getHour() + "h at " + Math.round(100 * ratio) + "% of the best allowed hour "
                        + (delta >= 0 ? "+" : "") + delta + " (replaces golden hour)");
        }
        int clamped = Math.max(0, Math.min(100, score));
        double value = predicted ? req.prediction().probability(HourOfWeek.of(local), local.getMinute()) : clamped;
        return new Evaluation(slot, true, clamped, value, reasons);
    }

    private static Evaluation blocked(ZonedDateTime slot) {
        return new Evaluation(slot, false, 0, 0, List.of());
    }

    /**
     * December: post-purchase sends before Christmas are brought 3 days earlier. The planner cannot send before
     * {@code earliest}, so the shift moves the latest acceptable moment (deadline, or the marketing look-ahead end)
     * 3 local days earlier, as long as that still leaves time after {@code earliest}.
     */
    private Instant decemberShift(PlanRequest req, Instant end, List<String> reasons) {
        if (!req.timingRules().contains(SendWindows.DECEMBER_SHIFT_RULE) || windows.decemberShiftDays() <= 0)
            return end;
        LocalDate start = req.earliest().atZone(LocalSlots.ROME).toLocalDate();
        MonthDay md = MonthDay.from(start);
        if (md.isBefore(windows.decemberShiftFrom()) || md.isAfter(windows.decemberShiftTo())) return end;
        if (end == null) {
            reasons.add("december-shift-not-applied: post-purchase before Christmas but no deadline to bring forward");
            return null;
        }
        ZonedDateTime shifted = end.atZone(LocalSlots.ROME).minusDays(windows.decemberShiftDays());
        if (!shifted.toInstant().isAfter(req.earliest())) {
            reasons.add("december-shift-not-applied: moving the deadline " + windows.decemberShiftDays()
                    + " days earlier would leave no time after earliest");
            return end;
        }
        reasons.add("december-shift: post-purchase before Christmas, latest send moved " + windows.decemberShiftDays()
                + " days earlier to " + LOCAL.format(shifted));
        return shifted.toInstant();
    }

    private void addBlockedDays(Context ctx, LocalDate before, List<String> reasons) {
        ctx.blockedDays().forEach((date, reason) -> {
            if (before == null || date.isBefore(before)) reasons.add(reason);
        });
    }

    private CustomerLocation locate(PlanRequest req) {
        if (req.comuneCode() != null && !req.comuneCode().isBlank()) {
            return CustomerLocation.of(calendar.directory().requireCode(req.comuneCode()));
        }
        if (req.provinceSigla() != null && !req.provinceSigla().isBlank()) {
            if (!calendar.directory().isProvince(req.provinceSigla())) {
                throw new IllegalArgumentException("unknown province sigla '" + req.provinceSigla() + "'");
            }
            return CustomerLocation.ofProvince(req.provinceSigla().trim().toUpperCase(java.util.Locale.ROOT));
        }
        return CustomerLocation.unknown();
    }

    private boolean isSouth(CustomerLocation loc) {
        if (loc.knowsComune()) return loc.comune().macroArea().isSouth();
        if (loc.knowsProvince()) {
            List<Comune> comuni = calendar.directory().inProvince(loc.provinceSigla());
            return !comuni.isEmpty() && comuni.get(0).macroArea().isSouth();
        }
        return false;
    }

    /**
     * In Sud/Isole a golden hour that overlaps the midday pause starts when the pause ends (SMS 15:00-16:00 becomes
     * 16:00-17:00), keeping its length, capped at the allowed window's end.
     */
    private ChannelWindow effectiveWindow(Channel channel, boolean south) {
        ChannelWindow cw = windows.window(channel);
        TimeWindow pause = windows.southMiddayPause();
        if (!south
                || !cw.best().overlaps(pause)
                || !cw.best().from().isBefore(cw.best().to())) return cw;
        long minutes =
                java.time.Duration.between(cw.best().from(), cw.best().to()).toMinutes();
        LocalTime from =
                pause.to().isAfter(cw.best().from()) ? pause.to() : cw.best().from();
        LocalTime to = from.plusMinutes(minutes);
        if (cw.allowed().from().isBefore(cw.allowed().to())
                && to.isAfter(cw.allowed().to())) to = cw.allowed().to();
        if (!from.isBefore(to)) return cw;
        return new ChannelWindow(cw.allowed(), new TimeWindow(from, to));
    }

    /**
     * The best predicted value over the hours of week whose clock hour overlaps the channel's allowed window: the
     * scale for the prediction term, so that a person whose best hours are outside the window still gets a full
     * score at their best allowed hour.
     */
    private static double predictionMax(EngagementPrediction p, TimeWindow allowed) {
        if (p == null) return 0;
        double max = 0;
        for (int h = 0; h < HourOfWeek.COUNT; h++) {
            int hour = HourOfWeek.hour(h);
            boolean overlaps = allowed.contains(LocalTime.of(hour, 0))
                    || allowed.contains(LocalTime.of(hour, 30))
                    || allowed.contains(LocalTime.of(hour, 59));
            if (overlaps) max = Math.max(max, p.probability(h));
        }
        return max;
    }

    private static String describeEnd(Instant i) {
        return LOCAL.format(i.atZone(LocalSlots.ROME));
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
