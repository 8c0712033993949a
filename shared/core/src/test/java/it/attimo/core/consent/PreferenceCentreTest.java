package it.attimo.core.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.attimo.core.customer.Consent;
import it.attimo.core.customer.Profile;
import it.attimo.core.error.BadRequest;
import it.attimo.core.error.NotFound;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.event.EventTypes;
import it.attimo.core.message.CustomerLinkToken;
import it.attimo.core.message.CustomerLinkToken.Rejected.Reason;
import it.attimo.core.message.MessageContent;
import it.attimo.core.profile.ProfileFolder;
import it.attimo.core.profile.Scorer;
import it.attimo.core.testing.InMemoryEventQueue;
import it.attimo.core.testing.InMemoryProfileStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PreferenceCentreTest {
    static final String SECRET = "a-long-random-webhook-secret-for-tests-only";
    static final String CUSTOMER = "c-pref";
    final Instant now = Instant.parse("2026-06-10T09:30:00Z");
    final Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    final CustomerLinkToken tokens = new CustomerLinkToken(SECRET, clock);
    final InMemoryEventQueue queue = new InMemoryEventQueue();
    final InMemoryProfileStore profiles = new InMemoryProfileStore();
    final PreferenceCentre centre = new PreferenceCentre(
            queue, profiles, () -> tokens, MessageContent.bundled().categories(), clock);
    final ProfileFolder folder = new ProfileFolder(code -> java.util.Optional.empty(), Scorer.NONE);
    final List<CustomerEvent> log = new ArrayList<>();
    String token;
    int seen;

    /** What was queued since the last fold. */
    private List<CustomerEvent> fresh() {
        List<CustomerEvent> all = queue.published();
        return all.subList(seen, all.size());
    }

    @BeforeEach
    void customerWithEmailConsentAndAnUnsubscribe() {
        token = tokens.sign(CUSTOMER, "preferences", Duration.ofDays(90));
        log.add(new CustomerEvent(
                "e-1",
                "shop",
                EventTypes.CUSTOMER_UPSERTED,
                CUSTOMER,
                now.minusSeconds(3600),
                Map.of("consent", Map.of("email", true, "sms", true))));
        refold();
    }

    private void refold() {
        log.addAll(fresh());
        seen = queue.published().size();
        Profile folded = folder.fold(CUSTOMER, log, profiles.find(CUSTOMER).orElse(null), now)
                .profile();
        profiles.put(folded);
    }

    private static Map<String, List<String>> form(String... pairs) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2)
            out.computeIfAbsent(pairs[i], k -> new ArrayList<>()).add(pairs[i + 1]);
        return out;
    }

    @Test
    void thePageShowsWhatTheProfileHoldsAndChangesNothing() {
        PreferenceCentre.Page page = centre.show(token);
        assertThat(page.channels())
                .containsExactly(Map.entry("email", true), Map.entry("sms", true), Map.entry("push", false));
        assertThat(page.topics())
                .containsOnlyKeys("servizio", "offerte", "sondaggi", "novita")
                .doesNotContainValue(false);
        assertThat(page.preferredChannel()).isNull();
        assertThat(page.timeBand()).isNull();
        assertThat(page.interests()).isEmpty();
        assertThat(page.categories())
                .containsKeys("elettrodomestici", "giardino")
                .doesNotContainKey("_default");
        assertThat(page.updatedAt()).isNull();
        assertThat(queue.published()).isEmpty();
    }

    @Test
    void aSaveQueuesConsentChangesAndPreferencesThatFoldIntoTheProfile() {
        PreferenceCentre.Saved saved = centre.save(
                token,
                form(
                        "stamp",
                        "1",
                        "consent.email",
                        "no",
                        "consent.email",
                        "yes",
                        "consent.sms",
                        "no",
                        "consent.push",
                        "no",
                        "topic.servizio",
                        "no",
                        "topic.servizio",
                        "yes",
                        "topic.offerte",
                        "no",
                        "topic.sondaggi",
                        "no",
                        "topic.sondaggi",
                        "yes",
                        "topic.novita",
                        "no",
                        "preferredChannel",
                        "email",
                        "timeBand",
                        "sera",
                        "interests",
                        "",
                        "interests",
                        "giardino",
                        "interests",
                        "elettrodomestici"));
        List<CustomerEvent> events = List.copyOf(queue.published());
        assertThat(events)
                .extracting(CustomerEvent::type)
                .containsExactly(EventTypes.CONSENT_CHANGED, EventTypes.PREFERENCES_UPDATED);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.customerId()).isEqualTo(CUSTOMER);
            assertThat(e.time()).isEqualTo(now);
            assertThat(e.source()).isEqualTo(PreferenceCentre.EVENT_SOURCE);
            assertThat(e.data()).containsEntry("source", "preference-centre");
        });
        assertThat(events.get(0).data()).containsEntry("channel", "sms").containsEntry("granted", false);
        assertThat(saved.eventIds())
                .containsExactlyElementsOf(
                        events.stream().map(CustomerEvent::id).toList());
        assertThat(saved.page().interests()).containsExactly("elettrodomestici", "giardino");
        assertThat(saved.page().channels()).containsEntry("sms", false);

        refold();
        Profile p = profiles.find(CUSTOMER).orElseThrow();
        assertThat(p.consents().get("sms").granted()).isFalse();
        assertThat(p.consents().get("sms").source()).isEqualTo("preference-centre");
        assertThat(p.consents().get("email").granted()).isTrue();
        assertThat(p.preferences().preferredChannel()).isEqualTo("email");
        assertThat(p.preferences().timeBand()).isEqualTo("sera");
        assertThat(p.preferences().interests()).containsExactly("elettrodomestici", "giardino");
        assertThat(p.preferences().withdrew("offerte")).isTrue();
        assertThat(p.preferences().withdrew("novita")).isTrue();
        assertThat(p.preferences().withdrew("servizio")).isFalse();
        assertThat(p.preferences().topics().get("offerte").source()).isEqualTo("preference-centre");
        assertThat(p.preferences().updatedAt()).isEqualTo(now);

        PreferenceCentre.Page again = centre.show(token);
        assertThat(again.channels()).containsEntry("sms", false).containsEntry("email", true);
        assertThat(again.topics()).containsEntry("offerte", false).containsEntry("servizio", true);
        assertThat(again.timeBand()).isEqualTo("sera");
        assertThat(again.updatedAt()).isEqualTo(now);
    }

    @Test
    void theSameFormSubmittedTwiceQueuesTheSameIdsAndANewPageNewOnes() {
        Map<String, List<String>> f = form("stamp", "s-1", "consent.push", "yes", "timeBand", "mattina");
        List<String> first = centre.save(token, f).eventIds();
        List<String> second = centre.save(token, f).eventIds();
        assertThat(second).isEqualTo(first);
        Map<String, List<String>> g = form("stamp", "s-2", "consent.push", "yes", "timeBand", "mattina");
        assertThat(centre.save(token, g).eventIds()).doesNotContainAnyElementsOf(first);
    }

    @Test
    void fieldsNotSentStayAsStoredAndAChannelWithNoDecisionLeftUnchosenRecordsNothing() {
        centre.save(token, form("timeBand", "pomeriggio"));
        assertThat(queue.published()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventTypes.PREFERENCES_UPDATED);
            assertThat(e.data()).containsEntry("timeBand", "pomeriggio").containsEntry("preferredChannel", "");
        });
        seen = queue.published().size();
        centre.save(token, form("consent.push", "no"));
        assertThat(fresh()).extracting(CustomerEvent::type).containsExactly(EventTypes.PREFERENCES_UPDATED);
    }

    @Test
    void choosingAChannelAgainAfterAOneClickUnsubscribeGrantsItsMarketingToo() {
        log.add(new CustomerEvent(
                "u-1",
                OneClickUnsubscribe.EVENT_SOURCE,
                EventTypes.CONSENT_CHANGED,
                CUSTOMER,
                now.minusSeconds(60),
                Map.of("channel", "email", "topic", "marketing", "granted", false, "source", "one-click-unsubscribe")));
        refold();
        assertThat(centre.show(token).channels()).containsEntry("email", false);
        centre.save(token, form("consent.email", "yes"));
        assertThat(fresh())
                .filteredOn(e -> e.type().equals(EventTypes.CONSENT_CHANGED))
                .extracting(e -> e.data().get("topic"))
                .containsExactly(null, "marketing");
        refold();
        Profile p = profiles.find(CUSTOMER).orElseThrow();
        assertThat(p.consents().get(Consent.key("email", "marketing")).granted())
                .isTrue();
        assertThat(centre.show(token).channels()).containsEntry("email", true);
    }

    @Test
    void shortNamesAndListsSayTheSame() {
        centre.save(token, form("sms", "false", "offerte", "no", "timeBand", "sera"));
        refold();
        assertThat(centre.show(token).channels()).containsEntry("sms", false).containsEntry("email", true);
        assertThat(centre.show(token).topics()).containsEntry("offerte", false).containsEntry("sondaggi", true);

        centre.save(token, form("channels", "email", "channels", "push", "topics", "servizio", "topics", "novita"));
        refold();
        PreferenceCentre.Page page = centre.show(token);
        assertThat(page.channels())
                .containsEntry("email", true)
                .containsEntry("sms", false)
                .containsEntry("push", true);
        assertThat(page.topics())
                .containsEntry("servizio", true)
                .containsEntry("offerte", false)
                .containsEntry("sondaggi", false)
                .containsEntry("novita", true);

        centre.save(token, form("channels", ""));
        refold();
        assertThat(centre.show(token).channels()).doesNotContainValue(true);
        assertThatThrownBy(() -> centre.save(token, form("topics", "spam"))).isInstanceOf(BadRequest.class);
    }

    @Test
    void aValueThePageDoesNotOfferIsRefusedAndQueuesNothing() {
        for (Map<String, List<String>> bad : List.of(
                form("timeBand", "notte"),
                form("preferredChannel", "fax"),
                form("interests", "armi"),
                form("consent.email", "forse"),
                form("timeBand", "sera", "timeBand", "mattina"))) {
            assertThatThrownBy(() -> centre.save(token, bad)).isInstanceOf(BadRequest.class);
        }
        assertThat(queue.published()).isEmpty();
    }

    @Test
    void aLinkThatDoesNotStandOrAnUnknownCustomerIsRefusedAndQueuesNothing() {
        String forged = new CustomerLinkToken("another-secret-entirely-for-tests", clock)
                .sign(CUSTOMER, "preferences", Duration.ofDays(1));
        String expired = tokens.sign(CUSTOMER, "preferences", now.minusSeconds(1));
        String unsubscribe = tokens.sign(CUSTOMER, "unsubscribe", Duration.ofDays(1));
        assertRefused(forged, Reason.FORGED);
        assertRefused(expired, Reason.EXPIRED);
        assertRefused("v1.xyz", Reason.MALFORMED);
        assertRefused(unsubscribe, Reason.WRONG_PURPOSE);
        String stranger = tokens.sign("c-nobody", "preferences", Duration.ofDays(1));
        assertThatThrownBy(() -> centre.show(stranger)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> centre.save(stranger, form())).isInstanceOf(NotFound.class);
        PreferenceCentre noSecret = new PreferenceCentre(
                queue, profiles, () -> null, MessageContent.bundled().categories(), clock);
        assertThatThrownBy(() -> noSecret.show(token))
                .isInstanceOfSatisfying(
                        CustomerLinkToken.Rejected.class,
                        r -> assertThat(r.reason()).isEqualTo(Reason.FORGED));
        assertThat(queue.published()).isEmpty();
    }

    private void assertRefused(String t, Reason reason) {
        assertThatThrownBy(() -> centre.show(t))
                .isInstanceOfSatisfying(
                        CustomerLinkToken.Rejected.class,
                        r -> assertThat(r.reason()).isEqualTo(reason))
                .hasMessageNotContaining(CUSTOMER);
        assertThatThrownBy(() -> centre.save(t, form("timeBand", "sera")))
                .isInstanceOf(CustomerLinkToken.Rejected.class);
    }
}
