package it.attimo.tests;

import it.attimo.local.CloudFormationYaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Cross-checks a SAM template against the files it points at: handler classes, function jars, state machine
 * definitions and their {@code ${...}} substitutions. Each check returns readable problems (empty = consistent),
 * so a test can show exactly what drifted.
 */
final class TemplateConsistency {

    static final String FUNCTION = "AWS::Serverless::Function";
    static final String STATE_MACHINE = "AWS::Serverless::StateMachine";

    private static final Pattern CODE_URI = Pattern.compile("functions/([a-z0-9-]+)/target/function\\.jar");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern WHOLE_PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");
    private static final String LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke";

    private final Path root;
    private final Map<String, Object> template;

    private TemplateConsistency(Path root, Map<String, Object> template) {
        this.root = root;
        this.template = template;
    }

    static TemplateConsistency load(Path root) throws IOException {
        return load(root, "template.yaml");
    }

    /** A template with another file name; its paths are relative to {@code root} all the same. */
    static TemplateConsistency load(Path root, String templateFile) throws IOException {
        return new TemplateConsistency(root, CloudFormationYaml.read(root.resolve(templateFile)));
    }

    /** The nearest directory, from {@code start} upwards, that holds a template.yaml. */
    static Path findProjectRoot(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no template.yaml in " + start.toAbsolutePath() + " or any parent");
    }

    /**
     * The project's {@code statemachines/} (journeys, experiments, ASL files) copied into {@code dir}, for a suite that
     * edits a file before starting a stack on the copy; answers the project root.
     */
    static Path copyStatemachines(Path dir) throws IOException {
        Path root = findProjectRoot(Path.of(""));
        try (var files = Files.list(root.resolve("statemachines"))) {
            for (Path f : files.toList()) Files.copy(f, dir.resolve(f.getFileName()));
        }
        return root;
    }

