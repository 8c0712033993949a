package it.attimo.core.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.customer.Profile;
import it.attimo.core.customer.Segment;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.port.CustomerScan;
import it.attimo.core.testing.Events;
import it.attimo.core.testing.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OnboardingKpisTest {
    // Monday 2026-06-08 is in ISO week 24; Sunday 2026-06-14 23:30 in Rome is still week 24 though UTC says 21:30.
    private static final Instant WEEK24 = Instant.parse("2026-06-08T08:00:00Z");
    private static final Instant WEEK25 = Instant.parse("2026-06-15T08:00:00Z");

    private final List<CustomerScan.ScannedCustomer> customers = new ArrayList<>();
    private final OnboardingKpis kpis = new OnboardingKpis(
            visitor -> customers.forEach(visitor),
            it.attimo.core.journey.JourneyCatalog.defaults(),
            MutableClock.at("2026-06-20T00:00:00Z"));

    private void customer(String id, Segment segment, String tier, String outcome, CustomerEvent... events) {
        Profile p = new Profile(
                id,
                segment,
                null,
                null,
                null,
                null,
                0,
                tier,
                null,
                null,
                null,
                null,
                null,
                null,
                outcome == null ? Map.of() : Map.of("onboarding-72h", outcome),
                null,
                1);
        customers.add(new CustomerScan.ScannedCustomer(p, List.of(events)));
    }

    private static CustomerEvent ev(String type, String customer, Instant at, String... kv) {
        var b = Events.event(type, customer)
                .id(type + "-" + customer + "-" + at + "-" + kv.length)
                .at(at);
        for (int i = 0; i < kv.length; i += 2) {
            b.data(kv[i], kv[i + 1].matches("-?\\d+") ? (Object) Integer.valueOf(kv[i + 1]) : kv[i + 1]);
        }
        return b.build();
    }

    private void seed() {
        // a: finished everything in week 24; module times 40 s (given) and 80 s (from started -> completed)
        customer(
                "a",
                Segment.B2B,
                "hot",
                "retained",
                ev("account.registered", "a", WEEK24),
                ev("portal.accessed", "a", WEEK24.plusSeconds(30)),
                ev("form.started", "a", WEEK24.plusSeconds(40), "formId", "first-module"),
                ev("form.completed", "a", WEEK24.plusSeconds(80), "formId", "first-module", "durationSeconds", "40"),
                ev("form.started", "a", WEEK24.plusSeconds(100), "formId", "profile"),
                ev("form.completed", "a", WEEK24.plusSeconds(180), "formId", "profile"),
                ev("video.watched", "a", WEEK24.plusSeconds(240), "videoId", "guide"),
                ev("support.contacted", "a", WEEK24.plusSeconds(3600)));
        // b: week 24, started the first module and abandoned it, never saw the portal
        customer(
                "b",
                Segment.B2B,
                "at-risk",
                "at-risk",
                ev("account.registered", "b", WEEK24.plusSeconds(7200)),
                ev("form.started", "b", WEEK24.plusSeconds(7300), "formId", "first-module"),
                ev("form.abandoned", "b", WEEK24.plusSeconds(7400), "formId", "first-module"),
                ev("support.contacted", "b", WEEK25.plusSeconds(60)));
        // c: week 25, portal only
        customer(
                "c",
                Segment.B2B,
                "cooling",
                null,
                ev("account.registered", "c", WEEK25),
                ev("portal.accessed", "c", WEEK25.plusSeconds(50)));
        // not onboarding customers: b2c, and b2b without registration
        customer("d", Segment.B2C, "hot", null, ev("account.registered", "d", WEEK24));
        customer("e", Segment.B2B, "hot", null, ev("portal.accessed", "e", WEEK24));
    }

    @Test
    void overallFiguresCoverOnlyRegisteredB2bCustomers() {
        seed();
        JsonNode overall = kpis.compute().path("overall");

        assertEquals(3, overall.path("customers").asInt());
        assertEquals(
                40.0,
                overall.path("meanModuleCompletionSeconds").path("first-module").asDouble());
        assertEquals(
                80.0,
                overall.path("meanModuleCompletionSeconds").path("profile").asDouble());
        assertEquals(
                60.0, overall.path("meanModuleCompletionSeconds").path("all").asDouble());
        // portal: 3 registered, 2 accessed -> 33.3 %; first module: 2 started, 1 completed -> 50 %
        assertEquals(33.3, overall.path("abandonmentRatePercent").path("portal").asDouble());
        assertEquals(
                50.0,
                overall.path("abandonmentRatePercent").path("first-module").asDouble());
        assertEquals(0.0, overall.path("abandonmentRatePercent").path("profile").asDouble());
        assertEquals(
                0.0, overall.path("abandonmentRatePercent").path("guide-video").asDouble());
        assertEquals(
                1, overall.path("supportInteractionsPerWeek").path("2026-W24").asInt());
        assertEquals(
                1, overall.path("supportInteractionsPerWeek").path("2026-W25").asInt());
        assertEquals(33.3, overall.path("guideCompletedPercent").asDouble());
        assertEquals(1, overall.path("tiers").path("hot").asInt());
        assertEquals(1, overall.path("tiers").path("at-risk").asInt());
        assertEquals(1, overall.path("tiers").path("cooling").asInt());
        assertEquals(1, overall.path("outcomes").path("retained").asInt());
        assertEquals(1, overall.path("outcomes").path("at-risk").asInt());
    }

    @Test
    void cohortsAreRegistrationWeeksInRome() {
        seed();
        ObjectNode doc = kpis.compute();

        assertEquals(2, doc.path("cohorts").size());
        JsonNode w24 = doc.path("cohorts").get(0);
        assertEquals("2026-W24", w24.path("cohort").asText());
        assertEquals(2, w24.path("customers").asInt());
        assertEquals(50.0, w24.path("abandonmentRatePercent").path("portal").asDouble());
        JsonNode w25 = doc.path("cohorts").get(1);
        assertEquals("2026-W25", w25.path("cohort").asText());
        assertEquals(1, w25.path("customers").asInt());
        assertTrue(w25.path("meanModuleCompletionSeconds").path("all").isNull());
        assertTrue(w25.path("abandonmentRatePercent").path("first-module").isNull(), "nobody entered it");
    }

    @Test
    void isoWeekFollowsRomeNotUtc() {
        assertEquals("2026-W24", OnboardingKpis.isoWeek(Instant.parse("2026-06-14T21:30:00Z"))); // Sun 23:30 Rome
        assertEquals("2026-W25", OnboardingKpis.isoWeek(Instant.parse("2026-06-14T22:30:00Z"))); // Mon 00:30 Rome
        assertEquals("2026-W53", OnboardingKpis.isoWeek(Instant.parse("2027-01-01T10:00:00Z")));
    }

    @Test
    void noCustomersGivesNullsNotDivisionByZero() {
        JsonNode overall = kpis.compute().path("overall");
        assertEquals(0, overall.path("customers").asInt());
        assertTrue(overall.path("guideCompletedPercent").isNull());
        assertTrue(overall.path("abandonmentRatePercent").path("portal").isNull());
    }
}
