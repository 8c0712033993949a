package it.attimo.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.event.CustomerEvent;
import it.attimo.local.LocalStack;
import it.attimo.local.StackOptions;
import it.attimo.tests.support.StackApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journey is one ASL file plus one entry of journeys.json, and its message templates in templates/ beside it: a
 * throw-away journey written into a temp directory (next to copies of the real ones) is triggered, planned, waited and
 * dispatched through the embedded stack over HTTP, with no Java and no template.yaml change.
 */
class JourneyAsDataEndToEndIT {
    private static final String SECRET = "e2e-secret";
    /** Wednesday 10 June 2026, 08:00 in Milan. */
    private static final Instant PLACED = Instant.parse("2026-06-10T06:00:00Z");

    private LocalStack stack;

    @AfterEach
    void stop() {
        if (stack != null) stack.close();
    }

    @Test
    void aJourneyDeclaredOnlyAsDataRunsEndToEnd(@TempDir Path dir) throws IOException {
        Path root = TemplateConsistency.findProjectRoot(Path.of(""));
        Path journeys = writeJourneys(root, dir);
        stack = LocalStack.start(StackOptions.inMemory(root, PLACED.minus(Duration.ofMinutes(5)), SECRET)
                .withJourneysFile(journeys));
        StackApi api = new StackApi(() -> stack.baseUrl(), SECRET);

        StackApi.Reply accepted = api.postEvents(List.of(
                upsert("big-1"), upsert("small-1"), placed("big-1", "o-big", 800), placed("small-1", "o-small", 40)));
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
        assertThat(accepted.body().path("rejected").asInt()).as(accepted.raw()).isZero();
        assertThat(api.clockSet(PLACED.plus(Duration.ofHours(30))).status()).isEqualTo(200);

        List<JsonNode> big = api.outbox("big-1");
        assertThat(big).hasSize(1);
        assertThat(big.get(0).path("journey").asText()).isEqualTo("big-order-thanks");
        assertThat(big.get(0).path("step").asText()).isEqualTo("thanks");
        assertThat(big.get(0).path("channel").asText()).isEqualTo("email");
        assertThat(big.get(0).path("subject").asText()).isEqualTo("Grazie per il Suo ordine");
        assertThat(big.get(0).path("text").asText()).startsWith("Buongiorno,");
        // planned inside the e-mail window of a working day in Milan: Wednesday 10 June, 10:00 at the earliest
        Instant sendAt = Instant.parse(big.get(0).path("sendAt").asText());
        assertThat(sendAt).isAfterOrEqualTo(Instant.parse("2026-06-10T07:30:00Z"));
        assertThat(sendAt).isBefore(Instant.parse("2026-06-10T12:00:00Z"));
        // the trigger's data condition (total >= 500) keeps the small order out
        assertThat(api.outbox("small-1")).isEmpty();
        JsonNode executions = api.get("/executions").body();
        assertThat(executions.findValuesAsText("journey")).containsOnly("big-order-thanks");
        assertThat(executions.findValuesAsText("status")).containsOnly("SUCCEEDED");
        assertThat(stack.health()
                        .path("components")
                        .path("stepFunctions")
                        .path("journeys")
                        .toString())
                .contains("big-order-thanks", "post-purchase", "onboarding-72h");
    }

    /** Copies the real journeys (their ASL files too) and adds one that exists nowhere else. */
    private static Path writeJourneys(Path root, Path dir) throws IOException {
        Path real = root.resolve("statemachines");
        ObjectNode file = (ObjectNode)
                StackApi.JSON.readTree(real.resolve("journeys.json").toFile());
        ArrayNode list = (ArrayNode) file.get("journeys");
        for (JsonNode j : list) {
            String asl = j.path("asl").asText();
            Files.copy(real.resolve(asl), dir.resolve(asl));
        }
        list.add(StackApi.JSON.readTree("""
                {"name": "big-order-thanks", "asl": "big-order-thanks.asl.json",
                 "trigger": {"type": "order.placed", "where": {"total": {"gte": 500}},
                             "profile": {"segment": {"eq": "b2c"}}},
                 "kind": "service", "priority": 0,
                 "milestones": [{"name": "thanks", "step": "thanks"}]}
                """));
        Files.writeString(dir.resolve("journeys.json"), file.toPrettyString());
        Files.writeString(dir.resolve("big-order-thanks.asl.json"), """
                {
                  "Comment": "Throw-away journey of JourneyAsDataEndToEndIT: one thank-you e-mail for a big order",
                  "StartAt": "PlanThanks",
                  "States": {
                    "PlanThanks": {
                      "Type": "Task",
                      "Resource": "arn:aws:states:::lambda:invoke",
                      "Parameters": {
                        "FunctionName": "${JourneyFunctionArn}",
                        "Payload": {
                          "action": "plan", "customerId.$": "$.customerId", "journey": "big-order-thanks",
                          "step": "thanks", "executionId.$": "$$.Execution.Id", "channel": "email",
                          "kind": "service", "anchor.$": "$.trigger.time", "offset": "PT0S", "window": "PT24H"
                        }
                      },
                      "ResultSelector": {"plan.$": "$.Payload"},
                      "ResultPath": "$.thanks",
                      "Next": "WaitForThanks"
                    },
                    "WaitForThanks": {"Type": "Wait", "TimestampPath": "$.thanks.plan.sendAt", "Next": "DispatchThanks"},
                    "DispatchThanks": {
                      "Type": "Task",
                      "Resource": "arn:aws:states:::lambda:invoke",
                      "Parameters": {
                        "FunctionName": "${JourneyFunctionArn}",
                        "Payload": {
                          "action": "dispatch", "customerId.$": "$.customerId", "journey": "big-order-thanks",
                          "step": "thanks", "channel": "email", "kind": "service",
                          "executionId.$": "$$.Execution.Id", "sendAt.$": "$.thanks.plan.sendAt"
                        }
                      },
                      "ResultSelector": {"status.$": "$.Payload.status"},
                      "ResultPath": "$.thanks.dispatch",
                      "End": true
                    }
                  }
                }
                """);
        // its messages: the templates of its one step, in both registers, beside journeys.json
        Path templates = Files.createDirectories(dir.resolve("templates").resolve("big-order-thanks"));
        Files.writeString(templates.resolve("thanks.email.formale.mustache"), """
                Oggetto: Grazie per il Suo ordine
                Buongiorno{{#firstName}} {{firstName}}{{/firstName}},

                La ringraziamo per il Suo ordine: lo stiamo già preparando.

                Cordiali saluti,
                Il Servizio Clienti
                """);
        Files.writeString(templates.resolve("thanks.email.informale.mustache"), """
                Oggetto: Grazie per il tuo ordine!
                Ciao{{#firstName}} {{firstName}}{{/firstName}},

                grazie per il tuo ordine: lo stiamo già preparando.

                A presto!
                Il Servizio Clienti
                """);
        return dir.resolve("journeys.json");
    }

    private static CustomerEvent upsert(String customer) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("segment", "b2c");
        data.put("comune", "015146");
        data.put("email", customer + "@example.invalid");
        data.put("consent", Map.of("email", true));
        return new CustomerEvent(
                "up-" + customer, "e2e", "customer.upserted", customer, PLACED.minus(Duration.ofDays(3)), data);
    }

    private static CustomerEvent placed(String customer, String orderId, int total) {
        return new CustomerEvent(
                "placed-" + orderId,
                "e2e",
                "order.placed",
                customer,
                PLACED,
                Map.of("orderId", orderId, "total", total));
    }
}
