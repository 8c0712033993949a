package it.attimo.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import it.attimo.aws.dynamo.AttimoTables;
import it.attimo.core.journey.JourneyError;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** template.yaml stays true to the code and the state machine files it deploys. */
class TemplateConsistencyTest {

    private static final Set<String> JOURNEY_ERRORS =
            Arrays.stream(JourneyError.values()).map(JourneyError::errorName).collect(Collectors.toSet());

    private static Path root;
    private static TemplateConsistency template;

    @BeforeAll
    static void loadProjectTemplate() throws IOException {
        root = TemplateConsistency.findProjectRoot(Path.of(""));
        template = TemplateConsistency.load(root);
    }

    @Test
    void findsTheProjectRootFromAnyDirectoryBelowIt() {
        assertThat(root.resolve("pom.xml")).isRegularFile();
        assertThat(TemplateConsistency.findProjectRoot(root.resolve("tests/src/test/java")))
                .isEqualTo(root);
        assertThat(TemplateConsistency.findProjectRoot(root)).isEqualTo(root);
    }

    @Test
    void declaresTheFunctionsTheCodeProvides() {
        assertThat(template.resourcesOfType(TemplateConsistency.FUNCTION).keySet())
                .map(id -> (String) template.functionProperty(id, "Handler"))
                .contains(
                        "it.attimo.function.ingest.IngestHandler",
                        "it.attimo.function.score.ScoreHandler",
                        "it.attimo.function.journey.JourneyHandler",
                        "it.attimo.function.insights.InsightsAppHandler",
                        "it.attimo.function.insights.RefreshHandler");
    }

    @Test
    void everyHandlerIsACompiledClassOfTheModuleItsCodeUriDeploys() {
        assertThat(template.handlerProblems(TemplateConsistencyTest::isOnClasspath))
                .isEmpty();
    }

    @Test
    void everyCodeUriIsTheShadedJarOfAnExistingFunctionModule() {
        assertThat(template.codeUriProblems()).isEmpty();
    }

    @Test
    void everyDefinitionUriExists() {
        assertThat(template.resourcesOfType(TemplateConsistency.STATE_MACHINE)).isNotEmpty();
        assertThat(template.definitionUriProblems()).isEmpty();
    }

    @Test
    void everyPlaceholderInADefinitionHasASubstitutionAndEverySubstitutionIsUsed() {
        assertThat(template.substitutionProblems()).isEmpty();
    }

    @Test
    void everyInvokedLambdaIsAFunctionOfTheTemplateThatTheStateMachineMayInvoke() {
        assertThat(template.invokedFunctionProblems()).isEmpty();
        assertThat(template.invokedFunctions()).containsEntry("PostPurchaseStateMachine", Set.of("JourneyFunction"));
    }

    @Test
    void deploysExactlyTheTablesTheCodeUses() {
        List<TemplateConsistency.ExpectedTable> expected = AttimoTables.deployed().stream()
                .map(t -> new TemplateConsistency.ExpectedTable(t.table(), t.partitionKey(), t.sortKey(), t.ttl()))
                .toList();
        assertThat(expected)
                .extracting(TemplateConsistency.ExpectedTable::name)
                .contains("profiles", "contacts", "events", "messages", "waits", "quarantine");
        assertThat(template.tableProblems(expected, AttimoTables.TTL_ATTRIBUTE)).isEmpty();
    }

    @Test
    void startsEveryStateMachineUnderTheJourneyNameOfItsDefinitionFile() {
        assertThat(template.stateMachineArnsProblems()).isEmpty();
    }

    @Test
    void everyStateMachineRetriesAndCatchesNamedErrorsNeverAJavaClass() {
        assertThat(template.errorNameProblems(JOURNEY_ERRORS)).isEmpty();
    }

