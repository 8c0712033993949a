package it.attimo.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.local.CloudFormationYaml;
import it.attimo.sfn.SfnTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every branch of statemachines/onboarding-72h.asl.json, run by the local executor on a virtual clock with the Task
 * states answered from a Step Functions Local MockConfigFile (src/test/resources/onboarding/onboarding-72h.mock.json).
 * Timeouts of the wait-for-event tasks are mocked as {@code States.Timeout}. The registration is at 08:00 UTC.
 */
class OnboardingStateMachineTest {
    private static final Instant REGISTERED = Instant.parse("2026-06-10T08:00:00Z");
    private static final String INPUT = """
            {"customerId":"c-1","journey":"onboarding-72h",
             "trigger":{"eventId":"e-reg","type":"account.registered","time":"2026-06-10T08:00:00Z"}}""";
    /** The template's DefinitionSubstitutions for the onboarding state machine (defaults). */
    static final Map<String, String> SUBSTITUTIONS = new LinkedHashMap<>();

    static {
        SUBSTITUTIONS.put("JourneyFunctionArn", "arn:aws:lambda:eu-south-1:000000000000:function:attimo-journey");
        SUBSTITUTIONS.put("FirstModuleTimeoutSeconds", "90");
        SUBSTITUTIONS.put("PortalTimeoutSeconds", "120");
        SUBSTITUTIONS.put("KeyModuleTimeoutSeconds", "7200");
        SUBSTITUTIONS.put("KeyModuleFormId", "profile");
        SUBSTITUTIONS.put("CaseStudyWaitSeconds", "172800");
        SUBSTITUTIONS.put("OnboardingWindowSeconds", "259200");
        SUBSTITUTIONS.put("PositiveInteractionAfter", "PT24H");
        SUBSTITUTIONS.put("OnboardingWindow", "PT72H");
        SUBSTITUTIONS.put("FirstModuleReminderOffset", "PT90S");
        SUBSTITUTIONS.put("SupportEmailOffset", "PT2M");
        SUBSTITUTIONS.put("KeyModuleNudgeOffset", "PT2H");
        SUBSTITUTIONS.put("ReminderWindow", "PT4H");
        SUBSTITUTIONS.put("CaseStudyWindow", "PT24H");
        SUBSTITUTIONS.put("RecoveryWindow", "PT24H");
    }

    private static Path asl;
    private static Path mocks;

    @BeforeAll
    static void locate() {
        Path root = TemplateConsistency.findProjectRoot(Path.of(""));
        asl = root.resolve("statemachines/onboarding-72h.asl.json");
        mocks = root.resolve("tests/src/test/resources/onboarding/onboarding-72h.mock.json");
    }

    private record Run(ObjectNode report) {
        String status() {
            return report.path("status").asText();
        }

        List<String> entered() {
            List<String> out = new ArrayList<>();
            report.path("history").forEach(e -> {
                if ("StateEntered".equals(e.path("type").asText()))
                    out.add(e.path("state").asText());
            });
            return out;
        }

        Instant enteredAt(String state) {
            for (JsonNode e : report.path("history")) {
                if ("StateEntered".equals(e.path("type").asText())
                        && state.equals(e.path("state").asText())) {
                    return Instant.parse(e.path("timestamp").asText());
                }
            }
            throw new AssertionError(state + " was never entered");
        }

        JsonNode inputOf(String state) {
            for (JsonNode e : report.path("history")) {
                if ("StateEntered".equals(e.path("type").asText())
                        && state.equals(e.path("state").asText())) {
                    return e.path("input");
                }
            }
            throw new AssertionError(state + " was never entered");
        }

        List<String> dispatches() {
            return entered().stream()
                    .filter(s -> s.startsWith("Dispatch"))
                    .sorted()
                    .toList();
        }
    }

    private static Run run(String testCase) {
        SfnTool tool = new SfnTool(REGISTERED);
        ObjectNode report = tool.run(asl, INPUT, Optional.of(mocks), Optional.of(testCase), SUBSTITUTIONS);
        assertThat(tool.warnings()).isEmpty();
        return new Run(report);
    }

