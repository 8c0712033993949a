package it.attimo.core.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Segment;
import it.attimo.core.geo.UnknownComuneException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class SendWindowPlannerTest {
    private static final SendWindowPlanner PLANNER = SendWindowPlanner.defaults();
    private static final String MILANO = "015146",
            MONZA = "108033",
            BOLZANO = "021008",
            TRENTO = "022205",
            NAPOLI = "063049",
            MERANO = "021051";

    private static Instant t(String s) {
        return Instant.parse(s);
    }

    private static PlanRequest.Builder email(String comune, String earliest) {
        return PlanRequest.builder(Channel.EMAIL, t(earliest)).comune(comune);
    }

    @Test
    void marketingEmailGoesAtTheGoldenHour() {
        // Tuesday 24 Nov 2026, 08:00 local
        SendPlan p = PLANNER.plan(email(MILANO, "2026-11-24T07:00:00Z").build());
        assertThat(p.sendAt()).isEqualTo(t("2026-11-24T09:00:00Z"));
        assertThat(p.localTime()).isEqualTo(LocalDateTime.of(2026, 11, 24, 10, 0));
        assertThat(p.suitability()).isEqualTo(90);
        assertThat(p.reasons()).anyMatch(r -> r.startsWith("golden-hour: email golden hour 10:00-12:00 +20"));
        assertThat(p.skipped()).isNull();
    }

    @Test
    void aPreferredTimeBandWinsOverTheGoldenHourButNotOverQuietHours() {
        // Tuesday 24 Nov 2026, 08:00 local: push's golden hour is 16-18, the customer prefers the evening (push is
        // allowed until 19)
        SendPlan p = PLANNER.plan(PlanRequest.builder(Channel.PUSH, t("2026-11-24T07:00:00Z"))
                .comune(MILANO)
                .preferredBand(TimeBand.SERA)
                .build());
        assertThat(p.localTime()).isEqualTo(LocalDateTime.of(2026, 11, 24, 18, 0));
        assertThat(p.reasons())
                .anyMatch(r -> r.startsWith("preferred-band: the customer prefers the sera 18:00-21:00 +25"));
        SendPlan golden = PLANNER.plan(PlanRequest.builder(Channel.PUSH, t("2026-11-24T07:00:00Z"))
                .comune(MILANO)
                .build());
        assertThat(golden.localTime()).isEqualTo(LocalDateTime.of(2026, 11, 24, 16, 0));

        SendPlan morning = PLANNER.plan(email(MILANO, "2026-11-24T07:00:00Z")
                .preferredBand(TimeBand.MATTINA)
                .build());
        assertThat(morning.localTime()).isEqualTo(LocalDateTime.of(2026, 11, 24, 10, 0));
        assertThat(morning.suitability()).isEqualTo(100);

        // a transactional message never waits for the band
        SendPlan now = PLANNER.plan(email(MILANO, "2026-11-24T07:00:00Z")
                .kind(MessageKind.TRANSACTIONAL)
                .preferredBand(TimeBand.SERA)
                .build());
        assertThat(now.localTime()).isEqualTo(LocalDateTime.of(2026, 11, 24, 8, 0));
        assertThat(
                        PlanRequest.builder(Channel.EMAIL, t("2026-11-24T07:00:00Z"))
                                .preferredBand(TimeBand.SERA)
                                .build()
                                .toBuilder()
                                .build()
                                .preferredBand())
                .isEqualTo(TimeBand.SERA);
    }

    @Test
    void timeBandsParseTheirIdsAndRefuseOthers() {
        assertThat(TimeBand.parse("Pomeriggio")).contains(TimeBand.POMERIGGIO);
        assertThat(TimeBand.parse(" ")).isEmpty();
        assertThat(TimeBand.parse(null)).isEmpty();
        assertThat(TimeBand.SERA.label(false)).isEqualTo("sera (18-21)");
        assertThat(TimeBand.SERA.label(true)).isEqualTo("evening (18-21)");
        assertThatThrownBy(() -> TimeBand.parse("notte")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nationalHolidayMovesTheSend() {
        SendPlan p = PLANNER.plan(email(MILANO, "2026-06-02T06:00:00Z").build());
        assertThat(p.localTime()).isEqualTo(LocalDateTime.of(2026, 6, 3, 10, 0));
        assertThat(p.reasons())
                .anyMatch(r -> r.startsWith("holiday:") && r.contains("Festa della Repubblica") && r.endsWith("moved"));
    }

    @Test
    void sanFrancescoBlocksFrom2026() {
        // Monday 4 Oct 2027
        SendPlan p = PLANNER.plan(email(MILANO, "2027-10-04T06:00:00Z").build());
        assertThat(p.localTime().toLocalDate()).isEqualTo(java.time.LocalDate.of(2027, 10, 5));
    }

    @Test
    void monzaWorksOnSantAmbrogioMilanoDoesNot() {
        // Monday 7 Dec 2026; 8 Dec is national (Immacolata)
        SendPlan milano = PLANNER.plan(email(MILANO, "2026-12-07T06:00:00Z").build());
        SendPlan monza = PLANNER.plan(email(MONZA, "2026-12-07T06:00:00Z").build());
        assertThat(monza.localTime()).isEqualTo(LocalDateTime.of(2026, 12, 7, 10, 0));
        assertThat(milano.localTime()).isEqualTo(LocalDateTime.of(2026, 12, 9, 10, 0));
        assertThat(milano.reasons()).anyMatch(r -> r.contains("local holiday Festa patronale: Sant'Ambrogio"));
        assertThat(milano.reasons()).anyMatch(r -> r.contains("Immacolata"));
    }

    @Test
    void bolzanoProvinceRestsOnWhitMondayTrentoDoesNot() {
        // Whit Monday 25 May 2026
        SendPlan bolzano = PLANNER.plan(email(BOLZANO, "2026-05-25T06:00:00Z").build());
        SendPlan merano = PLANNER.plan(email(MERANO, "2026-05-25T06:00:00Z").build());
        SendPlan trento = PLANNER.plan(email(TRENTO, "2026-05-25T06:00:00Z").build());
        assertThat(trento.localTime()).isEqualTo(LocalDateTime.of(2026, 5, 25, 10, 0));
        assertThat(bolzano.localTime()).isEqualTo(LocalDateTime.of(2026, 5, 26, 10, 0));
        assertThat(merano.localTime()).isEqualTo(LocalDateTime.of(2026, 5, 26, 10, 0));
        assertThat(bolzano.reasons()).anyMatch(r -> r.contains("Lunedì di Pentecoste"));
    }

    @Test
    void dstSpringDayKeepsLocalTenOClock() {
        // Sat 28 Mar 21:00Z -> Sunday 29 Mar 2026 (DST starts): 10:00 local is 08:00Z
        // deadline at the end of Sunday: a Monday (90) would otherwise beat a Sunday (80)
        SendPlan p = PLANNER.plan(email(MILANO, "2026-03-28T20:00:00Z")
                .deadline(t("2026-03-29T20:00:00Z"))
                .build());
        assertThat(p.localTime()).isEqualTo(LocalDateTime.of(2026, 3, 29, 10, 0));
        assertThat(p.sendAt()).isEqualTo(t("2026-03-29T08:00:00Z"));
        assertThat(p.reasons()).anyMatch(r -> r.startsWith("sunday:"));
    }

    @Test
    void dstAutumnDayKeepsLocalTenOClock() {
        SendPlan p = PLANNER.plan(email(MILANO, "2026-10-24T20:00:00Z")
                .deadline(t("2026-10-25T20:00:00Z"))
                .build());
        assertThat(p.localTime()).isEqualTo(LocalDateTime.of(2026, 10, 25, 10, 0));
        assertThat(p.sendAt()).isEqualTo(t("2026-10-25T09:00:00Z"));
    }

    @Test
    void missingSpringHourIsNeverASlot() {
        SendWindowPlanner noNight = new SendWindowPlanner(
                PLANNER.calendar(), SendWindows.defaults().withQuietHours(TimeWindow.of("05:00", "05:15")));
        SendPlan p = noNight.plan(email(MILANO, "2026-03-29T00:50:00Z")
                .kind(MessageKind.TRANSACTIONAL)
                .build());
        // 01:50 local: next 15-minute local slot would be 02:00, which does not exist; 03:00 CEST is 01:00Z
        assertThat(p.sendAt()).isEqualTo(t("2026-03-29T01:00:00Z"));
        assertThat(p.localTime()).isEqualTo(LocalDateTime.of(2026, 3, 29, 3, 0));
    }

    @Test
    void repeatedAutumnHourIsUsedOnceAtItsFirstOccurrence() {
        SendWindowPlanner noNight = new SendWindowPlanner(
                PLANNER.calendar(), SendWindows.defaults().withQuietHours(TimeWindow.of("05:00", "05:15")));
        SendPlan first = noNight.plan(email(MILANO, "2026-10-25T00:20:00Z")
                .kind(MessageKind.TRANSACTIONAL)
                .build());
        assertThat(first.sendAt()).isEqualTo(t("2026-10-25T00:30:00Z"));
        assertThat(first.localTime()).isEqualTo(LocalDateTime.of(2026, 10, 25, 2, 30));
        // inside the second 02:xx (CET): those local times were already used, so the next slot is 03:00 CET
        SendPlan second = noNight.plan(email(MILANO, "2026-10-25T01:05:00Z")
                .kind(MessageKind.TRANSACTIONAL)
                .build());
        assertThat(second.sendAt()).isEqualTo(t("2026-10-25T02:00:00Z"));
        assertThat(second.localTime()).isEqualTo(LocalDateTime.of(2026, 10, 25, 3, 0));
    }

    @Test
    void b2bNeverOnWeekends() {
        // Saturday 28 Nov 2026
        SendPlan b2b = PLANNER.plan(
                email(MILANO, "2026-11-28T07:00:00Z").segment(Segment.B2B).build());
        assertThat(b2b.localTime()).isEqualTo(LocalDateTime.of(2026, 11, 30, 10, 0));
        assertThat(b2b.reasons())
                .anyMatch(r -> r.startsWith("b2b-weekend:") && r.contains("2026-11-28"))
                .anyMatch(r -> r.startsWith("b2b-weekend:") && r.contains("2026-11-29"));
        SendPlan b2c = PLANNER.plan(
                email(MILANO, "2026-11-28T07:00:00Z").segment(Segment.B2C).build());
        assertThat(b2c.localTime()).isEqualTo(LocalDateTime.of(2026, 11, 28, 10, 0));
    }

    @Test
    void sudMiddayPauseShiftsSmsGoldenHourAndBlocksEarlyAfternoon() {
        // Tuesday 24 Nov 2026 14:00 local
        SendPlan napoli = PLANNER.plan(PlanRequest.builder(Channel.SMS, t("2026-11-24T13:00:00Z"))
                .comune(NAPOLI)
                .build());
        SendPlan milano = PLANNER.plan(PlanRequest.builder(Channel.SMS, t("2026-11-24T13:00:00Z"))
                .comune(MILANO)
                .build());
        assertThat(milano.localTime()).isEqualTo(LocalDateTime.of(2026, 11, 24, 15, 0));
        assertThat(napoli.localTime()).isEqualTo(LocalDateTime.of(2026, 11, 24, 16, 0));
        assertThat(napoli.reasons()).anyMatch(r -> r.startsWith("golden-hour: sms golden hour 16:00-17:00"));
        // service email at 13:30 local in Napoli: the pause closes the rest of the email window
        SendPlan service = PLANNER.plan(
                email(NAPOLI, "2026-11-24T12:30:00Z").kind(MessageKind.SERVICE).build());
        assertThat(service.localTime()).isEqualTo(LocalDateTime.of(2026, 11, 25, 9, 30));
        SendPlan serviceMilano = PLANNER.plan(
                email(MILANO, "2026-11-24T12:30:00Z").kind(MessageKind.SERVICE).build());
        assertThat(serviceMilano.localTime()).isEqualTo(LocalDateTime.of(2026, 11, 24, 13, 30));
    }

    @Test
    void transactionalLeavesTheWindowButNeverEntersQuietHours() {
        SendPlan evening = PLANNER.plan(email(MILANO, "2026-11-24T18:00:00Z")
                .kind(MessageKind.TRANSACTIONAL)
                .build());
        assertThat(evening.localTime()).isEqualTo(LocalDateTime.of(2026, 11, 24, 19, 0));
        assertThat(evening.reasons()).anyMatch(r -> r.startsWith("outside-window:"));
        SendPlan night = PLANNER.plan(email(MILANO, "2026-11-24T21:30:00Z")
                .kind(MessageKind.TRANSACTIONAL)
                .build());
        assertThat(night.localTime()).isEqualTo(LocalDateTime.of(2026, 11, 25, 8, 0));
        assertThat(night.sendAt()).isEqualTo(t("2026-11-25T07:00:00Z"));
    }

    @Test
    void transactionalStillGoesOnAHolidayWithAPenalty() {
        SendPlan p = PLANNER.plan(email(MILANO, "2026-12-25T10:00:00Z")
                .kind(MessageKind.TRANSACTIONAL)
                .build());
        assertThat(p.localTime()).isEqualTo(LocalDateTime.of(2026, 12, 25, 11, 0));
        assertThat(p.reasons()).anyMatch(r -> r.startsWith("holiday:") && r.contains("Natale"));
        assertThat(p.suitability()).isLessThan(90);
    }

    @Test
    void transactionalAfterTheDeadlineSaysSo() {
        SendPlan p = PLANNER.plan(email(MILANO, "2026-11-24T21:00:00Z")
                .kind(MessageKind.TRANSACTIONAL)
                .deadline(t("2026-11-24T23:00:00Z"))
                .build());
        assertThat(p.localTime()).isEqualTo(LocalDateTime.of(2026, 11, 25, 8, 0));
        assertThat(p.reasons().get(0)).startsWith("deadline-missed");
        assertThat(p.isSkipped()).isFalse();
    }

    @Test
    void marketingSkipsWhenNothingReachesItsThresholdBeforeTheDeadline() {
        // 13:00 local, deadline 13:45 local: window open but no golden hour
        SendPlan p = PLANNER.plan(email(MILANO, "2026-11-24T12:00:00Z")
                .deadline(t("2026-11-24T12:45:00Z"))
                .build());
        assertThat(p.isSkipped()).isTrue();
        assertThat(p.sendAt()).isNull();
        assertThat(p.skipped()).contains(">= 80").contains("best 70");
    }

    @Test
    void aRecommendationNeverSkipsButSaysItIsBelowTheThreshold() {
        // same request as above, as a recommendation: the best allowed slot, marked below the threshold
        SendPlan p = PLANNER.plan(email(MILANO, "2026-11-24T12:00:00Z")
                .deadline(t("2026-11-24T12:45:00Z"))
                .neverSkip(true)
                .build());
        assertThat(p.isSkipped()).isFalse();
        assertThat(p.belowThreshold()).isTrue();
        assertThat(p.localTime()).isEqualTo(LocalDateTime.of(2026, 11, 24, 13, 0));
        assertThat(p.suitability()).isEqualTo(70);
        assertThat(p.reasons().get(0))
                .isEqualTo("below-threshold: no slot reached 80 before 2026-11-24 13:45, recommending the best allowed"
                        + " slot (suitability 70)");
        assertThat(SendPlanJson.toJson(p).get("belowThreshold").asBoolean()).isTrue();
        // nothing allowed at all (a Sunday night): still skipped, with the reason
        SendPlan none = PLANNER.plan(email(MILANO, "2026-11-29T21:00:00Z")
                .deadline(t("2026-11-29T22:00:00Z"))
                .neverSkip(true)
                .build());
        assertThat(none.isSkipped()).isTrue();
        assertThat(none.skipped()).contains("no allowed slot at all");
        assertThat(none.belowThreshold()).isFalse();
    }

    @Test
    void theHighestPredictionWinsEvenWhenTheRoundedScoresTie() {
        // 10h and 12h differ by less than a point of the 30-point prediction term: both score 90, the higher wins
        EngagementPrediction nearlyFlat =
                h -> HourOfWeek.hour(h) == 12 ? 0.300 : HourOfWeek.hour(h) == 10 ? 0.299 : 0.1;
        SendPlan p = PLANNER.plan(email(MILANO, "2026-11-24T07:00:00Z")
                .deadline(t("2026-11-24T13:00:00Z"))
                .prediction(nearlyFlat)
                .build());
        assertThat(p.localTime()).isEqualTo(LocalDateTime.of(2026, 11, 24, 12, 0));
        assertThat(p.suitability()).isEqualTo(90);
        assertThat(p.belowThreshold()).isFalse();
    }

    @Test
    void marketingWaitsForABetterSlot() {
        // 12:30 local: window open until 14:00 but only 70; waits for tomorrow's golden hour
        SendPlan p = PLANNER.plan(email(MILANO, "2026-11-24T11:30:00Z").build());
        assertThat(p.localTime()).isEqualTo(LocalDateTime.of(2026, 11, 25, 10, 0));
    }

    @Test
    void softDaysLowerTheScore() {
        // B2B on 10 Aug 2026 (Monday, August closure week): 90 - 30 = 60 < 80, marketing waits until after 22 Aug
        SendPlan p = PLANNER.plan(email(MILANO, "2026-08-10T06:00:00Z")
                .segment(Segment.B2B)
                .deadline(t("2026-08-31T00:00:00Z"))
                .build());
        assertThat(p.localTime()).isEqualTo(LocalDateTime.of(2026, 8, 24, 10, 0));
        // Christmas break costs only 10 for B2C
        SendPlan xmas = PLANNER.plan(email(MILANO, "2026-12-22T06:00:00Z").build());
        assertThat(xmas.localTime()).isEqualTo(LocalDateTime.of(2026, 12, 22, 10, 0));
        assertThat(xmas.suitability()).isEqualTo(80);
        assertThat(xmas.reasons()).anyMatch(r -> r.startsWith("soft-day: Vacanze scolastiche di Natale -10"));
    }

    /** Best on Friday 10h, nearly as good on Monday 10h, poor elsewhere (and best of all at 21h, outside the window). */
    private static final EngagementPrediction FRIDAY_MORNING = h -> {
        if (HourOfWeek.hour(h) == 21) return 0.9;
        if (HourOfWeek.hour(h) != 10) return 0.05;
        return HourOfWeek.day(h) == DayOfWeek.FRIDAY ? 0.5 : HourOfWeek.day(h) == DayOfWeek.MONDAY ? 0.45 : 0.05;
    };

    @Test
    void predictionsChooseTheDayInsideAllowedSlots() {
        SendPlan p = PLANNER.plan(email(MILANO, "2026-11-16T07:00:00Z")
                .deadline(t("2026-11-21T07:00:00Z"))
                .prediction(FRIDAY_MORNING)
                .build());
        assertThat(p.localTime()).isEqualTo(LocalDateTime.of(2026, 11, 20, 10, 0));
        // the best allowed hour scores like a golden hour; the prediction replaces the golden-hour bonus
        assertThat(p.suitability()).isEqualTo(90);
        assertThat(p.reasons())
                .anyMatch(r -> r.startsWith("prediction:") && r.contains("+20"))
                .noneMatch(r -> r.startsWith("golden-hour:"));
    }

    @Test
    void aServiceMessageWithAPredictionTakesTheBestSlotBeforeItsDeadlineWithoutOneTheFirst() {
        PlanRequest.Builder service =
                email(MILANO, "2026-11-16T07:00:00Z").kind(MessageKind.SERVICE).deadline(t("2026-11-21T07:00:00Z"));
        SendPlan first = PLANNER.plan(service.build());
        SendPlan best = PLANNER.plan(service.prediction(FRIDAY_MORNING).build());
        assertThat(first.localTime()).isEqualTo(LocalDateTime.of(2026, 11, 16, 9, 30));
        assertThat(best.localTime()).isEqualTo(LocalDateTime.of(2026, 11, 20, 10, 0));
        // without a deadline a service message does not wait for the person's best hour
        SendPlan open = PLANNER.plan(email(MILANO, "2026-11-16T07:00:00Z")
                .kind(MessageKind.SERVICE)
                .prediction(FRIDAY_MORNING)
                .build());
        assertThat(open.localTime().toLocalDate()).isEqualTo(java.time.LocalDate.of(2026, 11, 16));
    }

    @Test
    void predictionCanPreferTheEndOfTheWindowOverTheGoldenHour() {
        EngagementPrediction lateLunch = h -> HourOfWeek.hour(h) == 13 ? 0.3 : 0.02;
        SendPlan p = PLANNER.plan(
                email(MILANO, "2026-11-24T07:00:00Z").prediction(lateLunch).build());
        assertThat(p.localTime()).isEqualTo(LocalDateTime.of(2026, 11, 24, 13, 0));
    }

    @Test
    void aPredictionWithinTheHourChoosesTheMinute() {
        // the person is around only in the evening: within the best hour, the later the send the sooner it is seen
        EngagementPrediction evening = new EngagementPrediction() {
            @Override
            public double probability(int h) {
                return HourOfWeek.hour(h) == 13 ? 0.3 : 0.02;
            }

            @Override
            public double probability(int h, int minute) {
                return probability(h) * (1 + minute / 600.0);
            }
        };
        SendPlan p = PLANNER.plan(
                email(MILANO, "2026-11-24T07:00:00Z").prediction(evening).build());
        assertThat(p.localTime()).isEqualTo(LocalDateTime.of(2026, 11, 24, 13, 45));
        assertThat(p.suitability()).isEqualTo(90);
        // a prediction by the hour only keeps the hour's first slot
        EngagementPrediction hourly = evening::probability;
        assertThat(PLANNER.plan(email(MILANO, "2026-11-24T07:00:00Z")
                                .prediction(hourly)
                                .build())
                        .localTime())
                .isEqualTo(LocalDateTime.of(2026, 11, 24, 13, 0));
    }

    @Test
    void decemberShiftBringsPostPurchaseEarlier() {
        // same request in December, post-purchase journey: latest send moves 3 days earlier (Sat 19 -> Wed 16 08:00)
        PlanRequest.Builder req = email(MILANO, "2026-12-14T07:00:00Z")
                .deadline(t("2026-12-19T07:00:00Z"))
                .prediction(FRIDAY_MORNING);
        SendPlan plain = PLANNER.plan(req.build());
        SendPlan shifted = PLANNER.plan(req.journey("post-purchase")
                .timingRules(java.util.Set.of(SendWindows.DECEMBER_SHIFT_RULE))
                .build());
        assertThat(plain.localTime()).isEqualTo(LocalDateTime.of(2026, 12, 18, 10, 0));
        assertThat(shifted.localTime()).isEqualTo(LocalDateTime.of(2026, 12, 14, 10, 0));
        assertThat(shifted.reasons().get(0)).startsWith("december-shift:").contains("2026-12-16 08:00");
        // November: no shift
        SendPlan november = PLANNER.plan(email(MILANO, "2026-11-16T07:00:00Z")
                .deadline(t("2026-11-21T07:00:00Z"))
                .prediction(FRIDAY_MORNING)
                .journey("post-purchase")
                .timingRules(java.util.Set.of(SendWindows.DECEMBER_SHIFT_RULE))
                .build());
        assertThat(november.localTime()).isEqualTo(LocalDateTime.of(2026, 11, 20, 10, 0));
        assertThat(november.hasReason("december-shift")).isFalse();
    }

    @Test
    void decemberShiftNotAppliedWhenTheWindowIsTooShort() {
        SendPlan p = PLANNER.plan(email(MILANO, "2026-12-14T07:00:00Z")
                .deadline(t("2026-12-15T07:00:00Z"))
                .journey("post_purchase")
                .timingRules(java.util.Set.of(SendWindows.DECEMBER_SHIFT_RULE))
                .build());
        assertThat(p.localTime()).isEqualTo(LocalDateTime.of(2026, 12, 14, 10, 0));
        assertThat(p.reasons().get(0)).startsWith("december-shift-not-applied");
    }

    @Test
    void unknownLocationUsesNationalCalendarOnly() {
        SendPlan p = PLANNER.plan(
                PlanRequest.builder(Channel.EMAIL, t("2026-12-07T06:00:00Z")).build());
        assertThat(p.localTime()).isEqualTo(LocalDateTime.of(2026, 12, 7, 10, 0));
        assertThat(p.suitability()).isEqualTo(90);
        SendPlan province = PLANNER.plan(PlanRequest.builder(Channel.EMAIL, t("2026-12-07T06:00:00Z"))
                .province("MI")
                .deadline(t("2026-12-07T20:00:00Z"))
                .build());
        assertThat(province.localTime()).isEqualTo(LocalDateTime.of(2026, 12, 7, 10, 0));
        assertThat(province.suitability()).isEqualTo(80);
        assertThat(province.reasons()).anyMatch(r -> r.startsWith("soft-day:") && r.contains("Milano"));
        assertThatThrownBy(() ->
                        PLANNER.plan(email("999999", "2026-12-07T06:00:00Z").build()))
                .isInstanceOf(UnknownComuneException.class);
    }

    @Test
    void pushUsesTheAfternoon() {
        SendPlan p = PLANNER.plan(PlanRequest.builder(Channel.PUSH, t("2026-11-24T07:00:00Z"))
                .comune(MILANO)
                .build());
        assertThat(p.localTime()).isEqualTo(LocalDateTime.of(2026, 11, 24, 16, 0));
    }
}
