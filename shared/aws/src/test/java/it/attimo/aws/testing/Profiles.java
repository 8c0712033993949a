package it.attimo.aws.testing;

import it.attimo.core.customer.ChurnRisk;
import it.attimo.core.customer.Consent;
import it.attimo.core.customer.EventSummary;
import it.attimo.core.customer.JourneyRun;
import it.attimo.core.customer.Location;
import it.attimo.core.customer.Profile;
import it.attimo.core.customer.ScoreLine;
import it.attimo.core.customer.Segment;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Profiles with every field set, for round-trip tests. */
public final class Profiles {
    private Profiles() {}

    public static Profile full(String id) {
        Instant t = Instant.parse("2026-06-10T08:00:00Z");
        return new Profile(
                id,
                Segment.B2B,
                new Location("015146", "Milano", "015", "Milano", "Lombardia", "Nord-ovest"),
                "it-IT",
                "formale",
                Map.of("email", new Consent(true, "form", t), "sms", new Consent(false, "hubspot", t.plusSeconds(5))),
                42.5,
                "warm",
                List.of(new ScoreLine("r1", 10, t, "e-1", "portal access")),
                Map.of("order.delivered", 2),
                t,
                t.plusSeconds(3600),
                List.of(new JourneyRun("post-purchase", "post-purchase-c-e1", t, JourneyRun.RUNNING, null)),
                List.of(new EventSummary("e-1", "order.delivered", t)),
                Map.of("survey", "answered"),
                t.plusSeconds(7200),
                0,
                new ChurnRisk("high", 0.7, List.of("order o-1: delivery delayed 96 h (over 72 h)", "low interaction")));
    }
}
