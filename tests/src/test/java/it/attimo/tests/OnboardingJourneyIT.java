package it.attimo.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import it.attimo.aws.channel.DynamoOutboxChannel;
import it.attimo.core.event.CustomerEvent;
import it.attimo.local.LocalStack;
import it.attimo.local.StackOptions;
import it.attimo.tests.support.StackApi;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The onboarding journey end to end through the real HTTP API of the local stack, on its virtual clock: five b2b
 * customers registered at the same instant, each taking another path through the 72 hours.
 * <ul>
 *   <li>A does nothing: support email, key-module SMS + email, at-risk recovery + account-manager task, at-risk at 72 h;</li>
 *   <li>B finishes everything in 260 s: no message at all, the journey ends early, retained;</li>
 *   <li>C starts the first module and stops: the reminder;</li>
 *   <li>D's portal access arrives in the same batch as its registration: no support email (early-event race);</li>
 *   <li>E downloads a white paper after 30 h: the case-study email.</li>
 * </ul>
 */
class OnboardingJourneyIT {
    private static final String SECRET = "onboarding-it-secret";
    private static final Instant T0 = Instant.parse("2026-06-10T08:00:00Z"); // Wednesday, 10:00 in Rome
    private static final String MILANO = "015146";
    private static final String A = "onb-a", B = "onb-b", C = "onb-c", D = "onb-d", E = "onb-e";

    private static LocalStack stack;
    private static StackApi api;
    private static int sequence;

    @BeforeAll
    static void runTheSeventyTwoHours() throws Exception {
        Path root = TemplateConsistency.findProjectRoot(Path.of(""));
        stack = LocalStack.start(StackOptions.inMemory(root, T0, SECRET));
        api = new StackApi(() -> stack.baseUrl(), SECRET);

        List<CustomerEvent> registration = new ArrayList<>();
        for (String c : List.of(A, B, C, D, E)) {
            registration.add(event(
                    c,
                    "customer.upserted",
                    T0.minusSeconds(60),
                    Map.of(
                            "segment",
                            "b2b",
                            "comune",
                            MILANO,
                            "email",
                            c + "@example.com",
                            "phone",
                            "+3933300000" + (10 + registration.size()),
                            "locale",
                            "it-IT",
                            "consent",
                            Map.of("email", true, "sms", true))));
            registration.add(event(c, "account.registered", T0, Map.of()));
        }
        registration.add(event(D, "portal.accessed", T0, Map.of()));
        sendAt(T0, registration);

        sendAt(
                T0.plusSeconds(20),
                List.of(
                        event(C, "portal.accessed", T0.plusSeconds(20), Map.of()),
                        event(E, "portal.accessed", T0.plusSeconds(20), Map.of())));
        sendAt(
                T0.plusSeconds(30),
                List.of(
                        event(B, "portal.accessed", T0.plusSeconds(30), Map.of()),
                        event(C, "form.started", T0.plusSeconds(30), Map.of("formId", "first-module"))));
        sendAt(
                T0.plusSeconds(40),
                List.of(event(B, "form.started", T0.plusSeconds(40), Map.of("formId", "first-module"))));
        sendAt(
                T0.plusSeconds(80),
                List.of(event(
                        B,
                        "form.completed",
                        T0.plusSeconds(80),
                        Map.of("formId", "first-module", "durationSeconds", 40, "errors", 0))));
        sendAt(
                T0.plusSeconds(200),
                List.of(event(
                        B,
                        "form.completed",
                        T0.plusSeconds(200),
                        Map.of("formId", "profile", "durationSeconds", 90, "errors", 0))));
        sendAt(
                T0.plusSeconds(260),
                List.of(event(
                        B, "video.watched", T0.plusSeconds(260), Map.of("videoId", "guide", "watchedSeconds", 120))));
        sendAt(
                T0.plusSeconds(30 * 3600),
                List.of(event(
                        E, "content.downloaded", T0.plusSeconds(30 * 3600), Map.of("contentId", "white-paper-cloud"))));
        clockMoved(api.clockSet(T0.plus(Duration.ofHours(73))));
    }

