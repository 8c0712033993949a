package it.attimo.core.timing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalSlotsTest {

    @Test
    void springForwardDayHasNoSlotsInTheMissingHour() {
        List<ZonedDateTime> slots = LocalSlots.ofDay(LocalDate.of(2026, 3, 29), 15);
        assertThat(slots).hasSize(92);
        assertThat(slots).noneMatch(z -> z.getHour() == 2);
        assertThat(LocalSlots.at(LocalDateTime.of(2026, 3, 29, 2, 30))).isNull();
        assertThat(LocalSlots.at(LocalDateTime.of(2026, 3, 29, 10, 0)).toInstant())
                .isEqualTo(Instant.parse("2026-03-29T08:00:00Z"));
    }

    @Test
    void fallBackDayHasTheRepeatedHourOnceAtItsFirstOccurrence() {
        List<ZonedDateTime> slots = LocalSlots.ofDay(LocalDate.of(2026, 10, 25), 15);
        assertThat(slots).hasSize(96);
        ZonedDateTime twoThirty = LocalSlots.at(LocalDateTime.of(2026, 10, 25, 2, 30));
        assertThat(twoThirty.toInstant()).isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
        assertThat(LocalSlots.at(LocalDateTime.of(2026, 10, 25, 10, 0)).toInstant())
                .isEqualTo(Instant.parse("2026-10-25T09:00:00Z"));
        assertThat(slots).extracting(ZonedDateTime::toInstant).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void visitStaysWithinBoundsInOrder() {
        Instant from = Instant.parse("2026-03-28T22:50:00Z");
        Instant to = Instant.parse("2026-03-29T03:00:00Z");
        List<Instant> seen = new java.util.ArrayList<>();
        LocalSlots.visit(from, to, 30, z -> seen.add(z.toInstant()));
        assertThat(seen).isSorted().allMatch(i -> !i.isBefore(from) && i.isBefore(to));
        // 23:00 local (22:00Z) is before 'from'; 23:30 local = 22:30Z also before; 00:00 local = 23:00Z first
        assertThat(seen.get(0)).isEqualTo(Instant.parse("2026-03-28T23:00:00Z"));
        // local 01:30 (00:30Z) is followed by local 03:00 (01:00Z): 02:00 and 02:30 do not exist
        assertThat(seen).contains(Instant.parse("2026-03-29T00:30:00Z"), Instant.parse("2026-03-29T01:00:00Z"));
        // 00:00, 00:30, 01:00, 01:30, 03:00, 03:30, 04:00, 04:30 local
        assertThat(seen).hasSize(8);
    }
}
