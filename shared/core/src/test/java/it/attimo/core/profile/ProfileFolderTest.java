package it.attimo.core.profile;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.core.AttimoCore;
import it.attimo.core.customer.Consent;
import it.attimo.core.customer.FoldedCustomerFixtures;
import it.attimo.core.customer.JourneyRun;
import it.attimo.core.customer.Profile;
import it.attimo.core.customer.Segment;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.event.EventTypes;
import it.attimo.core.geo.ComuneDirectory;
import it.attimo.core.testing.Events;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ProfileFolderTest {
    static final String C = "c-1";
    static final Instant AT = Instant.parse("2026-06-20T00:00:00Z");

    final ProfileFolder folder =
            new ProfileFolder(new DirectoryGeoResolver(ComuneDirectory.bundled()), CountingScorer.INSTANCE);

    static List<CustomerEvent> history() {
        List<CustomerEvent> log = new ArrayList<>();
        log.add(Events.event(EventTypes.CUSTOMER_UPSERTED, C)
                .id("u-1")
                .at("2026-06-01T08:00:00Z")
                .data("segment", "b2b")
                .data("comune", "015146")
                .data("email", "anna@example.it")
                .data("consent", Map.of("email", true, "sms", Map.of("granted", true, "source", "signup-form")))
                .build());
        log.add(Events.event(EventTypes.PORTAL_ACCESSED, C)
                .id("p-1")
                .at("2026-06-02T08:00:00Z")
                .build());
        log.add(Events.event(EventTypes.PORTAL_ACCESSED, C)
                .id("p-2")
                .at("2026-06-03T08:00:00Z")
                .build());
        log.add(Events.event(EventTypes.CONSENT_CHANGED, C)
                .id("cc-1")
                .at("2026-06-04T08:00:00Z")
                .data("channel", "sms")
                .data("granted", false)
                .build());
        log.add(Events.event(EventTypes.ORDER_DELIVERED, C)
                .id("o-1")
                .at("2026-06-05T08:00:00Z")
                .build());
        log.add(Events.event(EventTypes.CUSTOMER_UPSERTED, C)
                .id("u-2")
                .at("2026-06-06T08:00:00Z")
                .data("phone", "+393331234567")
                .build());
        return log;
    }

    @Test
    void shufflingTheLogGivesTheSameProfile() {
        Profile expected = folder.fold(C, history(), null, AT).profile();
        Random random = new Random(42);
        for (int i = 0; i < 20; i++) {
            List<CustomerEvent> shuffled = new ArrayList<>(history());
            Collections.shuffle(shuffled, random);
            assertThat(folder.fold(C, shuffled, null, AT).profile()).isEqualTo(expected);
        }
    }

    @Test
    void shufflingGivesTheSameProfileWithTheDefaultScoringPlanToo() {
        ProfileFolder real = AttimoCore.profileFolder();
        FoldedCustomer expected = real.fold(C, history(), null, AT);
        List<CustomerEvent> reversed = new ArrayList<>(history());
        Collections.reverse(reversed);
        FoldedCustomer again = real.fold(C, reversed, null, AT);
        assertThat(again.profile()).isEqualTo(expected.profile());
        assertThat(again.nextDeadline()).isEqualTo(expected.nextDeadline());
    }

    @Test
    void duplicatesCountOnce() {
        List<CustomerEvent> doubled = new ArrayList<>(history());
        doubled.addAll(history());
        doubled.add(history().get(1));
        Profile p = folder.fold(C, doubled, null, AT).profile();
        assertThat(p).isEqualTo(folder.fold(C, history(), null, AT).profile());
        assertThat(p.eventCounts())
                .containsEntry(EventTypes.PORTAL_ACCESSED, 2)
                .containsEntry(EventTypes.CUSTOMER_UPSERTED, 2);
        assertThat(p.score()).isEqualTo(6);
    }

    @Test
    void countsFirstAndLastSeenAndRecentEventsNewestFirst() {
        Profile p = folder.fold(C, history(), null, AT).profile();
        assertThat(p.firstSeen()).isEqualTo(Instant.parse("2026-06-01T08:00:00Z"));
        assertThat(p.lastSeen()).isEqualTo(Instant.parse("2026-06-06T08:00:00Z"));
        assertThat(p.recentEvents()).extracting(e -> e.id()).containsExactly("u-2", "o-1", "cc-1", "p-2", "p-1", "u-1");
        assertThat(p.scoredAt()).isEqualTo(AT);
        assertThat(p.tier()).isEqualTo("hot");
    }

    @Test
    void recentEventsAreCapped() {
        List<CustomerEvent> many = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            many.add(Events.event(EventTypes.PORTAL_ACCESSED, C)
                    .id(String.format("p-%02d", i))
                    .at(Instant.parse("2026-06-01T00:00:00Z").plusSeconds(i * 60L))
                    .build());
        }
        Profile p = folder.fold(C, many, null, AT).profile();
        assertThat(p.recentEvents()).hasSize(ProfileFolder.RECENT_EVENTS);
        assertThat(p.recentEvents().get(0).id()).isEqualTo("p-29");
        assertThat(p.eventCounts()).containsEntry(EventTypes.PORTAL_ACCESSED, 30);
    }

    @Test
    void consentFromUpsertConsentChangedAndUnsubscribe() {
        Profile p = folder.fold(C, history(), null, AT).profile();
        assertThat(p.consents().get("email"))
                .isEqualTo(new Consent(true, "test", Instant.parse("2026-06-01T08:00:00Z")));
        assertThat(p.consents().get("sms").granted())
                .as("consent.changed after the upsert wins")
                .isFalse();
        assertThat(p.consents().get("sms").at()).isEqualTo(Instant.parse("2026-06-04T08:00:00Z"));

        List<CustomerEvent> withUnsubscribe = new ArrayList<>(history());
        withUnsubscribe.add(Events.event(EventTypes.EMAIL_UNSUBSCRIBED, C)
                .id("x-1")
                .at("2026-06-07T08:00:00Z")
                .build());
        Profile unsubscribed = folder.fold(C, withUnsubscribe, null, AT).profile();
        assertThat(unsubscribed.consents().get("email").granted()).isFalse();
        assertThat(unsubscribed.consents().get("email").source()).isEqualTo(EventTypes.EMAIL_UNSUBSCRIBED);

        List<CustomerEvent> regranted = new ArrayList<>(withUnsubscribe);
        regranted.add(Events.event(EventTypes.CONSENT_CHANGED, C)
                .id("cc-2")
                .at("2026-06-08T08:00:00Z")
                .data("channel", "email")
                .data("granted", true)
                .data("source", "preference-centre")
                .build());
        Consent email = folder.fold(C, regranted, null, AT).profile().consents().get("email");
        assertThat(email).isEqualTo(new Consent(true, "preference-centre", Instant.parse("2026-06-08T08:00:00Z")));
    }

    @Test
    void consentFromAnUpsertAfterAnUnsubscribeGrantsAgain() {
        List<CustomerEvent> log = List.of(
                Events.event(EventTypes.EMAIL_UNSUBSCRIBED, C)
                        .id("x")
                        .at("2026-06-01T08:00:00Z")
                        .build(),
                Events.event(EventTypes.CUSTOMER_UPSERTED, C)
                        .id("u")
                        .at("2026-06-02T08:00:00Z")
                        .data("consent", Map.of("email", true))
                        .build());
        assertThat(folder.fold(C, log, null, AT)
                        .profile()
                        .consents()
                        .get("email")
                        .granted())
                .isTrue();
    }

    @Test
    void geographyFromTheComuneCode() {
        Profile p = folder.fold(C, history(), null, AT).profile();
        assertThat(p.location().comuneCode()).isEqualTo("015146");
        assertThat(p.location().comuneName()).isEqualTo("Milano");
        assertThat(p.location().provinceCode()).isEqualTo("MI");
        assertThat(p.location().region()).isEqualTo("Lombardia");
        assertThat(p.location().macroArea()).isEqualTo("Nord-ovest");
        assertThat(p.segment()).isEqualTo(Segment.B2B);
        assertThat(p.tone()).isEqualTo("formale");
    }

    @Test
    void toneIsInformalInTheSouthAndIslands() {
        assertThat(toneFor("063049")).as("Napoli, Sud").isEqualTo("informale");
        assertThat(toneFor("082053")).as("Palermo, Isole").isEqualTo("informale");
        assertThat(toneFor("058091")).as("Roma, Centro").isEqualTo("formale");
        assertThat(toneFor("027042")).as("Venezia, Nord-est").isEqualTo("formale");
    }

    @Test
    void anExplicitToneWins() {
        List<CustomerEvent> log = List.of(Events.event(EventTypes.CUSTOMER_UPSERTED, C)
                .id("u")
                .data("comune", "063049")
                .data("tone", "formale")
                .build());
        assertThat(folder.fold(C, log, null, AT).profile().tone()).isEqualTo("formale");
    }

    @Test
    void aBusinessInTheSouthIsAddressedFormallyAndALegacyToneIsMigrated() {
        List<CustomerEvent> b2b = List.of(Events.event(EventTypes.CUSTOMER_UPSERTED, C)
                .id("u")
                .data("comune", "063049")
                .data("segment", "b2b")
                .build());
        assertThat(folder.fold(C, b2b, null, AT).profile().tone())
                .as("b2b in Napoli")
                .isEqualTo("formale");
        List<CustomerEvent> legacy = List.of(Events.event(EventTypes.CUSTOMER_UPSERTED, C)
                .id("u")
                .data("comune", "015146")
                .data("tone", "informal")
                .build());
        assertThat(folder.fold(C, legacy, null, AT).profile().tone()).isEqualTo("informale");
    }

    @Test
    void theFirstNameIsContactDataNotProfileData() {
        List<CustomerEvent> log = List.of(Events.event(EventTypes.CUSTOMER_UPSERTED, C)
                .id("u")
                .data("firstName", "Giulia")
                .build());
        FoldedCustomer f = folder.fold(C, log, null, AT);
        assertThat(f.contact().firstName()).isEqualTo("Giulia");
        assertThat(f.contact().canReach(it.attimo.core.channel.Channel.EMAIL)).isFalse();
        assertThat(f.profile().toString()).doesNotContain("Giulia");
    }

    @Test
    void unknownComuneKeepsTheCodeWithoutGeography() {
        List<CustomerEvent> log = List.of(Events.event(EventTypes.CUSTOMER_UPSERTED, C)
                .id("u")
                .data("comune", "999999")
                .build());
        Profile p = folder.fold(C, log, null, AT).profile();
        assertThat(p.location().comuneCode()).isEqualTo("999999");
        assertThat(p.location().region()).isNull();
        assertThat(p.tone()).isEqualTo("formale");
    }

    @Test
    void contactIsTheLatestOfEachField() {
        FoldedCustomer f = folder.fold(C, history(), null, AT);
        assertThat(f.contact().email()).isEqualTo("anna@example.it");
        assertThat(f.contact().phone()).isEqualTo("+393331234567");
        List<CustomerEvent> noContact =
                List.of(Events.event(EventTypes.PORTAL_ACCESSED, C).id("p").build());
        assertThat(folder.fold(C, noContact, null, AT).contact()).isNull();
    }

    @Test
    void journeysOutcomesAndVersionComeFromThePreviousProfile() {
        JourneyRun run = new JourneyRun(
                "post-purchase",
                "post-purchase-c-1-o-1",
                Instant.parse("2026-06-05T08:00:00Z"),
                JourneyRun.RUNNING,
                null);
        Profile previous = FoldedCustomerFixtures.withJourneysOutcomesAndVersion(
                C, List.of(run), Map.of("post-purchase", "done"), 7);
        Profile p = folder.fold(C, history(), previous, AT).profile();
        assertThat(p.journeys()).containsExactly(run);
        assertThat(p.outcomes()).containsEntry("post-purchase", "done");
        assertThat(p.version()).isEqualTo(7);
    }

    @Test
    void theNextDeadlineComesFromTheScorer() {
        Instant deadline = Instant.parse("2026-06-21T10:00:00Z");
        Scorer withDeadline = (h, at) -> new Scorer.Score(1, "t", List.of(), java.util.Optional.of(deadline));
        ProfileFolder f = new ProfileFolder(code -> java.util.Optional.empty(), withDeadline);
        assertThat(f.fold(C, history(), null, AT).nextDeadline()).contains(deadline);
    }

    private String toneFor(String comune) {
        List<CustomerEvent> log = List.of(Events.event(EventTypes.CUSTOMER_UPSERTED, C)
                .id("u")
                .data("comune", comune)
                .build());
        return folder.fold(C, log, null, AT).profile().tone();
    }
}
