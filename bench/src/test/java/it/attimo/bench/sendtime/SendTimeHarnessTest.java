package it.attimo.bench.sendtime;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.core.event.EventTypes;
import it.attimo.core.timing.HourOfWeek;
import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SendTimeHarnessTest {
    @Test
    void recommendGivesEveryCustomerASlotInsideTheWindowAndBeatsThePopulationHour() {
        List<SendTimeHarness.Row> rows = SendTimeHarness.run(BenchPopulation.Family.CONCENTRATED, 600, 8, 1, false);
        Map<String, SendTimeHarness.Row> byMethod =
                rows.stream().collect(Collectors.toMap(SendTimeHarness.Row::method, Function.identity()));
        SendTimeHarness.Row recommend = byMethod.get("attimo recommend");
        assertThat(recommend.missing()).isZero();
        assertThat(recommend.violations()).isZero();
        assertThat(byMethod.get("fixed Tuesday 10:00").capture()).isZero();
        assertThat(byMethod.get("oracle").capture()).isEqualTo(1.0);
        assertThat(recommend.capture())
                .isGreaterThan(byMethod.get("population best hour").capture())
                .isLessThan(1.0);
        assertThat(SendTimeHarness.table(rows)).contains("| concentrated | attimo recommend |");
    }

    @Test
    void theFamiliesDifferInTheirMechanics() {
        BenchPopulation lag = BenchPopulation.generate(BenchPopulation.Family.LAG, 200, 8, 2);
        BenchPopulation concentrated = BenchPopulation.generate(BenchPopulation.Family.CONCENTRATED, 200, 8, 2);
        BenchPopulation drift = BenchPopulation.generate(BenchPopulation.Family.DRIFT, 200, 8, 2);
        // the concentrated sender mails only on Tuesday/Thursday 10:00 and Saturday 11:00
        for (BenchPopulation.Customer c : concentrated.customers().subList(0, 50)) {
            for (BenchPopulation.Event e : concentrated.history(c)) {
                if (!e.type().equals(EventTypes.EMAIL_SENT)) continue;
                int h = HourOfWeek.of(
                        java.time.LocalDateTime.ofInstant(e.time(), it.attimo.core.timing.LocalSlots.ROME));
                assertThat(h)
                        .isIn(
                                HourOfWeek.of(DayOfWeek.TUESDAY, 10),
                                HourOfWeek.of(DayOfWeek.THURSDAY, 10),
                                HourOfWeek.of(DayOfWeek.SATURDAY, 11));
            }
        }
        // opens are logged after their send, never at it; about half of the drift family changed two weeks before
        for (BenchPopulation.Event e : lag.history(lag.customers().get(0)))
            assertThat(e.time()).isBefore(lag.targetStart());
        long changed =
                drift.customers().stream().filter(c -> c.changeWeek() < 8).count();
        assertThat(changed).isBetween(70L, 130L);
        // a quarter or so of customers have 1-4 sends in the whole history
        long sparse = lag.customers().stream().filter(c -> c.sends() <= 4).count();
        assertThat(sparse).isBetween(30L, 80L);
        // the truth is a probability, at most the customer's interest in our mail
        BenchPopulation.Customer c = lag.customers().get(0);
        double best = SendTimeHarness.best(c);
        assertThat(best).isPositive().isLessThanOrEqualTo(c.interest());
    }
}