    /** Logical id → resource, for every resource of the given type, in template order. */
    Map<String, Map<String, Object>> resourcesOfType(String type) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        asMap(template.get("Resources")).forEach((id, resource) -> {
            Map<String, Object> body = asMap(resource);
            if (type.equals(body.get("Type"))) {
                found.put(id, body);
            }
        });
        return found;
    }

    /** A function's property, falling back to Globals.Function as SAM does. */
    Object functionProperty(String functionId, String name) {
        Object own = properties(resourcesOfType(FUNCTION).get(functionId)).get(name);
        if (own != null) {
            return own;
        }
        return asMap(asMap(template.get("Globals")).get("Function")).get(name);
    }

    List<String> handlerProblems(Predicate<String> classExists) {
        List<String> problems = new ArrayList<>();
        for (String id : resourcesOfType(FUNCTION).keySet()) {
            if (!(functionProperty(id, "Handler") instanceof String handler) || handler.isBlank()) {
                problems.add(id + ": no Handler");
                continue;
            }
            String className = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
            if (!classExists.test(className)) {
                problems.add(id + ": handler class " + className + " is not on the classpath");
            }
            moduleOf(id).ifPresent(module -> {
                Path source = root.resolve("functions")
                        .resolve(module)
                        .resolve("src/main/java")
                        .resolve(className.replace('.', '/') + ".java");
                if (!Files.isRegularFile(source)) {
                    problems.add(id + ": handler " + className + " is not a source of module functions/" + module
                            + " (expected " + root.relativize(source) + "), so it is not in the jar CodeUri deploys");
                }
            });
        }
        return problems;
    }

    List<String> codeUriProblems() {
        List<String> problems = new ArrayList<>();
        for (String id : resourcesOfType(FUNCTION).keySet()) {
            Object codeUri = functionProperty(id, "CodeUri");
            if (!(codeUri instanceof String path)) {
                problems.add(id + ": CodeUri " + codeUri + " is not a local path");
                continue;
            }
            Optional<String> module = moduleOf(id);
            if (module.isEmpty()) {
                problems.add(id + ": CodeUri " + path + " is not functions/<module>/target/function.jar");
            } else if (!Files.isRegularFile(
                    root.resolve("functions").resolve(module.get()).resolve("pom.xml"))) {
                problems.add(id + ": CodeUri " + path + " names module functions/" + module.get()
                        + ", which has no pom.xml");
            }
        }
        return problems;
    }

    List<String> definitionUriProblems() {
        List<String> problems = new ArrayList<>();
        resourcesOfType(STATE_MACHINE).forEach((id, resource) -> {
            Object uri = properties(resource).get("DefinitionUri");
            if (!(uri instanceof String path)) {
                problems.add(id + ": DefinitionUri " + uri + " is not a local path");
            } else if (!Files.isRegularFile(root.resolve(path))) {
                problems.add(id + ": DefinitionUri " + path + " does not exist");
            }
        });
        return problems;
    }

    /** Every ${Name} in a definition has a DefinitionSubstitutions entry, and every entry is used. */
    List<String> substitutionProblems() {
        List<String> problems = new ArrayList<>();
        resourcesOfType(STATE_MACHINE).forEach((id, resource) -> {
            Optional<String> definition = definitionText(resource);
            if (definition.isEmpty()) {
                return;
            }
            Set<String> placeholders = new LinkedHashSet<>();
            Matcher matcher = PLACEHOLDER.matcher(definition.get());
            while (matcher.find()) {
                placeholders.add(matcher.group(1));
            }
            Set<String> substitutions = substitutions(resource).keySet();
            for (String name : placeholders) {
                if (!substitutions.contains(name)) {
                    problems.add(id + ": ${" + name + "} has no DefinitionSubstitutions entry");
                }
            }
            for (String name : substitutions) {
                if (!placeholders.contains(name)) {
                    problems.add(id + ": substitution " + name + " is not used by its definition");
                }
            }
        });
        return problems;
    }

    /**
     * Every Lambda a definition invokes is named by a substitution that refers to a function of this template,
     * which the state machine's policies allow it to invoke.
     */
    List<String> invokedFunctionProblems() {
        List<String> problems = new ArrayList<>();
        invocations(problems);
        return problems;
    }

    /** State machine id → the template functions its definition invokes. */
    Map<String, Set<String>> invokedFunctions() {
        return invocations(new ArrayList<>());
    }

    /** A table the code expects: its short name (deployed as {@code <stack>-<name>}), key attributes and TTL. */
    record ExpectedTable(String name, String partitionKey, String sortKey, boolean expires) {}

    /**
     * The template deploys exactly the tables the code expects, named {@code ${AWS::StackName}-<name>} with the same
     * string keys and TTL attribute, and every function finds them through ATTIMO_TABLE_PREFIX = the stack name.
     */
    List<String> tableProblems(List<ExpectedTable> expected, String ttlAttribute) {
        List<String> problems = new ArrayList<>();
        for (String id : resourcesOfType(FUNCTION).keySet()) {
            Object prefix = environmentVariable(id, "ATTIMO_TABLE_PREFIX");
            if (!Map.of("Ref", "AWS::StackName").equals(prefix)) {
                problems.add(id + ": ATTIMO_TABLE_PREFIX is " + prefix + ", not the stack name");
            }
        }
        Map<String, String> idsByName = new LinkedHashMap<>();
        Pattern tableName = Pattern.compile("\\$\\{AWS::StackName}-([a-z0-9-]+)");
        resourcesOfType("AWS::DynamoDB::Table").forEach((id, table) -> {
            Object name = asMap(properties(table).get("TableName")).get("Fn::Sub");
            Matcher matcher = tableName.matcher(String.valueOf(name));
            if (matcher.matches()) {
                idsByName.put(matcher.group(1), id);
            } else {
                problems.add(id + ": TableName is not ${AWS::StackName}-<name>");
            }
        });
        Map<String, ExpectedTable> expectedByName = new LinkedHashMap<>();
        expected.forEach(table -> expectedByName.put(table.name(), table));
        idsByName.forEach((name, id) -> {
            if (!expectedByName.containsKey(name)) {
                problems.add(id + ": table " + name + " is not one the code uses");
            }
        });
        for (ExpectedTable table : expected) {
            String id = idsByName.get(table.name());
            if (id == null) {
                problems.add("no table ${AWS::StackName}-" + table.name());
                continue;
            }
            Map<String, Object> props =
                    properties(resourcesOfType("AWS::DynamoDB::Table").get(id));
            Map<String, String> keys = new LinkedHashMap<>();
            if (props.get("KeySchema") instanceof List<?> schema) {
                schema.forEach(key -> keys.put(
                        String.valueOf(asMap(key).get("KeyType")),
                        String.valueOf(asMap(key).get("AttributeName"))));
            }
            Map<String, String> expectedKeys = new LinkedHashMap<>();
            expectedKeys.put("HASH", table.partitionKey());
            if (table.sortKey() != null) {
                expectedKeys.put("RANGE", table.sortKey());
            }
            if (!keys.equals(expectedKeys)) {
                problems.add(id + ": keys " + keys + ", the code expects " + expectedKeys);
            }
            if (props.get("AttributeDefinitions") instanceof List<?> attributes) {
                attributes.stream()
                        .map(TemplateConsistency::asMap)
                        .filter(attribute -> !"S".equals(attribute.get("AttributeType")))
                        .forEach(attribute ->
                                problems.add(id + ": key " + attribute.get("AttributeName") + " is not a string"));
            }
            Map<String, Object> ttl = asMap(props.get("TimeToLiveSpecification"));
            boolean expires = Boolean.TRUE.equals(ttl.get("Enabled"));
            if (expires != table.expires()) {
                problems.add(id + (table.expires() ? ": has no TTL" : ": has a TTL the code does not expect"));
            } else if (expires && !ttlAttribute.equals(ttl.get("AttributeName"))) {
                problems.add(id + ": TTL attribute " + ttl.get("AttributeName") + ", the code writes " + ttlAttribute);
            }
        }
        return problems;
    }

    /**
     * ATTIMO_STATE_MACHINE_ARNS is a {@code journey=${StateMachine}} list in which each journey is named after its
     * definition file ({@code statemachines/<journey>.asl.json}, as the local stack names them), and which lists
     * every state machine of the template.
     */
    List<String> stateMachineArnsProblems() {
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, Object>> machines = resourcesOfType(STATE_MACHINE);
        Set<String> started = new LinkedHashSet<>();
        Pattern entry = Pattern.compile("([a-z0-9-]+)=\\$\\{([A-Za-z0-9]+)}");
        for (String id : resourcesOfType(FUNCTION).keySet()) {
            Object value = environmentVariable(id, "ATTIMO_STATE_MACHINE_ARNS");
            if (value == null) {
                continue;
            }
            Object list = asMap(value).get("Fn::Sub");
            if (!(list instanceof String text)) {
                problems.add(id + ": ATTIMO_STATE_MACHINE_ARNS is not a !Sub journey=${StateMachine} list");
                continue;
            }
            for (String item : text.split(",")) {
                Matcher matcher = entry.matcher(item.trim());
                if (!matcher.matches()) {
                    problems.add(
                            id + ": ATTIMO_STATE_MACHINE_ARNS entry '" + item + "' is not journey=${StateMachine}");
                    continue;
                }
                String journey = matcher.group(1);
                String machine = matcher.group(2);
                if (!machines.containsKey(machine)) {
                    problems.add(id + ": journey " + journey + " points at " + machine + ", not a state machine");
                    continue;
                }
                Object uri = properties(machines.get(machine)).get("DefinitionUri");
                if (!("statemachines/" + journey + ".asl.json").equals(uri)) {
                    problems.add(id + ": journey " + journey + " is " + machine + ", whose definition is " + uri
                            + ", not statemachines/" + journey + ".asl.json");
                }
                started.add(machine);
            }
        }
        machines.keySet().stream()
                .filter(machine -> !started.contains(machine))
                .forEach(machine -> problems.add(machine + ": no function's ATTIMO_STATE_MACHINE_ARNS lists it"));
        return problems;
    }

    /** "METHOD /path" → id of the function the HTTP API routes it to. */
    Map<String, String> routes() {
        Map<String, String> routes = new TreeMap<>();
        resourcesOfType(FUNCTION)
                .forEach((id, resource) -> asMap(properties(resource).get("Events"))
                        .values()
                        .forEach(event -> {
                            Map<String, Object> body = asMap(event);
                            if ("HttpApi".equals(body.get("Type")) || "Api".equals(body.get("Type"))) {
                                Map<String, Object> props = asMap(body.get("Properties"));
                                routes.put(
                                        String.valueOf(props.get("Method")).toUpperCase(Locale.ROOT) + " "
                                                + props.get("Path"),
                                        id);
                            }
                        }));
        return routes;
    }

    /** A function's environment variable, its own value first, then the one in Globals. */
    private Object environmentVariable(String functionId, String name) {
        Object own = asMap(asMap(properties(resourcesOfType(FUNCTION).get(functionId))
                                .get("Environment"))
                        .get("Variables"))
                .get(name);
        if (own != null) {
            return own;
        }
        return asMap(asMap(asMap(asMap(template.get("Globals")).get("Function")).get("Environment"))
                        .get("Variables"))
                .get(name);
    }

    private Map<String, Set<String>> invocations(List<String> problems) {
        Map<String, Set<String>> invoked = new LinkedHashMap<>();
        Set<String> functions = resourcesOfType(FUNCTION).keySet();
        resourcesOfType(STATE_MACHINE).forEach((id, resource) -> {
            Optional<String> text = definitionText(resource);
            if (text.isEmpty()) {
                return;
            }
            Map<String, Object> substitutions = substitutions(resource);
            Set<String> invokable = invokePolicyFunctions(resource);
            Set<String> targets = new LinkedHashSet<>();
            Map<String, Object> definition = asMap(new Yaml(new SafeConstructor(new LoaderOptions())).load(text.get()));
            forEachTask(definition, (stateName, task) -> {
                Object resourceArn = task.get("Resource");
                String where = id + " state " + stateName;
                Object target;
                if (resourceArn instanceof String arn && arn.startsWith(LAMBDA_INVOKE)) {
                    Map<String, Object> parameters =
                            asMap(task.containsKey("Arguments") ? task.get("Arguments") : task.get("Parameters"));
                    if (parameters.containsKey("FunctionName.$")) {
                        problems.add(where + ": FunctionName is chosen at run time, so it cannot be checked");
                        return;
                    }
                    target = parameters.get("FunctionName");
                } else if (resourceArn instanceof String arn
                        && (arn.startsWith("arn:aws:lambda:")
                                || WHOLE_PLACEHOLDER.matcher(arn).matches())) {
                    target = arn;
                } else {
                    return; // not a Lambda task
                }
                Matcher placeholder = WHOLE_PLACEHOLDER.matcher(String.valueOf(target));
                if (!placeholder.matches()) {
                    problems.add(where + ": invokes " + target + ", not a ${Substitution}");
                    return;
                }
                String name = placeholder.group(1);
                if (!substitutions.containsKey(name)) {
                    problems.add(where + ": invokes ${" + name + "}, which has no DefinitionSubstitutions entry");
                    return;
                }
                Optional<String> referenced = referencedResource(substitutions.get(name));
                if (referenced.isEmpty() || !functions.contains(referenced.get())) {
                    problems.add(where + ": ${" + name + "} = " + substitutions.get(name)
                            + " does not refer to a function of the template");
                    return;
                }
                if (!invokable.contains(referenced.get())) {
                    problems.add(where + ": no LambdaInvokePolicy of " + id + " covers " + referenced.get());
                }
                targets.add(referenced.get());
            });
            invoked.put(id, targets);
        });
        return invoked;
    }

    /**
     * Every Retry/Catch ErrorEquals entry of every definition is a named error: {@code States.*}, {@code Lambda.*},
     * one of {@code named} (the errors the journey function throws), or the Error of a Fail state of the same
     * definition, or the {@code finishedError} its milestone watch (a park with {@code milestonesOf}) fails its task
     * with. Never a Java class name: renaming the class would silently disable the retry.
     */
    List<String> errorNameProblems(Set<String> named) {
        List<String> problems = new ArrayList<>();
        resourcesOfType(STATE_MACHINE).forEach((id, resource) -> {
            Optional<String> text = definitionText(resource);
            if (text.isEmpty()) {
                return;
            }
            Object definition = new Yaml(new SafeConstructor(new LoaderOptions())).load(text.get());
            Set<String> failErrors = new LinkedHashSet<>();
            Set<String> matched = new LinkedHashSet<>();
            collectErrors(definition, failErrors, matched);
            for (String error : matched) {
                boolean known = error.startsWith("States.")
                        || error.startsWith("Lambda.")
                        || named.contains(error)
                        || failErrors.contains(error);
                if (!known) {
                    problems.add(id + ": ErrorEquals names " + error
                            + ", which is not States.*, Lambda.*, a named error of the journey function " + named
                            + " or the Error of one of its Fail states or milestone watches");
                }
            }
        });
        return problems;
    }

    private static void collectErrors(Object node, Set<String> failErrors, Set<String> matched) {
        if (node instanceof Map<?, ?> map) {
            if ("Fail".equals(map.get("Type")) && map.get("Error") instanceof String error) {
                failErrors.add(error);
            }
            if (map.get("milestonesOf") instanceof String && map.get("finishedError") instanceof String error) {
                failErrors.add(error);
            }
            map.forEach((key, value) -> {
                if ("ErrorEquals".equals(key) && value instanceof List<?> errors) {
                    errors.forEach(e -> matched.add(String.valueOf(e)));
                } else {
                    collectErrors(value, failErrors, matched);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(n -> collectErrors(n, failErrors, matched));
        }
    }

    private Optional<String> definitionText(Map<String, Object> stateMachine) {
        if (!(properties(stateMachine).get("DefinitionUri") instanceof String path)) {
            return Optional.empty();
        }
        Path file = root.resolve(path);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<String> moduleOf(String functionId) {
        if (functionProperty(functionId, "CodeUri") instanceof String path) {
            Matcher matcher = CODE_URI.matcher(path);
            if (matcher.matches()) {
                return Optional.of(matcher.group(1));
            }
        }
        return Optional.empty();
    }

    private static Map<String, Object> substitutions(Map<String, Object> stateMachine) {
        return asMap(properties(stateMachine).get("DefinitionSubstitutions"));
    }

    private static Set<String> invokePolicyFunctions(Map<String, Object> stateMachine) {
        Set<String> functions = new LinkedHashSet<>();
        Object policies = properties(stateMachine).get("Policies");
        if (policies instanceof List<?> list) {
            for (Object policy : list) {
                Object invoke = asMap(policy).get("LambdaInvokePolicy");
                referencedResource(asMap(invoke).get("FunctionName")).ifPresent(functions::add);
            }
        }
        return functions;
    }

    /** The logical id behind {@code !Ref X}, {@code !Ref X.Alias}, {@code !GetAtt X.Arn} or {@code !Sub ${X.Arn}}. */
    static Optional<String> referencedResource(Object value) {
        Map<String, Object> intrinsic = asMap(value);
        if (intrinsic.get("Ref") instanceof String ref) {
            return Optional.of(ref.endsWith(".Alias") ? ref.substring(0, ref.length() - ".Alias".length()) : ref);
        }
        if (intrinsic.get("Fn::GetAtt") instanceof List<?> getAtt && !getAtt.isEmpty()) {
            return Optional.of(String.valueOf(getAtt.get(0)));
        }
        if (intrinsic.get("Fn::Sub") instanceof String sub) {
            Matcher matcher =
                    Pattern.compile("\\$\\{([A-Za-z0-9]+)(\\.[A-Za-z]+)?}").matcher(sub);
            if (matcher.matches()) {
                return Optional.of(matcher.group(1));
            }
        }
        return Optional.empty();
    }

    private interface TaskVisitor {
        void visit(String stateName, Map<String, Object> task);
    }

    /** Visits Task states at any depth: Parallel branches and Map iterators included. */
    private static void forEachTask(Map<String, Object> machine, TaskVisitor visitor) {
        asMap(machine.get("States")).forEach((name, state) -> {
            Map<String, Object> body = asMap(state);
            if ("Task".equals(body.get("Type"))) {
                visitor.visit(name, body);
            }
            if (body.get("Branches") instanceof List<?> branches) {
                branches.forEach(branch -> forEachTask(asMap(branch), visitor));
            }
            for (String nested : List.of("Iterator", "ItemProcessor")) {
                if (body.get(nested) != null) {
                    forEachTask(asMap(body.get(nested)), visitor);
                }
            }
        });
    }

    private static Map<String, Object> properties(Map<String, Object> resource) {
        return resource == null ? Map.of() : asMap(resource.get("Properties"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
