package it.attimo.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of template.yaml the local stack needs: each state machine's {@code DefinitionUri} with its
 * {@code DefinitionSubstitutions} resolved the way CloudFormation would for a local account (parameters take their
 * defaults, functions become {@code arn:aws:lambda:eu-south-1:000000000000:function:<LogicalId>}), each function's
 * handler class, memory and architecture, schedules, HTTP API routes and queue consumers. The YAML is read by {@link CloudFormationYaml} (short-form intrinsics in their long form); only what
 * substitutions use is resolved: Ref, GetAtt, Sub and the pseudo parameters.
 */
public final class SamTemplate {
    public static final String REGION = "eu-south-1";
    public static final String ACCOUNT = "000000000000";
    public static final String STACK_NAME = "attimo";
    private static final String FUNCTION_ARN_PREFIX = "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:";
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

    /** One {@code AWS::Serverless::StateMachine}: its logical id, definition file (relative path) and substitutions. */
    public record StateMachine(String logicalId, String definitionUri, Map<String, String> substitutions) {}

    /**
     * A scheduled invocation of a function (an {@code Events} entry of type ScheduleV2 or Schedule).
     *
     * @param timezone {@code ScheduleExpressionTimezone}, UTC when absent
     * @param input the {@code Input} JSON, {@code {}} when absent
     */
    public record Schedule(
            String functionLogicalId, String eventName, String expression, String timezone, String input) {}

    /**
     * A route of the HTTP API to a function (an {@code Events} entry of type HttpApi).
     *
     * @param method upper case, as in the route key
     * @param path the path template, e.g. {@code /profiles/{customerId}}
     */
    public record Route(String functionLogicalId, String eventName, String method, String path) {
        /** {@code "GET /profiles/{customerId}"}: what API Gateway puts in the event's routeKey. */
        public String routeKey() {
            return method + " " + path;
        }
    }

    /**
     * What a function's duration is billed on: its {@code MemorySize} and first {@code Architectures} entry, its own
     * over {@code Globals.Function}'s (for {@code AWS::Serverless::Function}) over CloudFormation's defaults (128 MB,
     * x86_64).
     */
    public record FunctionSettings(String logicalId, int memoryMb, String architecture) {}

    private static final int DEFAULT_MEMORY_MB = 128;
    private static final String DEFAULT_ARCHITECTURE = "x86_64";

    private final Map<String, Object> parameters;
    private final Map<String, Object> resources;
    private final Map<String, Object> functionGlobals;

    private SamTemplate(Map<String, Object> root) {
        this.parameters = map(root.get("Parameters"));
        this.resources = map(root.get("Resources"));
        this.functionGlobals = map(map(root.get("Globals")).get("Function"));
    }

    public static SamTemplate parse(String yamlText) {
        return new SamTemplate(CloudFormationYaml.parse(yamlText));
    }

    public static SamTemplate read(Path file) {
        return new SamTemplate(CloudFormationYaml.read(file));
    }

    public static String functionArn(String logicalId) {
        return FUNCTION_ARN_PREFIX + logicalId;
    }

    /** The logical id named by a local function ARN (a qualifier such as {@code :live} is dropped), or the input itself. */
    public static String functionLogicalId(String functionNameOrArn) {
        if (!functionNameOrArn.startsWith(FUNCTION_ARN_PREFIX)) {
            return functionNameOrArn;
        }
        String rest = functionNameOrArn.substring(FUNCTION_ARN_PREFIX.length());
        int qualifier = rest.indexOf(':');
        return qualifier < 0 ? rest : rest.substring(0, qualifier);
    }

    public List<StateMachine> stateMachines() {
        List<StateMachine> out = new ArrayList<>();
        for (Map.Entry<String, Object> resource : resources.entrySet()) {
            Map<String, Object> body = map(resource.getValue());
            if (!"AWS::Serverless::StateMachine".equals(body.get("Type"))) {
                continue;
            }
            Map<String, Object> properties = map(body.get("Properties"));
            Object uri = properties.get("DefinitionUri");
            if (!(uri instanceof String)) {
                continue;
            }
            Map<String, String> subs = new LinkedHashMap<>();
            for (Map.Entry<String, Object> sub :
                    map(properties.get("DefinitionSubstitutions")).entrySet()) {
                subs.put(sub.getKey(), resolve(sub.getValue()));
            }
            out.add(new StateMachine(resource.getKey(), (String) uri, subs));
        }
        return out;
    }