    @Test
    void servesTheRoutesOfTheApiFromTheRightFunctions() {
        Map<String, String> routes = template.routes();
        assertThat(routes)
                .containsEntry("POST /events", "IngestFunction")
                .containsEntry("POST /webhooks/hubspot", "IngestFunction")
                .containsEntry("POST /webhooks/ses", "IngestFunction")
                .containsEntry("POST /webhooks/sns-sms", "IngestFunction")
                .containsEntry("POST /webhooks/sns-push", "IngestFunction")
                .containsEntry("DELETE /profiles/{customerId}", "IngestFunction")
                .containsEntry("GET /unsubscribe/{token}", "IngestFunction")
                .containsEntry("POST /unsubscribe/{token}", "IngestFunction")
                .containsEntry("GET /preferences/{token}", "IngestFunction")
                .containsEntry("POST /preferences/{token}", "IngestFunction")
                .containsEntry("POST /webhooks/mailchimp/{secret}", "IngestFunction")
                .containsEntry("GET /webhooks/mailchimp/{secret}", "IngestFunction")
                .containsEntry("POST /webhooks/salesforce", "IngestFunction")
                .containsEntry("GET /profiles/{customerId}", "InsightsFunction")
                .containsEntry("GET /profiles/{customerId}/export", "InsightsFunction")
                .containsEntry("POST /trays", "TraysFunction")
                .containsEntry("GET /touchpoints", "InsightsFunction")
                .containsEntry("GET /q/{code}", "IngestFunction")
                .containsEntry("GET /tray/{token}", "TraysFunction")
                .containsEntry("GET /", "InsightsFunction")
                .containsEntry("GET /app", "InsightsFunction")
                .containsEntry("GET /app/{asset}", "InsightsFunction")
                .containsEntry("GET /app/api", "InsightsFunction")
                .containsEntry("GET /app/login", "InsightsFunction");
        assertThat(routes.keySet())
                .allSatisfy(route -> assertThat(template.functionProperty(routes.get(route), "Handler"))
                        .asString()
                        .endsWith(
                                route.contains(" /tray")
                                        ? "TraysHandler"
                                        : route.startsWith("POST")
                                                        || route.startsWith("DELETE")
                                                        || route.contains(" /webhooks/")
                                                        || route.startsWith("GET /q/")
                                                        || route.startsWith("GET /forms/")
                                                        || route.startsWith("GET /unsubscribe/")
                                                        || route.startsWith("GET /preferences/")
                                                ? "IngestHandler"
                                                // the insights routes and the web app that shows them
                                                : "InsightsAppHandler"));
    }

