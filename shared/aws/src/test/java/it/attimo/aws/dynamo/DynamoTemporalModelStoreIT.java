package it.attimo.aws.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.aws.testing.LocalDynamo;
import it.attimo.core.timing.profile.CustomerPrediction;
import it.attimo.core.timing.profile.FittedModel;
import it.attimo.core.timing.profile.ProfileAccumulator;
import it.attimo.core.timing.profile.TemporalModel;
import it.attimo.core.timing.profile.TemporalProfile;
import it.attimo.core.timing.synthetic.SyntheticPopulation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class DynamoTemporalModelStoreIT {
    static final DynamoDbClient CLIENT = LocalDynamo.shared().client();
    static final Instant AS_OF = SyntheticPopulation.endOfWeek(8);
    static List<TemporalProfile> profiles;
    static TemporalModel model;

    @BeforeAll
    static void fit() {
        SyntheticPopulation population = SyntheticPopulation.generate(400, 3);
        profiles = new ArrayList<>();
        for (SyntheticPopulation.Customer c : population.customers()) {
            ProfileAccumulator acc = new ProfileAccumulator(c.id(), AS_OF, Duration.ofDays(42));
            for (SyntheticPopulation.Event e : population.history(c, 8)) acc.add(e.type(), e.time());
            profiles.add(acc.finish());
        }
        model = TemporalModel.fit(profiles, TemporalModel.Settings.defaults());
    }

    @Test
    void nothingIsLatestBeforeTheFirstSave() {
        DynamoTemporalModelStore store =
                new DynamoTemporalModelStore(CLIENT, LocalDynamo.shared().freshTables("models"));
        assertThat(store.latest()).isEmpty();
    }

    @Test
    void theLatestSaveIsReadBackAndEachDayKeepsADatedCopyThatExpires() {
        String prefix = LocalDynamo.shared().freshTables("models");
        DynamoTemporalModelStore store = new DynamoTemporalModelStore(CLIENT, prefix);
        FittedModel first = new FittedModel(AS_OF, 400, 1000, model);
        FittedModel second = new FittedModel(AS_OF.plus(Duration.ofDays(1)), 401, 1001, model);

        store.save(first);
        store.save(second);

        FittedModel latest = store.latest().orElseThrow();
        assertThat(latest.fittedAt()).isEqualTo(second.fittedAt());
        assertThat(latest.customers()).isEqualTo(401);
        assertThat(latest.events()).isEqualTo(1001);
        for (TemporalProfile p : profiles.subList(0, 20)) {
            CustomerPrediction expected = model.predict(p);
            assertThat(latest.model().predict(p).sendScore()).containsExactly(expected.sendScore());
        }
        String table = AttimoTables.name(prefix, AttimoTables.MODELS);
        var items = CLIENT.scan(b -> b.tableName(table)).items();
        assertThat(items)
                .extracting(i -> i.get("modelId").s())
                .containsExactlyInAnyOrder(
                        "temporal#latest",
                        DynamoTemporalModelStore.datedId(first),
                        DynamoTemporalModelStore.datedId(second));
        assertThat(items)
                .filteredOn(i -> !i.get("modelId").s().equals("temporal#latest"))
                .allSatisfy(i -> assertThat(
                                Long.parseLong(i.get(AttimoTables.TTL_ATTRIBUTE).n()))
                        .isGreaterThan(AS_OF.plus(Duration.ofDays(89)).getEpochSecond()));
        assertThat(items)
                .filteredOn(i -> i.get("modelId").s().equals("temporal#latest"))
                .allSatisfy(i -> assertThat(i).doesNotContainKey(AttimoTables.TTL_ATTRIBUTE));
    }
}