    /** Handler class per function logical id ({@code AWS::Serverless::Function} and {@code AWS::Lambda::Function}). */
    public Map<String, String> functionHandlers() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> resource : resources.entrySet()) {
            Map<String, Object> body = map(resource.getValue());
            if (isFunction(body)) {
                Object handler = map(body.get("Properties")).get("Handler");
                if (handler instanceof String h) {
                    out.put(resource.getKey(), h);
                }
            }
        }
        return out;
    }

    /** Memory and architecture per function logical id, in template order. */
    public Map<String, FunctionSettings> functionSettings() {
        Map<String, FunctionSettings> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> resource : resources.entrySet()) {
            Map<String, Object> body = map(resource.getValue());
            if (!isFunction(body)) continue;
            Map<String, Object> properties = map(body.get("Properties"));
            // SAM's Globals apply to AWS::Serverless::Function only
            Map<String, Object> globals =
                    "AWS::Serverless::Function".equals(body.get("Type")) ? functionGlobals : Map.of();
            Object memory = properties.getOrDefault("MemorySize", globals.get("MemorySize"));
            Object architectures = properties.getOrDefault("Architectures", globals.get("Architectures"));
            String architecture = architectures instanceof List<?> list && !list.isEmpty() && !isNoValue(list.get(0))
                    ? resolve(list.get(0))
                    : DEFAULT_ARCHITECTURE;
            int memoryMb;
            try {
                memoryMb = memory == null || isNoValue(memory) ? DEFAULT_MEMORY_MB : Integer.parseInt(resolve(memory));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(resource.getKey() + ": MemorySize is not a whole number: " + memory);
            }
            out.put(resource.getKey(), new FunctionSettings(resource.getKey(), memoryMb, architecture));
        }
        return out;
    }

    /**
     * The functions that consume an SQS queue: the target of each {@code AWS::Lambda::EventSourceMapping} and each
     * function with an {@code SQS} event, in template order.
     */
    public List<String> queueConsumers() {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Object> resource : resources.entrySet()) {
            Map<String, Object> body = map(resource.getValue());
            if ("AWS::Lambda::EventSourceMapping".equals(body.get("Type"))) {
                Object function = map(body.get("Properties")).get("FunctionName");
                if (function != null) out.add(functionLogicalId(resolve(function)));
            } else if (isFunction(body)) {
                for (Object event :
                        map(map(body.get("Properties")).get("Events")).values()) {
                    if ("SQS".equals(map(event).get("Type"))) {
                        out.add(resource.getKey());
                        break;
                    }
                }
            }
        }
        return out;
    }

    /** Every enabled schedule of every function. */
    public List<Schedule> schedules() {
        List<Schedule> out = new ArrayList<>();
        for (Map.Entry<String, Object> resource : resources.entrySet()) {
            Map<String, Object> body = map(resource.getValue());
            if (!isFunction(body)) {
                continue;
            }
            for (Map.Entry<String, Object> event :
                    map(map(body.get("Properties")).get("Events")).entrySet()) {
                Map<String, Object> eventBody = map(event.getValue());
                Object type = eventBody.get("Type");
                if (!"ScheduleV2".equals(type) && !"Schedule".equals(type)) {
                    continue;
                }
                Map<String, Object> props = map(eventBody.get("Properties"));
                Object state = props.get("State");
                Object enabled = props.get("Enabled");
                if ("DISABLED".equals(state) || Boolean.FALSE.equals(enabled)) {
                    continue;
                }
                Object expression = props.get("ScheduleExpression");
                if (expression == null) {
                    continue;
                }
                Object zone = props.get("ScheduleExpressionTimezone");
                Object input = props.get("Input");
                out.add(new Schedule(
                        resource.getKey(),
                        event.getKey(),
                        resolve(expression),
                        zone == null ? "UTC" : resolve(zone),
                        input == null ? "{}" : resolve(input)));
            }
        }
        return out;
    }

    /** Every HTTP API route of every function, in template order. */
    public List<Route> routes() {
        List<Route> out = new ArrayList<>();
        for (Map.Entry<String, Object> resource : resources.entrySet()) {
            Map<String, Object> body = map(resource.getValue());
            if (!isFunction(body)) {
                continue;
            }
            for (Map.Entry<String, Object> event :
                    map(map(body.get("Properties")).get("Events")).entrySet()) {
                Map<String, Object> eventBody = map(event.getValue());
                if (!"HttpApi".equals(eventBody.get("Type"))) {
                    continue;
                }
                Map<String, Object> props = map(eventBody.get("Properties"));
                Object method = props.get("Method");
                Object path = props.get("Path");
                if (method == null || path == null) {
                    throw new IllegalArgumentException(resource.getKey() + "." + event.getKey()
                            + ": an HttpApi event needs Method and Path (a catch-all route is not served locally)");
                }
                out.add(new Route(
                        resource.getKey(), event.getKey(), resolve(method).toUpperCase(Locale.ROOT), resolve(path)));
            }
        }
        return out;
    }

    // ---- resolution ----

    String resolve(Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Map<?, ?> longForm && longForm.size() == 1) {
            Map.Entry<?, ?> entry = longForm.entrySet().iterator().next();
            String key = String.valueOf(entry.getKey());
            if (key.equals("Ref")) {
                return resolveIntrinsic("Ref", entry.getValue());
            }
            if (key.startsWith("Fn::")) {
                return resolveIntrinsic(key.substring(4), entry.getValue());
            }
        }
        throw new IllegalArgumentException("cannot resolve substitution value " + value + " locally");
    }

    private String resolveIntrinsic(String function, Object argument) {
        switch (function) {
            case "Ref":
                return ref(String.valueOf(argument));
            case "GetAtt": {
                String logicalId;
                String attribute;
                if (argument instanceof List<?> parts && parts.size() == 2) {
                    logicalId = String.valueOf(parts.get(0));
                    attribute = String.valueOf(parts.get(1));
                } else {
                    String text = String.valueOf(argument);
                    int dot = text.indexOf('.');
                    if (dot < 0) {
                        throw new IllegalArgumentException("!GetAtt needs Resource.Attribute, got " + text);
                    }
                    logicalId = text.substring(0, dot);
                    attribute = text.substring(dot + 1);
                }
                return getAtt(logicalId, attribute);
            }
            case "Sub": {
                String template;
                Map<String, Object> variables = Map.of();
                if (argument instanceof List<?> parts && parts.size() == 2) {
                    template = String.valueOf(parts.get(0));
                    variables = map(parts.get(1));
                } else {
                    template = String.valueOf(argument);
                }
                return sub(template, variables);
            }
            default:
                throw new IllegalArgumentException(
                        "intrinsic Fn::" + function + " is not supported in local substitutions");
        }
    }

    private String sub(String template, Map<String, Object> variables) {
        Matcher matcher = SUB_VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1).trim();
            String value;
            if (variables.containsKey(name)) {
                value = resolve(variables.get(name));
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                int dot = name.indexOf('.');
                String logicalId = name.substring(0, dot);
                value = resources.containsKey(logicalId)
                                && !name.substring(dot + 1).equals("Alias")
                        ? getAtt(logicalId, name.substring(dot + 1))
                        : ref(name);
            } else {
                value = ref(name);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString().replace("${!", "${");
    }

    private String ref(String name) {
        switch (name) {
            case "AWS::Region":
                return REGION;
            case "AWS::AccountId":
                return ACCOUNT;
            case "AWS::StackName":
                return STACK_NAME;
            case "AWS::Partition":
                return "aws";
            case "AWS::URLSuffix":
                return "amazonaws.com";
            default:
                break;
        }
        if (parameters.containsKey(name)) {
            Object defaultValue = map(parameters.get(name)).get("Default");
            if (defaultValue == null) {
                throw new IllegalArgumentException(
                        "parameter " + name + " has no Default, so it cannot be used locally");
            }
            return resolve(defaultValue);
        }
        // SAM: !Ref Function.Alias (AutoPublishAlias) and !Ref Function.Version name the function's qualified ARN
        String logicalId = name;
        if (name.endsWith(".Alias") || name.endsWith(".Version")) {
            logicalId = name.substring(0, name.lastIndexOf('.'));
        }
        Object resource = resources.get(logicalId);
        if (resource == null) {
            throw new IllegalArgumentException("!Ref " + name + ": no such parameter or resource");
        }
        Map<String, Object> body = map(resource);
        if (isFunction(body)) {
            return functionArn(logicalId);
        }
        if ("AWS::Serverless::StateMachine".equals(body.get("Type"))) {
            return "arn:aws:states:" + REGION + ":" + ACCOUNT + ":stateMachine:" + logicalId;
        }
        return logicalId;
    }

    private String getAtt(String logicalId, String attribute) {
        Map<String, Object> body = map(resources.get(logicalId));
        if (body.isEmpty()) {
            throw new IllegalArgumentException("!GetAtt " + logicalId + "." + attribute + ": no such resource");
        }
        if (isFunction(body) && attribute.equals("Arn")) {
            return functionArn(logicalId);
        }
        if (attribute.equals("Arn")) {
            return "arn:aws:local:" + REGION + ":" + ACCOUNT + ":" + logicalId;
        }
        return logicalId;
    }

    /** {@code !Ref AWS::NoValue}: the property is left out, so its default applies. */
    private static boolean isNoValue(Object value) {
        return value instanceof Map<?, ?> m && m.size() == 1 && "AWS::NoValue".equals(m.get("Ref"));
    }

    private static boolean isFunction(Map<String, Object> resourceBody) {
        Object type = resourceBody.get("Type");
        return "AWS::Serverless::Function".equals(type) || "AWS::Lambda::Function".equals(type);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