    @AfterAll
    static void stop() {
        if (stack != null) stack.close();
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private static CustomerEvent event(String customer, String type, Instant time, Map<String, Object> data) {
        return new CustomerEvent(
                "onb-" + (++sequence), "it:onboarding", type, customer, time, new LinkedHashMap<>(data));
    }

    /** Moves the virtual clock to {@code at}, posts the signed batch, and lets the stack process it. */
    private static void sendAt(Instant at, List<CustomerEvent> events) {
        clockMoved(api.clockSet(at));
        StackApi.Reply reply = api.postEvents(events);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(202);
        assertThat(reply.body().path("rejected").asInt()).as(reply.raw()).isZero();
        clockMoved(api.clockAdvance("PT0S"));
    }

    private static void clockMoved(StackApi.Reply reply) {
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
    }

    private static JsonNode get(String path) {
        StackApi.Reply reply = api.get(path);
        assertThat(reply.status()).as(path + ": " + reply.raw()).isEqualTo(200);
        return reply.body();
    }

    private static Set<String> onboardingSteps(String customer) {
        Set<String> steps = new TreeSet<>();
        for (JsonNode m : api.outbox(customer)) {
            if ("onboarding-72h".equals(m.path("journey").asText()))
                steps.add(m.path("step").asText());
        }
        return steps;
    }

    private static JsonNode onboardingRun(JsonNode profile) {
        for (JsonNode j : profile.path("journeys")) {
            if ("onboarding-72h".equals(j.path("journey").asText())) return j;
        }
        throw new AssertionError("no onboarding run on " + profile.path("customerId"));
    }

    // ---- the paths --------------------------------------------------------------------------------------------

    @Test
    void aCustomerWhoDoesNothingGetsSupportTheNudgeAndRecoveryAndEndsAtRisk() throws Exception {
        assertThat(onboardingSteps(A))
                .contains("support-email", "key-module-sms", "key-module-email", "recovery")
                .doesNotContain("first-module-reminder", "case-study");
        assertThat(api.outbox(A))
                .anySatisfy(m ->
                        assertThat(m.path("channel").asText()).isEqualTo(DynamoOutboxChannel.ACCOUNT_MANAGER_CHANNEL));
        JsonNode profile = get("/profiles/" + A);
        assertThat(profile.path("outcomes").path("onboarding-72h").asText()).isEqualTo("at-risk");
        assertThat(onboardingRun(profile).path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(Instant.parse(onboardingRun(profile).path("endedAt").asText()))
                .isEqualTo(T0.plus(Duration.ofHours(72)));
    }

    @Test
    void aCustomerWhoFinishesEarlyGetsNothingAndTheJourneyEndsAtOnce() throws Exception {
        assertThat(api.outbox(B)).isEmpty();
        JsonNode profile = get("/profiles/" + B);
        assertThat(profile.path("outcomes").path("onboarding-72h").asText()).isEqualTo("retained");
        assertThat(onboardingRun(profile).path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(Instant.parse(onboardingRun(profile).path("endedAt").asText()))
                .isEqualTo(T0.plusSeconds(260));
        assertThat(profile.path("tier").asText()).isEqualTo("hot");
    }

    @Test
    void aFirstModuleStartedAndLeftGetsTheReminderButThePortalUserNoSupportEmail() throws Exception {
        assertThat(onboardingSteps(C)).contains("first-module-reminder").doesNotContain("support-email");
    }

    @Test
    void aPortalAccessThatArrivedWithTheRegistrationStillCounts() throws Exception {
        assertThat(onboardingSteps(D)).doesNotContain("support-email");
    }

    @Test
    void aDownloadAfterTheFirstDayGetsTheCaseStudy() throws Exception {
        assertThat(onboardingSteps(E)).contains("case-study").doesNotContain("support-email");
        for (JsonNode m : api.outbox(E)) {
            if ("case-study".equals(m.path("step").asText())) {
                assertThat(Instant.parse(m.path("sendAt").asText()))
                        .isAfter(T0.plus(Duration.ofHours(30)))
                        .isBefore(T0.plus(Duration.ofHours(72)));
            }
        }
    }

    @Test
    void theKpisCountTheFiveCustomers() throws Exception {
        JsonNode overall = get("/kpis/onboarding").path("overall");

        assertThat(overall.path("customers").asInt()).isEqualTo(5);
        assertThat(overall.path("abandonmentRatePercent").path("portal").asDouble())
                .isEqualTo(20.0);
        assertThat(overall.path("abandonmentRatePercent").path("first-module").asDouble())
                .isEqualTo(50.0);
        assertThat(overall.path("guideCompletedPercent").asDouble()).isEqualTo(20.0);
        assertThat(overall.path("meanModuleCompletionSeconds")
                        .path("first-module")
                        .asDouble())
                .isEqualTo(40.0);
        assertThat(overall.path("outcomes").path("retained").asInt()).isEqualTo(1);
        assertThat(overall.path("outcomes").path("at-risk").asInt()).isEqualTo(4);
        assertThat(get("/kpis/onboarding").path("cohorts").get(0).path("cohort").asText())
                .isEqualTo("2026-W24");
    }
}