    private static boolean isOnClasspath(String className) {
        try {
            Class.forName(className, false, TemplateConsistencyTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The checks themselves catch drift: a template with one mistake of each kind. */
    @Nested
    class OnABrokenTemplate {

        private final TemplateConsistency broken;

        OnABrokenTemplate() throws IOException, URISyntaxException {
            // not named template.yaml, so that nothing mistakes it for a deployable template
            Path fixture = Path.of(TemplateConsistencyTest.class
                            .getResource("/template-consistency/broken/fixture.yaml")
                            .toURI())
                    .getParent();
            broken = TemplateConsistency.load(fixture, "fixture.yaml");
        }

        @Test
        void reportsAJavaClassNameInErrorEqualsButNotANamedErrorOrAFailStatesError() {
            assertThat(broken.errorNameProblems(JOURNEY_ERRORS))
                    .singleElement()
                    .asString()
                    .startsWith(
                            "JourneyStateMachine: ErrorEquals names it.attimo.core.journey.TransientJourneyException,");
        }

        @Test
        void reportsAHandlerThatIsNotCompiledOrNotInItsModule() {
            assertThat(broken.handlerProblems(TemplateConsistencyTest::isOnClasspath))
                    .anySatisfy(p -> assertThat(p).startsWith("GhostFunction: handler class it.attimo.nowhere.Ghost"))
                    .anySatisfy(p -> assertThat(p)
                            .startsWith("MisplacedFunction: handler java.lang.String"
                                    + " is not a source of module functions/real"));
        }

        @Test
        void reportsCodeUrisThatAreNotAFunctionModulesShadedJar() {
            assertThat(broken.codeUriProblems())
                    .containsExactlyInAnyOrder(
                            "GhostFunction: CodeUri functions/ghost/target/function.jar names module functions/ghost,"
                                    + " which has no pom.xml",
                            "ZipFunction: CodeUri build/app.zip is not functions/<module>/target/function.jar");
        }

        @Test
        void reportsAMissingDefinitionFile() {
            assertThat(broken.definitionUriProblems())
                    .containsExactly("LostStateMachine: DefinitionUri statemachines/lost.asl.json does not exist");
        }

        @Test
        void reportsMissingAndUnusedSubstitutions() {
            assertThat(broken.substitutionProblems())
                    .containsExactlyInAnyOrder(
                            "JourneyStateMachine: ${Forgotten} has no DefinitionSubstitutions entry",
                            "JourneyStateMachine: substitution Leftover is not used by its definition");
        }

        @Test
        void reportsLambdaTargetsThatAreNotFunctionsOfTheTemplate() {
            assertThat(broken.invokedFunctionProblems())
                    .containsExactlyInAnyOrder(
                            "JourneyStateMachine state InvokeTable: ${TableArn} = {Fn::GetAtt=[SomeTable, Arn]}"
                                    + " does not refer to a function of the template",
                            "JourneyStateMachine state InvokeHardCoded: invokes"
                                    + " arn:aws:lambda:eu-south-1:123456789012:function:x, not a ${Substitution}",
                            "JourneyStateMachine state InvokeDynamic: FunctionName is chosen at run time,"
                                    + " so it cannot be checked",
                            "JourneyStateMachine state InvokeUnpermitted: no LambdaInvokePolicy of JourneyStateMachine"
                                    + " covers ZipFunction");
        }

        @Test
        void reportsTablesThatDifferFromWhatTheCodeExpects() {
            List<TemplateConsistency.ExpectedTable> expected = List.of(
                    new TemplateConsistency.ExpectedTable("things", "customerId", null, true),
                    new TemplateConsistency.ExpectedTable("absent", "customerId", "eventId", false));
            assertThat(broken.tableProblems(expected, "expiresAt"))
                    .containsExactlyInAnyOrder(
                            "GhostFunction: ATTIMO_TABLE_PREFIX is fixed, not the stack name",
                            "FixedNameTable: TableName is not ${AWS::StackName}-<name>",
                            "ExtraTable: table extra is not one the code uses",
                            "SomeTable: keys {HASH=id}, the code expects {HASH=customerId}",
                            "SomeTable: key id is not a string",
                            "SomeTable: has no TTL",
                            "no table ${AWS::StackName}-absent");
        }

        @Test
        void reportsJourneyNamesThatDoNotMatchTheirStateMachines() {
            assertThat(broken.stateMachineArnsProblems())
                    .containsExactlyInAnyOrder(
                            "MisplacedFunction: journey renamed is JourneyStateMachine, whose definition is"
                                    + " statemachines/journey.asl.json, not statemachines/renamed.asl.json",
                            "MisplacedFunction: journey ghost points at SomeTable, not a state machine",
                            "LostStateMachine: no function's ATTIMO_STATE_MACHINE_ARNS lists it");
        }

        @Test
        void readsShortFormIntrinsicsAsTheirLongForm() {
            assertThat(TemplateConsistency.referencedResource(Map.of("Ref", "MisplacedFunction.Alias")))
                    .contains("MisplacedFunction");
            // !Ref X.Alias and !Sub "${X.Arn}" both name X
            assertThat(broken.invokedFunctions().get("JourneyStateMachine"))
                    .containsExactly("MisplacedFunction", "ZipFunction");
        }
    }

    @Test
    void failsClearlyWhenNoTemplateIsAbove(@TempDir Path empty) throws IOException {
        Path nested = Files.createDirectories(empty.resolve("a/b"));
        assumeFalse(hasTemplateAbove(empty), "the temporary directory sits below a template.yaml");
        assertThatThrownBy(() -> TemplateConsistency.findProjectRoot(nested))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no template.yaml");
    }

    private static boolean hasTemplateAbove(Path dir) {
        for (Path d = dir.toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("template.yaml"))) {
                return true;
            }
        }
        return false;
    }
}
