package it.attimo.core.testing;

import it.attimo.core.AttimoCore;
import it.attimo.core.customer.JourneyRun;
import it.attimo.core.customer.Profile;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.event.EventTypes;
import it.attimo.core.profile.FoldedCustomer;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The customer the read-side tests query: folded from a real log, with contact details and two journeys. */
public final class ProfileQueryFixtures {
    public static final String CUSTOMER = "c-1";
    /** Contact details the profile's readers must never see. */
    public static final String EMAIL = "anna.rossi@example.it";

    public static final String PHONE = "+393331234567";

    private ProfileQueryFixtures() {}

    public static void seed(InMemoryProfileStore profiles, InMemoryContactStore contacts) {
        List<CustomerEvent> log = List.of(
                Events.event(EventTypes.CUSTOMER_UPSERTED, CUSTOMER)
                        .id("u-1")
                        .at("2026-06-01T08:00:00Z")
                        .data("segment", "b2b")
                        .data("comune", "015146")
                        .data("email", EMAIL)
                        .data("phone", PHONE)
                        .data("consent", Map.of("email", true))
                        .build(),
                Events.event(EventTypes.ORDER_DELIVERED, CUSTOMER)
                        .id("o-1")
                        .at("2026-06-10T09:00:00Z")
                        .build());
        FoldedCustomer f = AttimoCore.profileFolder().fold(CUSTOMER, log, null, Instant.parse("2026-06-10T12:00:00Z"));
        Profile p = f.profile()
                .withJourneys(List.of(
                        new JourneyRun(
                                "post-purchase",
                                "post-purchase-c-1-o-1",
                                Instant.parse("2026-06-10T09:00:00Z"),
                                JourneyRun.RUNNING,
                                null),
                        new JourneyRun(
                                "onboarding-72h",
                                "onboarding-72h-c-1-r-1",
                                Instant.parse("2026-06-01T09:00:00Z"),
                                "SUCCEEDED",
                                Instant.parse("2026-06-04T09:00:00Z"))));
        profiles.put(p);
        contacts.put(f.contact());
    }
}