    @Test
    void theDefinitionIsValidAndEverySubstitutionIsKnown() throws IOException {
        assertThat(new SfnTool(REGISTERED).validate(asl, SUBSTITUTIONS)).isEmpty();
        Set<String> used = new TreeSet<>();
        Matcher m = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}").matcher(Files.readString(asl));
        while (m.find()) used.add(m.group(1));
        assertThat(used).isEqualTo(new TreeSet<>(SUBSTITUTIONS.keySet()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theTunablesHereAreTheTemplatesDefaults() throws IOException {
        Path root = TemplateConsistency.findProjectRoot(Path.of(""));
        Map<String, Object> resources = (Map<String, Object>)
                CloudFormationYaml.read(root.resolve("template.yaml")).get("Resources");
        Map<String, Object> machine = (Map<String, Object>) resources.get("OnboardingStateMachine");
        Map<String, Object> properties = (Map<String, Object>) machine.get("Properties");
        assertThat(properties.get("DefinitionUri")).isEqualTo("statemachines/onboarding-72h.asl.json");
        Map<String, Object> substitutions = (Map<String, Object>) properties.get("DefinitionSubstitutions");
        assertThat(substitutions.keySet()).isEqualTo(SUBSTITUTIONS.keySet());
        SUBSTITUTIONS.forEach((name, value) -> {
            if (!name.equals("JourneyFunctionArn"))
                assertThat(String.valueOf(substitutions.get(name))).as(name).isEqualTo(value);
        });
    }

    @Test
    void anInactiveCustomerGetsTheSupportEmailAndTheKeyModuleNudgeThenIsEvaluatedAtRiskAt72h() {
        Run run = run("Inactive");

        assertThat(run.status()).isEqualTo("SUCCEEDED");
        assertThat(run.dispatches())
                .containsExactly("DispatchKeyModuleEmail", "DispatchKeyModuleSms", "DispatchSupportEmail");
        assertThat(run.entered())
                .doesNotContain(
                        "PlanFirstModuleReminder", "OpenAccountManagerTask", "PlanCaseStudy", "EvaluateFinished");
        assertThat(run.enteredAt("DispatchSupportEmail")).isEqualTo("2026-06-10T09:30:00Z");
        assertThat(run.enteredAt("EvaluateWindowClosed")).isEqualTo("2026-06-13T08:00:00Z");
        assertThat(run.report()
                        .path("output")
                        .path("evaluation")
                        .path("outcome")
                        .asText())
                .isEqualTo("at-risk");
        // the evaluation ends the run itself (End: true)
        assertThat(run.entered().get(run.entered().size() - 1)).isEqualTo("EvaluateWindowClosed");
    }

    @Test
    void aFirstModuleStartedButNotCompletedInTimeGetsTheReminderAnchoredOnItsStart() {
        Run run = run("SlowFirstModule");

        assertThat(run.dispatches()).contains("DispatchFirstModuleReminder");
        assertThat(run.inputOf("PlanFirstModuleReminder")
                        .path("firstModuleStarted")
                        .path("time")
                        .asText())
                .isEqualTo("2026-06-10T08:00:30Z");
    }

    @Test
    void aFirstModuleCompletedInTimeGetsNoReminder() {
        Run run = run("FastFirstModule");

        assertThat(run.entered())
                .contains("WaitFirstModuleCompleted")
                .doesNotContain("PlanFirstModuleReminder", "FirstModuleDone");
    }

    @Test
    void anEngagedCustomerGetsOnlyTheCaseStudyAfterTheFirstDayAndIsRetained() {
        Run run = run("Engaged");

        assertThat(run.dispatches()).containsExactly("DispatchCaseStudy");
        assertThat(run.enteredAt("WaitPositiveInteraction")).isEqualTo("2026-06-11T08:00:00Z");
        assertThat(run.enteredAt("DispatchCaseStudy")).isEqualTo("2026-06-11T14:00:00Z");
        assertThat(run.inputOf("PlanCaseStudy")
                        .path("positiveInteraction")
                        .path("eventId")
                        .asText())
                .isEqualTo("e-dl");
        assertThat(run.report()
                        .path("output")
                        .path("evaluation")
                        .path("outcome")
                        .asText())
                .isEqualTo("retained");
    }

    @Test
    void aSkippedSmsPlanStillLetsTheEmailOfTheNudgeGo() {
        Run run = run("KeyModuleSmsSkipped");

        // the skipped plan's Wait passes at once and its dispatch, told so, sends nothing
        assertThat(run.dispatches())
                .containsExactly("DispatchKeyModuleEmail", "DispatchKeyModuleSms", "DispatchSupportEmail");
        assertThat(run.enteredAt("DispatchKeyModuleSms")).isEqualTo("2026-06-10T10:00:00Z");
        assertThat(run.inputOf("DispatchKeyModuleSms")
                        .path("steps")
                        .path("keyModuleSms")
                        .path("plan")
                        .path("skipped")
                        .asBoolean())
                .isTrue();
        assertThat(run.enteredAt("DispatchKeyModuleEmail")).isEqualTo("2026-06-10T09:30:00Z");
    }

    @Test
    void enteringAtRiskOpensAnAccountManagerTaskAndSendsTheRecoveryTouchpoint() {
        Run run = run("AtRisk");

        assertThat(run.entered())
                .containsSubsequence(
                        "WaitAtRisk", "OpenAccountManagerTask", "PlanRecovery", "WaitForRecovery", "DispatchRecovery");
        assertThat(run.dispatches()).contains("DispatchRecovery");
        assertThat(run.status()).isEqualTo("SUCCEEDED");
    }

    @Test
    void aFailingAccountManagerTaskDoesNotStopTheRecoveryTouchpoint() {
        Run run = run("AtRiskTaskFails");

        assertThat(run.status()).isEqualTo("SUCCEEDED");
        assertThat(run.entered()).containsSubsequence("OpenAccountManagerTask", "PlanRecovery", "DispatchRecovery");
        assertThat(run.inputOf("PlanRecovery")
                        .path("steps")
                        .path("accountManagerTaskError")
                        .path("Error")
                        .asText())
                .isEqualTo("Attimo.Rejected");
    }

    @Test
    void aCustomerWhoFinishesEarlyEndsTheJourneyAndPendingSendsAreCancelled() {
        Run run = run("FinishedEarly");

        assertThat(run.status()).isEqualTo("SUCCEEDED");
        assertThat(run.entered())
                // woken by one milestone, parked again, and failed with the signal when none was left
                .containsSubsequence("WaitForMilestone", "WaitForMilestone", "EvaluateFinished");
        assertThat(run.entered().get(run.entered().size() - 1)).isEqualTo("EvaluateFinished");
        // the first-module reminder was waiting for 09:30 when the customer finished at 08:00: it never goes out
        assertThat(run.entered()).contains("WaitForFirstModuleReminder");
        assertThat(run.dispatches()).isEmpty();
        assertThat(run.entered()).doesNotContain("EvaluateWindowClosed");
        assertThat(run.enteredAt("EvaluateFinished")).isEqualTo(REGISTERED);
        assertThat(run.report()
                        .path("output")
                        .path("evaluation")
                        .path("outcome")
                        .asText())
                .isEqualTo("retained");
    }

    @Test
    void aStepThatKeepsFailingIsRetriedThenRecordedAsAbortedOnTheProfile() {
        Run run = run("ParkKeepsFailing");

        assertThat(run.status()).isEqualTo("FAILED");
        assertThat(run.report().path("error").asText()).isEqualTo("Attimo.JourneyAborted");
        assertThat(run.entered()).containsSubsequence("RecordAborted", "JourneyAborted");
        // three retries of the transient error: 5 s + 10 s + 20 s of backoff on the virtual clock
        assertThat(run.enteredAt("RecordAborted")).isEqualTo(REGISTERED.plusSeconds(35));
        assertThat(run.dispatches()).isEmpty();
    }
}
