package it.attimo.core.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.attimo.core.AttimoCore;
import it.attimo.core.channel.Channel;
import it.attimo.core.customer.JourneyRun;
import it.attimo.core.customer.Profile;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.event.EventTypes;
import it.attimo.core.port.ProfileStore;
import it.attimo.core.profile.FoldedCustomer;
import it.attimo.core.testing.Events;
import it.attimo.core.testing.InMemoryContactStore;
import it.attimo.core.testing.InMemoryEventLog;
import it.attimo.core.testing.InMemoryMessageLedger;
import it.attimo.core.testing.InMemoryProfileStore;
import it.attimo.core.testing.InMemoryWaitRegistry;
import it.attimo.core.testing.MutableClock;
import it.attimo.core.testing.RecordingChannelGateway;
import it.attimo.core.testing.RecordingJourneyRuntime;
import it.attimo.core.timing.MessageKind;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class JourneyStepsTest {
    static final String C = "c-1";
    static final ZoneId ROME = ZoneId.of("Europe/Rome");
    static final String EXECUTION = "post-purchase-c-1-o-1";

    final MutableClock clock = MutableClock.at("2026-06-10T09:00:00Z");
    final InMemoryProfileStore profiles = new InMemoryProfileStore();
    final InMemoryContactStore contacts = new InMemoryContactStore();
    final InMemoryMessageLedger ledger = new InMemoryMessageLedger();
    final InMemoryWaitRegistry waits = new InMemoryWaitRegistry();
    final RecordingChannelGateway gateway = new RecordingChannelGateway();
    final InMemoryEventLog eventLog = new InMemoryEventLog();
    final JourneySteps steps = steps(profiles);

    JourneySteps steps(ProfileStore profiles) {
        return JourneyStepsWiring.steps(
                profiles,
                contacts,
                ledger,
                waits,
                gateway,
                AttimoCore.sendPlanner(),
                eventLog,
                new RecordingJourneyRuntime(),
                (customerId, reason, executionName) -> {},
                clock);
    }

    /** Stores the profile and contact that these events fold to (Milano, b2b unless given). */
    void customer(String customerId, Object... upsertData) {
        var upsert = Events.event(EventTypes.CUSTOMER_UPSERTED, customerId)
                .id("u-" + customerId)
                .at("2026-06-01T08:00:00Z")
                .data("segment", "b2b")
                .data("comune", "015146");
        for (int i = 0; i < upsertData.length; i += 2) upsert.data((String) upsertData[i], upsertData[i + 1]);
        customer(customerId, List.of(upsert.build()));
    }

    void customer(String customerId, List<CustomerEvent> events) {
        FoldedCustomer f = AttimoCore.profileFolder()
                .fold(customerId, events, profiles.find(customerId).orElse(null), clock.instant());
        profiles.put(f.profile());
        if (f.contact() != null) contacts.put(f.contact());
    }

    Map<String, Object> dispatch(String step, String kind, String channel) {
        return steps.handle(new DispatchStep(
                C, "post-purchase", step, Channel.parse(channel), MessageKind.parse(kind), EXECUTION, null, null));
    }

    @Nested
    class Plan {
        Map<String, Object> plan(String anchor, String offset, String channel, String kind) {
            return steps.handle(new PlanStep(
                    C,
                    Channel.parse(channel),
                    MessageKind.parse(kind),
                    Instant.parse(anchor),
                    Duration.parse(offset),
                    Duration.ofHours(24),
                    "post-purchase",
                    null,
                    null));
        }

        void assertAllowedB2bEmailTime(Map<String, Object> out, Instant notBefore) {
            assertThat(out.get("skipped")).isEqualTo(false);
            Instant sendAt = Instant.parse((String) out.get("sendAt"));
            LocalDateTime local = LocalDateTime.ofInstant(sendAt, ROME);
            assertThat(LocalDateTime.parse((String) out.get("localTime"))).isEqualTo(local);
            assertThat(sendAt).isAfterOrEqualTo(notBefore);
            assertThat(local.toLocalTime()).isBetween(LocalTime.of(9, 30), LocalTime.of(14, 0));
            assertThat(local.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        }

        @Test
        void aMilanoB2bCustomerGetsAnAllowedLocalTime() {
            customer(C);
            Map<String, Object> out = plan("2026-06-10T09:00:00Z", "PT24H", "email", "service");
            assertAllowedB2bEmailTime(out, Instant.parse("2026-06-11T09:00:00Z"));
            assertThat((Integer) out.get("suitability")).isBetween(0, 100);
            assertThat(out.get("reasons")).isInstanceOf(List.class);
        }

        @Test
        void aB2bWeekendAndANationalHolidayAreSkipped() {
            customer(C);
            Map<String, Object> saturday = plan("2026-06-12T10:00:00Z", "PT24H", "email", "service");
            assertAllowedB2bEmailTime(saturday, Instant.parse("2026-06-13T10:00:00Z"));
            assertThat(LocalDateTime.ofInstant(Instant.parse((String) saturday.get("sendAt")), ROME)
                            .toLocalDate())
                    .isEqualTo("2026-06-15");
            clock.set(Instant.parse("2026-06-01T09:00:00Z"));
            Map<String, Object> republicDay = plan("2026-06-01T09:00:00Z", "PT24H", "email", "service");
            assertThat(LocalDateTime.ofInstant(Instant.parse((String) republicDay.get("sendAt")), ROME)
                            .toLocalDate())
                    .as("2 June is Festa della Repubblica")
                    .isEqualTo("2026-06-03");
        }

        @Test
        void anAnchorInThePastPlansFromNow() {
            customer(C);
            clock.set(Instant.parse("2026-06-15T12:30:00Z"));
            Map<String, Object> out = plan("2026-06-01T09:00:00Z", "PT1H", "email", "service");
            assertAllowedB2bEmailTime(out, clock.instant());
        }

        @Test
        void anUnknownProfileIsSkipped() {
            Map<String, Object> out = plan("2026-06-10T09:00:00Z", "PT24H", "email", "service");
            assertThat(out).containsEntry("skipped", true).doesNotContainKey("sendAt");
            assertThat((String) out.get("reason")).contains("no profile");
        }
    }

    @Nested
    class Dispatch {
        @Test
        void reservesTheLedgerThenSendsOnce() {
            customer(C, "email", "anna@example.it", "locale", "it-IT");
            Map<String, Object> first = dispatch("welcome", "service", "email");
            assertThat(first)
                    .containsEntry("status", "sent")
                    .containsEntry("messageKey", C + "#" + EXECUTION + "#welcome");
            assertThat(gateway.sent()).singleElement().satisfies(m -> {
                assertThat(m.contact().email()).isEqualTo("anna@example.it");
                assertThat(m.channel()).isEqualTo(Channel.EMAIL);
                assertThat(m.template()).isEqualTo("post-purchase.welcome");
                assertThat(m.locale()).isEqualTo("it-IT");
                assertThat(m.tone()).isEqualTo("formale");
                assertThat(m.messageKey()).isEqualTo(C + "#" + EXECUTION + "#welcome");
                assertThat(m.toString()).doesNotContain("anna");
                assertThat(m.rendered().subject()).isEqualTo("Il Suo ordine è arrivato: ecco come iniziare");
                assertThat(m.rendered().text()).startsWith("Buongiorno,");
                assertThat(m.rendered().links()).containsKeys("video", "guide", "support", "qr");
                assertThat(m.rendered().links().get("support"))
                        .startsWith(JourneyStepsWiring.PUBLIC_BASE_URL + "/assistenza?m=")
                        .doesNotContain("anna");
            });
            assertThat(ledger.all()).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo(MessageRecord.SENT);
                assertThat(r.providerMessageId()).isEqualTo("provider-1");
                assertThat(r.sendAt()).isEqualTo(clock.instant());
            });

            Map<String, Object> second = dispatch("welcome", "service", "email");
            assertThat(second).containsEntry("status", "duplicate").containsEntry("reason", "sent");
            assertThat(gateway.sent()).hasSize(1);

            assertThat(dispatch("tutorial", "service", "email")).containsEntry("status", "sent");
            assertThat(gateway.sent()).hasSize(2);
        }

        @Test
        void aStepWithoutATemplateIsRejectedAndNothingIsSent() {
            customer(C, "email", "anna@example.it");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> dispatch("teleport", "service", "email"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("post-purchase.teleport")
                    .hasMessageNotContaining("anna");
            assertThat(JourneyError.of(new it.attimo.core.message.MessageRenderingException("x")))
                    .isEqualTo(JourneyError.REJECTED);
            assertThat(gateway.sent()).isEmpty();
            assertThat(ledger.all())
                    .singleElement()
                    .satisfies(
                            r -> assertThat(r.status()).as("never marked sent").isEqualTo(MessageRecord.RESERVED));
        }

        @Test
        void theMessageNamesTheOrdersProductAndItsCouponAndExperiment() {
            customer(C, "email", "anna@example.it", "firstName", "Anna", "comune", "063049", "segment", "b2c");
            eventLog.append(it.attimo.core.event.CustomerEvent.of(
                    "o-1-placed",
                    "order.placed",
                    C,
                    clock.instant().minusSeconds(3600),
                    Map.of(
                            "orderId",
                            "o-1",
                            "items",
                            List.of(Map.of(
                                    "sku", "G-1", "name", "Gazebo in legno", "category", "giardino", "price", 420)))));
            steps.handle(new DispatchStep(
                    C,
                    "post-purchase",
                    "contextual",
                    Channel.EMAIL,
                    null,
                    EXECUTION,
                    null,
                    null,
                    Map.of("orderId", "o-1", "coupon", "C-1", "experimentId", "x", "experimentArm", "a")));
            assertThat(gateway.sent()).singleElement().satisfies(m -> {
                assertThat(m.tone()).isEqualTo("informale");
                assertThat(m.rendered().text()).startsWith("Ciao Anna,").contains("Gazebo in legno");
                assertThat(m.rendered().text()).as("testimonial of the South").contains("Salvatore, Catania");
                assertThat(m.rendered().coupon()).isEqualTo("C-1");
                assertThat(m.rendered().experiment())
                        .isEqualTo(new it.attimo.core.message.RenderedMessage.ExperimentArm("x", "a"));
            });
        }

        @Test
        void theDispatchContextReachesTheMessage() {
            customer(C, "email", "anna@example.it");
            steps.handle(new DispatchStep(
                    C,
                    "post-purchase",
                    "welcome",
                    Channel.EMAIL,
                    null,
                    EXECUTION,
                    null,
                    null,
                    Map.of("orderId", "o-1", "experimentArm", "tutorial-24h")));
            assertThat(gateway.sent())
                    .singleElement()
                    .satisfies(m -> assertThat(m.context())
                            .isEqualTo(Map.of("orderId", "o-1", "experimentArm", "tutorial-24h")));
        }

        @Test
        void aMessageIsTheExecutionsStepWhateverItsKind() {
            customer(C, "email", "anna@example.it");
            steps.handle(new DispatchStep(C, "post-purchase", "welcome", Channel.EMAIL, null, EXECUTION, null, null));
            assertThat(ledger.all()).singleElement().satisfies(r -> {
                assertThat(r.executionName()).isEqualTo(EXECUTION);
                assertThat(r.messageId()).isEqualTo(EXECUTION + "#welcome");
            });
            assertThat(dispatch("welcome", "service", "email"))
                    .as("same message with or without its kind")
                    .containsEntry("status", "duplicate");
        }

        @Test
        void withdrawnConsentIsSuppressedAndRecorded() {
            customer(
                    C,
                    List.of(
                            Events.event(EventTypes.CUSTOMER_UPSERTED, C)
                                    .id("u")
                                    .at("2026-06-01T08:00:00Z")
                                    .data("segment", "b2b")
                                    .data("email", "anna@example.it")
                                    .data("consent", Map.of("email", true))
                                    .build(),
                            Events.event(EventTypes.EMAIL_UNSUBSCRIBED, C)
                                    .id("x")
                                    .at("2026-06-05T08:00:00Z")
                                    .build()));
            Map<String, Object> out = dispatch("welcome", "service", "email");
            assertThat(out)
                    .containsEntry("status", "suppressed")
                    .containsEntry("reason", "consent for email withdrawn");
            assertThat(gateway.sent()).isEmpty();
            assertThat(ledger.all()).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo(MessageRecord.SUPPRESSED);
                assertThat(r.reason()).isEqualTo("consent for email withdrawn");
            });
            assertThat(dispatch("welcome", "service", "email"))
                    .containsEntry("status", "duplicate")
                    .containsEntry("reason", "suppressed");
        }

        @Test
        void aOneClickUnsubscribeStopsMarketingAndSurveysButNotServiceOnTheChannel() {
            customer(
                    C,
                    List.of(
                            Events.event(EventTypes.CUSTOMER_UPSERTED, C)
                                    .id("u")
                                    .at("2026-06-01T08:00:00Z")
                                    .data("email", "anna@example.it")
                                    .data("consent", Map.of("email", true))
                                    .build(),
                            Events.event(EventTypes.CONSENT_CHANGED, C)
                                    .id("unsub")
                                    .at("2026-06-05T08:00:00Z")
                                    .data("channel", "email")
                                    .data("topic", "marketing")
                                    .data("granted", false)
                                    .data("source", "one-click-unsubscribe")
                                    .build()));
            assertThat(profiles.find(C).orElseThrow().consents())
                    .containsKeys("email", "email:marketing")
                    .hasEntrySatisfying("email", c -> assertThat(c.granted()).isTrue())
                    .hasEntrySatisfying("email:marketing", c -> {
                        assertThat(c.granted()).isFalse();
                        assertThat(c.source()).isEqualTo("one-click-unsubscribe");
                    });
            assertThat(dispatch("accessories", "marketing", "email"))
                    .containsEntry("status", "suppressed")
                    .containsEntry("reason", "consent for email marketing withdrawn");
            assertThat(dispatch("survey", "survey", "email"))
                    .containsEntry("status", "suppressed")
                    .containsEntry("reason", "consent for email marketing withdrawn");
            assertThat(dispatch("welcome", "service", "email")).containsEntry("status", "sent");
            assertThat(dispatch("tutorial", "transactional", "email")).containsEntry("status", "sent");
            assertThat(gateway.sent()).extracting(m -> m.step()).containsExactly("welcome", "tutorial");
        }

        @Test
        void aTopicWithdrawnInThePreferenceCentreStopsItsMessagesButNeverATransactionalOne() {
            customer(
                    C,
                    List.of(
                            Events.event(EventTypes.CUSTOMER_UPSERTED, C)
                                    .id("u")
                                    .at("2026-06-01T08:00:00Z")
                                    .data("email", "anna@example.it")
                                    .data("consent", Map.of("email", true))
                                    .build(),
                            Events.event(EventTypes.PREFERENCES_UPDATED, C)
                                    .id("prefs")
                                    .at("2026-06-05T08:00:00Z")
                                    .data("topics", Map.of("offerte", false, "servizio", false, "sondaggi", true))
                                    .data("source", "preference-centre")
                                    .build()));
            assertThat(dispatch("accessories", "marketing", "email"))
                    .containsEntry("status", "suppressed")
                    .containsEntry("reason", "topic offerte withdrawn");
            assertThat(dispatch("welcome", "service", "email"))
                    .containsEntry("status", "suppressed")
                    .containsEntry("reason", "topic servizio withdrawn");
            assertThat(dispatch("survey", "survey", "email")).containsEntry("status", "sent");
            assertThat(steps.handle(new DispatchStep(
                            C,
                            "delivery-delay",
                            "apology",
                            Channel.EMAIL,
                            MessageKind.TRANSACTIONAL,
                            "e-dd",
                            null,
                            null)))
                    .containsEntry("status", "sent");
            assertThat(gateway.sent()).extracting(m -> m.step()).containsExactly("survey", "apology");
        }

        @Test
        void aTopicWithdrawnOnOneChannelStopsItThereOnly() {
            customer(
                    C,
                    List.of(
                            Events.event(EventTypes.CUSTOMER_UPSERTED, C)
                                    .id("u")
                                    .at("2026-06-01T08:00:00Z")
                                    .data("email", "anna@example.it")
                                    .data("phone", "+393331234567")
                                    .data("consent", Map.of("email", true, "sms", true))
                                    .build(),
                            Events.event(EventTypes.CONSENT_CHANGED, C)
                                    .id("sondaggi-email")
                                    .at("2026-06-05T08:00:00Z")
                                    .data("channel", "email")
                                    .data("topic", "sondaggi")
                                    .data("granted", false)
                                    .build()));
            assertThat(dispatch("survey", "survey", "email"))
                    .containsEntry("status", "suppressed")
                    .containsEntry("reason", "topic sondaggi withdrawn on email");
            assertThat(steps.handle(new DispatchStep(
                            C, "post-purchase", "survey", Channel.SMS, MessageKind.SURVEY, "e-sms", null, null)))
                    .containsEntry("status", "sent");
        }

        @Test
        void aSurveyNeedsExplicitConsentAServiceMessageDoesNot() {
            customer(C, "email", "anna@example.it");
            assertThat(dispatch("survey", "survey", "email"))
                    .containsEntry("status", "suppressed")
                    .containsEntry("reason", "no consent for survey on email");
            assertThat(dispatch("welcome", "service", "email")).containsEntry("status", "sent");

            customer("c-2", "email", "bruno@example.it", "consent", Map.of("email", true));
            assertThat(steps.handle(new DispatchStep(
                            "c-2", "post-purchase", "survey", Channel.EMAIL, MessageKind.SURVEY, "e-2", null, null)))
                    .containsEntry("status", "sent");
        }

        @Test
        void noAddressForTheChannelIsSuppressed() {
            customer(C, "email", "anna@example.it");
            assertThat(dispatch("sms-reminder", "service", "sms"))
                    .containsEntry("status", "suppressed")
                    .containsEntry("reason", "no sms address");
            customer("c-2");
            assertThat(steps.handle(new DispatchStep(
                            "c-2", "post-purchase", "welcome", Channel.EMAIL, null, "e-2", null, null)))
                    .containsEntry("status", "suppressed")
                    .containsEntry("reason", "no email address");
            assertThat(gateway.sent()).isEmpty();
        }

        @Test
        void anErasedCustomerIsSuppressed() {
            assertThat(dispatch("welcome", "service", "email")).containsEntry("status", "suppressed");
            assertThat(gateway.sent()).isEmpty();
        }

        @Test
        void aFailedProviderCallIsRetriedAndSentOnce() {
            customer(C, "email", "anna@example.it");
            gateway.failNextSends(1);
            assertThatThrownBy(() -> dispatch("welcome", "service", "email"))
                    .isInstanceOf(TransientJourneyException.class);
            assertThat(ledger.all())
                    .singleElement()
                    .satisfies(r -> assertThat(r.status()).isEqualTo(MessageRecord.RESERVED));
            assertThat(dispatch("welcome", "service", "email")).containsEntry("status", "sent");
            assertThat(dispatch("welcome", "service", "email")).containsEntry("status", "duplicate");
            assertThat(gateway.sent()).hasSize(1);
        }

        @Test
        void aRetryAfterConsentWasWithdrawnSendsNothing() {
            customer(C, "email", "anna@example.it");
            gateway.failNextSends(1);
            assertThatThrownBy(() -> dispatch("welcome", "service", "email"))
                    .isInstanceOf(TransientJourneyException.class);
            customer(
                    C,
                    List.of(
                            Events.event(EventTypes.CUSTOMER_UPSERTED, C)
                                    .id("u")
                                    .data("email", "anna@example.it")
                                    .build(),
                            Events.event(EventTypes.CONSENT_CHANGED, C)
                                    .id("cc")
                                    .data("channel", "email")
                                    .data("granted", false)
                                    .build()));
            assertThat(dispatch("welcome", "service", "email")).containsEntry("status", "suppressed");
            assertThat(gateway.sent()).isEmpty();
            assertThat(ledger.all())
                    .singleElement()
                    .satisfies(r -> assertThat(r.status()).isEqualTo(MessageRecord.SUPPRESSED));
        }

        @Test
        void aRetryAfterErasureSendsNothingAndDoesNotFail() {
            customer(C, "email", "anna@example.it");
            gateway.failNextSends(1);
            assertThatThrownBy(() -> dispatch("welcome", "service", "email"))
                    .isInstanceOf(TransientJourneyException.class);
            profiles.delete(C);
            contacts.delete(C);
            assertThat(dispatch("welcome", "service", "email")).containsEntry("status", "suppressed");
            assertThat(gateway.sent()).isEmpty();
        }

        @Test
        void marketingIsCappedPerDay() {
            customer(C, "email", "anna@example.it", "consent", Map.of("email", true));
            assertThat(dispatch("promo-1", "marketing", "email")).containsEntry("status", "sent");
            clock.advance(Duration.ofHours(2));
            assertThat(dispatch("promo-2", "marketing", "email")).containsEntry("status", "suppressed");
            clock.advance(Duration.ofHours(23));
            assertThat(dispatch("promo-3", "marketing", "email")).containsEntry("status", "sent");
        }
    }

    @Nested
    class ParkAndComplete {
        @Test
        void parkRegistersAWaitForEachEventType() {
            Map<String, Object> out = steps.handle(new ParkStep(
                    C, "tok-1", EXECUTION, "await-survey", List.of("survey.answered", "email.clicked"), null, 3600L));
            assertThat(out.get("parked")).isEqualTo(List.of("survey.answered", "email.clicked"));
            assertThat(waits.all()).hasSize(2).allSatisfy(w -> {
                assertThat(w.customerId()).isEqualTo(C);
                assertThat(w.taskToken()).isEqualTo("tok-1");
                assertThat(w.executionName()).isEqualTo(EXECUTION);
                assertThat(w.step()).isEqualTo("await-survey");
                assertThat(w.parkedAt()).isEqualTo(clock.instant());
                assertThat(w.expiresAt()).isEqualTo(clock.instant().plusSeconds(3600 + 3600));
            });
            assertThat(waits.waitingFor(C, "email.clicked")).hasSize(1);
        }

        @Test
        void parkWithoutEventTypesIsIllegal() {
            assertThatThrownBy(() -> new ParkStep(C, "t", EXECUTION, null, List.of(), null, null))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void completeMarksTheRunAndRemovesItsWaits() {
            customer(C);
            Profile p = profiles.find(C).orElseThrow();
            JourneyRun run = new JourneyRun(
                    "post-purchase", EXECUTION, Instant.parse("2026-06-10T08:00:00Z"), JourneyRun.RUNNING, null);
            JourneyRun other = new JourneyRun(
                    "post-purchase",
                    "post-purchase-c-1-o-2",
                    Instant.parse("2026-06-10T08:00:00Z"),
                    JourneyRun.RUNNING,
                    null);
            profiles.put(p.withJourneys(List.of(run, other)));
            waits.park(new ParkedWait(C, "survey.answered", EXECUTION, "s", "t1", clock.instant(), clock.instant()));
            waits.park(new ParkedWait(
                    C, "survey.answered", other.executionName(), "s", "t2", clock.instant(), clock.instant()));
            clock.advance(Duration.ofHours(73));

            Map<String, Object> out = steps.handle(new CompleteStep(C, EXECUTION, null, "post-purchase", "surveyed"));

            assertThat(out).containsEntry("status", "completed");
            Profile after = profiles.find(C).orElseThrow();
            assertThat(after.journeys())
                    .contains(
                            new JourneyRun("post-purchase", EXECUTION, run.startedAt(), "SUCCEEDED", clock.instant()),
                            other);
            assertThat(after.activeJourneys()).containsExactly(other);
            assertThat(after.outcomes()).containsEntry("post-purchase", "surveyed");
            assertThat(waits.all()).extracting(ParkedWait::taskToken).containsExactly("t2");
        }

        @Test
        void completeForAnErasedCustomerIsHarmless() {
            assertThat(steps.handle(new CompleteStep(C, EXECUTION, null, null, null)))
                    .containsEntry("status", "completed");
        }
    }

    @Nested
    class Errors {

        @Test
        void aStoreFailureIsTransient() {
            ProfileStore broken = new ProfileStore() {
                public Optional<Profile> find(String id) {
                    throw new IllegalStateException("throttled");
                }

                public Profile save(Profile p, long v) {
                    throw new IllegalStateException("throttled");
                }

                public void delete(String id) {}
            };
            JourneySteps failing = steps(broken);
            assertThatThrownBy(() -> failing.handle(new PlanStep(
                            C,
                            Channel.EMAIL,
                            null,
                            Instant.parse("2026-06-10T09:00:00Z"),
                            null,
                            null,
                            null,
                            null,
                            null)))
                    .isInstanceOf(TransientJourneyException.class)
                    .hasMessageContaining("plan")
                    .hasCauseInstanceOf(IllegalStateException.class);
            assertThatThrownBy(
                            () -> failing.handle(new DispatchStep(C, "j", "s", Channel.EMAIL, null, "e", null, null)))
                    .isInstanceOf(TransientJourneyException.class);
        }
    }

    @Test
    void messagesLeaveNoPersonalDataInTheLedger() {
        customer(C, "email", "anna@example.it");
        dispatch("welcome", "service", "email");
        List<String> rendered = new ArrayList<>();
        ledger.all().forEach(r -> rendered.add(r.toString()));
        assertThat(rendered).allSatisfy(s -> assertThat(s).doesNotContain("anna"));
    }
}
