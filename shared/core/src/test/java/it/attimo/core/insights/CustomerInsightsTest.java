package it.attimo.core.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.analytics.AnalyticsSnapshot;
import it.attimo.core.channel.Channel;
import it.attimo.core.customer.ChurnRisk;
import it.attimo.core.customer.Consent;
import it.attimo.core.customer.JourneyRun;
import it.attimo.core.customer.Location;
import it.attimo.core.customer.Profile;
import it.attimo.core.customer.ScoreLine;
import it.attimo.core.customer.Segment;
import it.attimo.core.error.BadRequest;
import it.attimo.core.error.NotFound;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.insights.JourneyExecution.StateEvent;
import it.attimo.core.insights.JourneyExecution.Status;
import it.attimo.core.journey.MessageRecord;
import it.attimo.core.json.Json;
import it.attimo.core.profile.ProfileQueries;
import it.attimo.core.testing.InMemoryAnalyticsStore;
import it.attimo.core.testing.InMemoryContactStore;
import it.attimo.core.testing.InMemoryEventLog;
import it.attimo.core.testing.InMemoryMessageLedger;
import it.attimo.core.testing.InMemoryProfileStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CustomerInsightsTest {
    static final Instant T0 = JourneyInsightsTest.T0;

    final InMemoryProfileStore profiles = new InMemoryProfileStore();
    final InMemoryEventLog events = new InMemoryEventLog();
    final InMemoryMessageLedger ledger = new InMemoryMessageLedger();
    final InMemoryAnalyticsStore analytics = new InMemoryAnalyticsStore();
    final JourneyInsightsTest.FakeExecutions executions = new JourneyInsightsTest.FakeExecutions();
    CustomerInsights insights;

    @BeforeEach
    void setUp() {
        insights = new CustomerInsights(
                new ProfileQueries(profiles, new InMemoryContactStore()), events, ledger, executions, analytics);
        Profile p = new Profile(
                "c1",
                Segment.B2C,
                new Location("015146", "Milano", "MI", "Milano", "Lombardia", "Nord-ovest"),
                "it",
                "tu",
                Map.of("email", new Consent(true, "form", T0)),
                42,
                "warm",
                List.of(new ScoreLine("email-click", 5, T0, "ev-2", "clicked the welcome")),
                Map.of(),
                T0,
                T0,
                List.of(
                        new JourneyRun("post-purchase", "pp-c1", T0, JourneyRun.RUNNING, null),
                        new JourneyRun("delivery-delay", "dd-c1", T0.minusSeconds(3600), "SUCCEEDED", T0)),
                List.of(),
                Map.of(),
                T0,
                0,
                new ChurnRisk(ChurnRisk.HIGH, 0.7, List.of("delivery late over 72 h")));
        profiles.save(p, 0);
        events.append(new CustomerEvent(
                "ev-1", "shop", "order.delivered", "c1", T0, Map.of("orderId", "o-1", "email", "anna@example.com")));
        events.append(new CustomerEvent(
                "ev-2", "ses", "email.clicked", "c1", T0.plusSeconds(7200), Map.of("channel", "email")));
        ledger.update(new MessageRecord(
                "c1",
                MessageRecord.messageIdOf("pp-c1", "welcome"),
                "post-purchase",
                "pp-c1",
                "welcome",
                Channel.EMAIL,
                "service",
                T0.plusSeconds(3600),
                MessageRecord.SENT,
                null,
                null,
                T0));
        ledger.recordPlan(new MessageRecord(
                "c1",
                MessageRecord.planIdOf("pp-c1", "welcome"),
                "post-purchase",
                "pp-c1",
                "welcome",
                Channel.EMAIL,
                "service",
                T0.plusSeconds(3600),
                MessageRecord.PLANNED,
                null,
                null,
                T0));
        ledger.recordPlan(new MessageRecord(
                "c1",
                MessageRecord.planIdOf("pp-c1", "tutorial"),
                "post-purchase",
                "pp-c1",
                "tutorial",
                Channel.EMAIL,
                "service",
                T0.plusSeconds(86_400),
                MessageRecord.PLANNED,
                null,
                null,
                T0.plusSeconds(3601)));
        ObjectNode state = Json.object();
        state.putObject("steps")
                .putObject("tutorial")
                .putObject("plan")
                .put("suitability", 81)
                .putArray("reasons")
                .add("email golden hour 10:00-12:00 +20");
        List<StateEvent> path =
                new ArrayList<>(JourneyInsightsTest.path(T0, 60, "PlanWelcome", "WaitForWelcome", "DispatchWelcome"));
        path.add(new StateEvent("WaitForTutorial", true, T0.plusSeconds(360)));
        executions.all.add(
                new JourneyExecution("post-purchase", "pp-c1", "c1", Status.RUNNING, T0, null, path, state.toString()));
    }

    @Test
    void theCustomerIsWhereTheExecutionIsWithTheNextSendAndWhy() throws Exception {
        JsonNode c = Json.parse(insights.customer("c1", null, null).body());
        assertThat(c.path("customerId").asText()).isEqualTo("c1");
        assertThat(c.path("segment").asText()).isEqualTo("b2c");
        assertThat(c.path("area").asText()).isEqualTo("Nord-ovest");
        assertThat(c.path("tier").asText()).isEqualTo("warm");
        assertThat(c.path("score").path("value").asDouble()).isEqualTo(42);
        assertThat(c.path("score").path("breakdown").get(0).path("rule").asText())
                .isEqualTo("email-click");
        assertThat(c.path("consents").path("email").path("granted").asBoolean()).isTrue();
        assertThat(c.path("churn").path("rule").path("risk").asText()).isEqualTo("high");
        assertThat(c.path("churn").path("rule").path("reasons").get(0).asText()).contains("72 h");
        assertThat(c.path("churn").path("model").isNull()).isTrue();

        JsonNode pp = c.path("journeys").get(0);
        assertThat(pp.path("journey").asText()).isEqualTo("post-purchase");
        assertThat(pp.path("status").asText()).isEqualTo("RUNNING");
        assertThat(pp.path("state").asText()).isEqualTo("WaitForTutorial");
        assertThat(pp.path("since").asText()).isEqualTo(T0.plusSeconds(360).toString());
        JsonNode next = pp.path("nextSend");
        assertThat(next.path("step").asText()).isEqualTo("tutorial");
        assertThat(next.path("channel").asText()).isEqualTo("email");
        assertThat(next.path("sendAt").asText())
                .isEqualTo(T0.plusSeconds(86_400).toString());
        assertThat(next.path("suitability").asInt()).isEqualTo(81);
        assertThat(next.path("reasons").get(0).asText()).contains("golden hour");

        JsonNode dd = c.path("journeys").get(1);
        assertThat(dd.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(dd.path("state").isNull()).isTrue();
        assertThat(dd.path("nextSend").isNull()).isTrue();
        assertThat(dd.path("since").asText()).isEqualTo(T0.toString());

        JsonNode timeline = c.path("timeline");
        assertThat(timeline.size()).isEqualTo(3);
        assertThat(timeline.get(0).path("type").asText()).isEqualTo("email.clicked");
        assertThat(timeline.get(0).path("channel").asText()).isEqualTo("email");
        assertThat(timeline.get(1).path("kind").asText()).isEqualTo("message");
        assertThat(timeline.get(1).path("type").asText()).isEqualTo("post-purchase/welcome");
        assertThat(timeline.get(1).path("status").asText()).isEqualTo("SENT");
        assertThat(timeline.get(2).path("summary").asText()).isEqualTo("order.delivered orderId=o-1");
        assertThat(c.toString()).doesNotContain("anna@example.com");
    }

    @Test
    void theChurnModelComesFromTheLatestRefreshRowFoundByBinarySearch() throws Exception {
        List<ObjectNode> rows = new ArrayList<>();
        for (String id : List.of("a0", "b1", "c1", "d2", "e3")) {
            ObjectNode row = Json.object().put("customerId", id);
            row.putObject("churnModel")
                    .put("probability", id.equals("c1") ? 0.42 : 0.1)
                    .put("calibrated", true)
                    .put("horizonDays", 90);
            rows.add(row);
        }
        ObjectNode summary = Json.object().put("runId", "r1");
        summary.putObject("tables").put(AnalyticsSnapshot.CUSTOMERS, rows.size());
        analytics.save(new AnalyticsSnapshot("r1", summary, rows, List.of()));
        JsonNode model = Json.parse(insights.customer("c1", null, null).body())
                .path("churn")
                .path("model");
        assertThat(model.path("probability").asDouble()).isEqualTo(0.42);
        assertThat(model.path("calibrated").asBoolean()).isTrue();
        for (ObjectNode row : rows)
            assertThat(analytics.customerRow(row.path("customerId").asText())).contains(row);
        assertThat(analytics.customerRow("zz")).isEmpty();
        assertThat(analytics.customerRow("0")).isEmpty();
    }

    @Test
    void csvIsTheTimelineAndUnknownCustomersAre404() {
        String csv = insights.customer("c1", "format=csv", null).body();
        assertThat(csv).startsWith("at,kind,type,channel,status,summary\r\n");
        assertThat(csv.split("\r\n")).hasSize(4);
        assertThatThrownBy(() -> insights.customer("nobody", null, null)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> insights.customer("c1", "x=1", null)).isInstanceOf(BadRequest.class);
    }
}
