package it.attimo.aws.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.aws.testing.LocalDynamo;
import it.attimo.core.analytics.AnalyticsComputation;
import it.attimo.core.analytics.AnalyticsQueries;
import it.attimo.core.analytics.AnalyticsSnapshot;
import it.attimo.core.json.Json;
import it.attimo.core.port.AnalyticsStore;
import it.attimo.core.testing.SyntheticCustomerBase;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The analytics snapshot in DynamoDB Local: chunked rows, an atomic switch to the new run, the old run deleted. */
class DynamoAnalyticsStoreIT {
    static final DynamoDbClient CLIENT = LocalDynamo.shared().client();
    static final Instant AS_OF = Instant.parse("2026-12-01T03:00:00Z");

    static AnalyticsSnapshot snapshot(int customers, Instant asOf) {
        AnalyticsSnapshot s = new AnalyticsComputation(AnalyticsComputation.Settings.defaults())
                .compute(SyntheticCustomerBase.activities(customers, 5, asOf), asOf);
        s.summary().put("generatedAt", asOf.toString());
        return s;
    }

    /** Customer rows sorted by id, as the analytics refresh writes them. */
    static AnalyticsSnapshot byId(AnalyticsSnapshot s) {
        List<ObjectNode> sorted = new java.util.ArrayList<>(s.customers());
        sorted.sort(java.util.Comparator.comparing(r -> r.path("customerId").asText()));
        return new AnalyticsSnapshot(s.runId(), s.summary(), sorted, s.accounts(), s.others());
    }

    @Test
    void nothingBeforeTheFirstSave() {
        DynamoAnalyticsStore store =
                new DynamoAnalyticsStore(CLIENT, LocalDynamo.shared().freshTables("models"));
        assertThat(store.latestSummary()).isEmpty();
    }

    @Test
    void rowsComeBackInOrderAcrossChunksAndPagesCrossChunkBoundaries() {
        String prefix = LocalDynamo.shared().freshTables("models");
        DynamoAnalyticsStore store = new DynamoAnalyticsStore(CLIENT, prefix);
        AnalyticsSnapshot snapshot = snapshot(1200, AS_OF);
        store.save(snapshot);
        ObjectNode summary = store.latestSummary().orElseThrow();
        String runId = summary.path("runId").asText();
        assertThat(runId).startsWith(AS_OF.toString());
        assertThat(summary.path("tables").path("customers").asInt()).isEqualTo(1200);
        assertThat(summary.path("clv").path("status").asText()).isEqualTo("fitted");
        List<ObjectNode> all = store.rows(runId, AnalyticsSnapshot.CUSTOMERS, 0, 1200);
        assertThat(all).hasSize(1200);
        for (int i = 0; i < 1200; i += 97)
            assertThat(all.get(i)).isEqualTo(snapshot.customers().get(i));
        List<ObjectNode> page = store.rows(runId, AnalyticsSnapshot.CUSTOMERS, 495, 10);
        assertThat(page)
                .extracting(r -> r.path("customerId").asText())
                .containsExactlyElementsOf(snapshot.customers().subList(495, 505).stream()
                        .map(r -> r.path("customerId").asText())
                        .toList());
        assertThat(store.rows(runId, AnalyticsSnapshot.CUSTOMERS, 1190, 100)).hasSize(10);
        assertThat(store.rows(runId, AnalyticsSnapshot.ACCOUNTS, 0, 1000))
                .hasSize(snapshot.accounts().size());
        assertThat(store.rows(runId, AnalyticsSnapshot.CUSTOMERS, 0, 0)).isEmpty();
    }

    @Test
    void customerRowFindsEveryCustomerAcrossChunksAndFollowsANewRun() {
        String prefix = LocalDynamo.shared().freshTables("models");
        DynamoAnalyticsStore store = new DynamoAnalyticsStore(CLIENT, prefix);
        AnalyticsSnapshot snapshot = byId(snapshot(1200, AS_OF));
        store.save(snapshot);
        for (int i = 0; i < 1200; i += 7) {
            ObjectNode row = snapshot.customers().get(i);
            assertThat(store.customerRow(row.path("customerId").asText())).contains(row);
        }
        ObjectNode last = snapshot.customers().get(1199);
        assertThat(store.customerRow(last.path("customerId").asText())).contains(last);
        assertThat(store.customerRow("")).isEmpty();
        assertThat(store.customerRow("\uffff")).isEmpty();
        // the chunks read for the first run are not answered for the next one
        AnalyticsSnapshot next = byId(snapshot(300, AS_OF.plusSeconds(86_400)));
        store.save(next);
        String kept = next.customers().get(150).path("customerId").asText();
        assertThat(store.customerRow(kept)).contains(next.customers().get(150));
        String gone = snapshot.customers().stream()
                .map(r -> r.path("customerId").asText())
                .filter(id -> next.customers().stream()
                        .noneMatch(r -> r.path("customerId").asText().equals(id)))
                .findFirst()
                .orElseThrow();
        assertThat(store.customerRow(gone)).isEmpty();
    }

    @Test
    void aNewRunReplacesTheOldOneWhoseChunksAreDeleted() throws Exception {
        String prefix = LocalDynamo.shared().freshTables("models");
        DynamoAnalyticsStore store = new DynamoAnalyticsStore(CLIENT, prefix);
        store.save(snapshot(700, AS_OF));
        String first = store.latestSummary().orElseThrow().path("runId").asText();
        // the same instant twice still makes two runs
        store.save(snapshot(300, AS_OF));
        String second = store.latestSummary().orElseThrow().path("runId").asText();
        assertThat(second).isNotEqualTo(first);
        assertThatThrownBy(() -> store.rows(first, AnalyticsSnapshot.CUSTOMERS, 0, 10))
                .isInstanceOf(AnalyticsStore.RunReplaced.class);
        assertThat(store.rows(second, AnalyticsSnapshot.CUSTOMERS, 0, 1000)).hasSize(300);
        long items =
                CLIENT.scanPaginator(b -> b.tableName(AttimoTables.name(prefix, AttimoTables.MODELS))).items().stream()
                        .count();
        // latest + one chunk of 300 customers + the accounts' chunk
        assertThat(items).isEqualTo(3);
        // the read side on top of it
        AnalyticsQueries queries = new AnalyticsQueries(store);
        var answer = queries.rfm("limit=10&offset=3", null);
        assertThat(Json.parse(answer.body()).path("rows")).hasSize(10);
        assertThat(queries.rfm("format=csv", null).body().split("\r\n").length).isGreaterThan(100);
    }
}
