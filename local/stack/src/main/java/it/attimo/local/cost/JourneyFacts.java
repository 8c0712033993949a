package it.attimo.local.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import it.attimo.core.journey.JourneyCatalog;
import it.attimo.core.journey.JourneyCatalogLoader;
import it.attimo.core.journey.JourneyDefinition;
import it.attimo.core.journey.Milestone;
import it.attimo.local.SamTemplate;
import it.attimo.local.SamTemplate.FunctionSettings;
import it.attimo.local.cost.ExecutionPath.LambdaTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the project's own files say about one journey: from statemachines/journeys.json its ASL file, state machine
 * and milestones; from the ASL the counted path; from template.yaml the function each Lambda task invokes (through
 * the state machine's DefinitionSubstitutions) with its memory and architecture, and the functions every event goes
 * through (the one serving {@value #INGEST_ROUTE}, the consumer of the queue).
 *
 * @param tasks the Lambda tasks of the counted path with the function each invokes
 * @param shortestTransitions transitions of the shortest non-failing path, for scale
 * @param milestoneEvents the distinct events journeys.json's milestones wait for (entered / reached), the trigger left
 *     out
 */
public record JourneyFacts(
        String journey,
        String aslFile,
        String stateMachine,
        String triggerType,
        ExecutionPath path,
        int shortestTransitions,
        List<InvokedTask> tasks,
        Set<String> milestoneEvents,
        FunctionSettings ingestFunction,
        FunctionSettings scoreFunction) {

    static final String INGEST_ROUTE = "POST /events";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{([^}]+)}");

    /** A Lambda task of the path and the function it invokes. */
    public record InvokedTask(LambdaTask task, FunctionSettings function) {}

    public JourneyFacts {
        tasks = List.copyOf(tasks);
        milestoneEvents = Set.copyOf(milestoneEvents);
    }

    /**
     * @param home the project directory (template.yaml, statemachines/)
     * @throws IllegalArgumentException for a journey journeys.json does not declare (naming those it does), or files
     *     that do not fit together
     */
    public static JourneyFacts read(Path home, String journeyName, AslTransitionCounter counter) {
        Path statemachines = home.resolve("statemachines");
        JourneyCatalog catalog = JourneyCatalogLoader.load(statemachines.resolve("journeys.json"));
        JourneyDefinition journey = catalog.journey(journeyName)
                .orElseThrow(() -> new IllegalArgumentException("unknown journey '" + journeyName
                        + "': statemachines/journeys.json has " + String.join(", ", catalog.names())));
        SamTemplate template = SamTemplate.read(home.resolve("template.yaml"));
        SamTemplate.StateMachine machine = template.stateMachines().stream()
                .filter(sm -> sm.logicalId().equals(journey.stateMachine()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("journey " + journeyName + ": template.yaml has no "
                        + "AWS::Serverless::StateMachine " + journey.stateMachine()));
        JsonNode asl = readJson(statemachines.resolve(journey.asl()));
        ExecutionPath path = counter.longest(asl);
        Map<String, FunctionSettings> functions = template.functionSettings();

        List<InvokedTask> tasks = new ArrayList<>();
        for (LambdaTask task : path.lambdaTasks()) {
            String logicalId = SamTemplate.functionLogicalId(substitute(task.function(), machine.substitutions()));
            FunctionSettings function = functions.get(logicalId);
            if (function == null) {
                throw new IllegalArgumentException("journey " + journeyName + ": task " + task.state() + " invokes "
                        + task.function() + ", which is no function of template.yaml");
            }
            tasks.add(new InvokedTask(task, function));
        }
        String ingest = template.routes().stream()
                .filter(r -> r.routeKey().equals(INGEST_ROUTE))
                .map(SamTemplate.Route::functionLogicalId)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("template.yaml serves no " + INGEST_ROUTE));
        String score = template.queueConsumers().stream()
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("template.yaml has no function reading a queue"));

        Set<String> milestoneEvents = new TreeSet<>();
        for (Milestone m : journey.milestones()) {
            if (m.entered() != null) milestoneEvents.add(m.entered());
            if (m.reached() != null) milestoneEvents.add(m.reached());
        }
        milestoneEvents.remove(journey.triggerType());
        return new JourneyFacts(
                journey.name(),
                journey.asl(),
                journey.stateMachine(),
                journey.triggerType(),
                path,
                counter.shortest(asl).transitions(),
                tasks,
                milestoneEvents,
                functions.get(ingest),
                functions.get(score));
    }

    private static String substitute(String text, Map<String, String> substitutions) {
        Matcher m = SUBSTITUTION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(substitutions.getOrDefault(m.group(1), m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
