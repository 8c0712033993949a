package it.attimo.core.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.journey.JourneyCatalog;
import it.attimo.core.json.Json;
import it.attimo.core.scoring.PlanProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExperimentCatalogLoaderTest {
    static final JourneyCatalog JOURNEYS = JourneyCatalog.defaults();

    @Test
    void theBundledFileDeclaresTheSeedsTutorialTest() {
        ExperimentCatalog catalog = ExperimentCatalogLoader.bundled(JOURNEYS);
        Experiment e = catalog.covering("post-purchase", "tutorial").orElseThrow();
        assertThat(e.id()).isEqualTo("tutorial-timing");
        assertThat(e.arms())
                .extracting(ExperimentArm::name, ExperimentArm::offset, ExperimentArm::weight)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("tutorial-12h", Duration.ofHours(12), 50),
                        org.assertj.core.groups.Tuple.tuple("tutorial-24h", Duration.ofHours(24), 50));
        assertThat(e.control().name()).isEqualTo("tutorial-12h");
        assertThat(e.metric().within()).isEqualTo(Duration.ofHours(72));
        assertThat(e.autoPromote()).isTrue();
        assertThat(e.alpha()).isEqualTo(0.05);
        assertThat(e.minimumSample()).as("80% power for the seed's effect").isEqualTo(400);
        Instant t = Instant.parse("2026-06-10T10:00:00Z");
        assertThat(e.metric().converts(CustomerEvent.of("v", "video.watched", "c", t, Map.of("videoId", "guide"))))
                .isTrue();
        assertThat(e.metric().converts(CustomerEvent.of("v", "video.watched", "c", t, Map.of("videoId", "intro"))))
                .isFalse();
        assertThat(e.metric().converts(CustomerEvent.of("k", "email.clicked", "c", t, Map.of("link", "support"))))
                .isTrue();
        assertThat(catalog.covering("post-purchase", "welcome")).isEmpty();
        assertThat(catalog.covering(null, "tutorial")).isEmpty();
        assertThat(catalog.find("tutorial-timing")).contains(e);
    }

    @Test
    void theRepositorysFileNamesAPlanStepOfItsJourneysAsl() throws Exception {
        Path dir = Path.of("../../statemachines");
        ExperimentCatalog catalog = ExperimentCatalogLoader.load(dir.resolve("experiments.json"), JOURNEYS);
        for (Experiment e : catalog.all()) {
            if (e.onTouchpoint()) continue;
            JsonNode asl = Json.parse(
                    Files.readString(dir.resolve(JOURNEYS.require(e.journey()).asl())));
            Set<String> planned = new HashSet<>();
            // a plan is its own Task (action plan) or rides on the previous send's dispatch (its "next")
            asl.findParents("action").forEach(p -> {
                if ("plan".equals(p.path("action").asText()))
                    planned.add(p.path("step").asText());
                if (p.path("next").hasNonNull("step"))
                    planned.add(p.path("next").path("step").asText());
            });
            assertThat(planned).as("plan steps of " + e.journey()).contains(e.step());
        }
    }

    @Test
    void theMetricWindowIsInclusiveAndStartsAtTheSend() {
        Experiment e = ExperimentCatalogLoader.bundled(JOURNEYS).all().get(0);
        Instant sent = Instant.parse("2026-06-10T10:00:00Z");
        var guide = Map.<String, Object>of("videoId", "guide");
        assertThat(e.metric()
                        .convertsAfter(CustomerEvent.of("a", "video.watched", "c", sent.minusSeconds(1), guide), sent))
                .isFalse();
        assertThat(e.metric()
                        .convertsAfter(
                                CustomerEvent.of("b", "video.watched", "c", sent.plus(Duration.ofHours(72)), guide),
                                sent))
                .isTrue();
        assertThat(e.metric()
                        .convertsAfter(
                                CustomerEvent.of(
                                        "c",
                                        "video.watched",
                                        "c",
                                        sent.plus(Duration.ofHours(72)).plusSeconds(1),
                                        guide),
                                sent))
                .isFalse();
    }

    @Test
    void listsEveryProblemWithItsExperimentAndField() {
        assertThatThrownBy(() -> ExperimentCatalogLoader.parse("bad.json", """
                {"experiments": [
                  {"id": "Bad Id", "journey": "nowhere", "step": "tutorial", "colour": "red",
                   "arms": [{"name": "a", "offset": "12h", "weight": 0}, {"name": "a", "offset": "-PT1H", "weight": 5, "x": 1}],
                   "metric": {"name": "m", "events": [{"type": "video.teleported"}, {"type": "video.watched", "where": {"videoId": {"like": "g"}}}], "within": "PT0S"},
                   "minimumSample": 0, "alpha": 0.9, "autoPromote": "yes"},
                  {"id": "ok", "journey": "post-purchase", "step": "tutorial",
                   "arms": [{"name": "x", "offset": "P90D", "weight": 1}],
                   "metric": {"events": []}, "minimumSample": 10}
                ]}""", JOURNEYS))
                .isInstanceOf(ExperimentCatalogException.class)
                .satisfies(ex -> {
                    var problems = ((ExperimentCatalogException) ex).problems();
                    assertThat(problems)
                            .extracting(PlanProblem::field)
                            .contains(
                                    "id",
                                    "colour",
                                    "journey",
                                    "arms[0].offset",
                                    "arms[0].weight",
                                    "arms[1].name",
                                    "arms[1].offset",
                                    "arms[1].x",
                                    "metric.events[0].type",
                                    "metric.events[1].where.videoId.like",
                                    "metric.within",
                                    "minimumSample",
                                    "alpha",
                                    "autoPromote",
                                    "arms",
                                    "metric.name",
                                    "metric.events");
                    assertThat(problems).anySatisfy(p -> {
                        assertThat(p.ruleId()).isEqualTo("Bad Id");
                        assertThat(p.reason()).contains("no journey 'nowhere'").contains("post-purchase");
                    });
                    assertThat(ex.getMessage()).startsWith("bad.json: ").contains("experiment 'ok'");
                });
    }

    @Test
    void refusesTwoExperimentsOnOneStepAndADuplicateId() {
        String one = """
                {"id": "%s", "journey": "post-purchase", "step": "tutorial",
                 "arms": [{"name": "a", "offset": "PT1H", "weight": 1}, {"name": "b", "offset": "PT2H", "weight": 1}],
                 "metric": {"name": "m", "events": [{"type": "video.watched"}], "within": "P3D"}, "minimumSample": 5}""";
        assertThatThrownBy(() -> ExperimentCatalogLoader.parse(
                        "x", "{\"experiments\": [" + one.formatted("a") + "," + one.formatted("a") + "]}", JOURNEYS))
                .hasMessageContaining("declared twice")
                .hasMessageContaining("already covers post-purchase / tutorial");
    }

    @Test
    void refusesMalformedFilesAndAcceptsAnEmptyList() {
        assertThatThrownBy(() -> ExperimentCatalogLoader.parse("x", "{", JOURNEYS))
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> ExperimentCatalogLoader.parse("x", "[]", JOURNEYS))
                .hasMessageContaining("JSON object");
        assertThatThrownBy(() -> ExperimentCatalogLoader.parse("x", "{\"experiment\": []}", JOURNEYS))
                .hasMessageContaining("unknown field")
                .hasMessageContaining("required: an array");
        assertThatThrownBy(() -> ExperimentCatalogLoader.parse("x", "{\"experiments\": [1]}", JOURNEYS))
                .hasMessageContaining("must be an object");
        assertThat(ExperimentCatalogLoader.parse("x", "{\"experiments\": []}", JOURNEYS)
                        .all())
                .isEmpty();
        assertThat(ExperimentCatalogLoader.loadOrBundled(ExperimentCatalogLoader.NONE, JOURNEYS)
                        .all())
                .isEmpty();
        assertThat(ExperimentCatalogLoader.loadOrBundled("", JOURNEYS).all())
                .extracting(Experiment::id)
                .containsExactly("tutorial-timing", "brochure-landing");
        assertThat(ExperimentCatalogLoader.loadOrBundled("../../statemachines/experiments.json", JOURNEYS)
                        .all())
                .hasSize(2);
        assertThatThrownBy(() -> ExperimentCatalogLoader.load(Path.of("no/such/experiments.json"), JOURNEYS))
                .hasMessageContaining("cannot read the experiments file");
    }

    @Test
    void armsSplitThePointsByWeight() {
        Experiment e = ExperimentCatalogLoader.parse("x", """
                {"experiments": [{"id": "w", "journey": "post-purchase", "step": "survey",
                 "arms": [{"name": "a", "offset": "PT1H", "weight": 1}, {"name": "b", "offset": "PT2H", "weight": 3}],
                 "metric": {"name": "m", "events": [{"type": "survey.answered"}], "within": "P1D"}, "minimumSample": 5}]}""", JOURNEYS).all().get(0);
        assertThat(e.armAt(0.0).name()).isEqualTo("a");
        assertThat(e.armAt(0.2499).name()).isEqualTo("a");
        assertThat(e.armAt(0.25).name()).isEqualTo("b");
        assertThat(e.armAt(0.9999999).name()).isEqualTo("b");
        assertThat(e.alpha()).isEqualTo(0.05);
        assertThat(e.autoPromote()).isFalse();
        assertThat(e.arm("c")).isEmpty();
    }

    @Test
    void wrongTypesAreNamedToo() {
        assertThatThrownBy(() -> ExperimentCatalogLoader.parse("x", """
                {"experiments": [
                  {"id": 7, "journey": "", "step": "Tutorial!", "arms": "two", "metric": [], "minimumSample": "many",
                   "alpha": "low", "autoPromote": 1},
                  {"id": "t", "journey": "post-purchase", "step": "tutorial",
                   "arms": [1, {"name": "UPPER", "offset": 12, "weight": 1.5}, {"name": "b", "offset": "PT1H"}],
                   "metric": {"name": "m", "events": [3, {"type": "video.watched", "x": 1}], "within": "soon"},
                   "minimumSample": 5, "alpha": 0}
                ]}""", JOURNEYS))
                .isInstanceOf(ExperimentCatalogException.class)
                .satisfies(ex -> assertThat(((ExperimentCatalogException) ex).problems())
                        .extracting(PlanProblem::field)
                        .contains(
                                "experiments[0].id",
                                "journey",
                                "step",
                                "arms",
                                "metric",
                                "minimumSample",
                                "alpha",
                                "autoPromote",
                                "arms[0]",
                                "arms[1].name",
                                "arms[1].offset",
                                "arms[1].weight",
                                "arms[2].weight",
                                "metric.events[0]",
                                "metric.events[1].x",
                                "metric.within"));
    }
}
