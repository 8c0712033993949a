package it.attimo.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Expands a payload template (Parameters, ResultSelector, ItemSelector): a field whose name ends in {@code .$} takes
 * the value of a path, context path or intrinsic function; other fields are copied, nested objects expanded.
 */
final class PayloadTemplate {
    private final IntrinsicFunctions intrinsics;

    PayloadTemplate(IntrinsicFunctions intrinsics) {
        this.intrinsics = intrinsics;
    }

    JsonNode expand(JsonNode template, JsonNode input, JsonNode context) {
        if (template.isObject()) {
            ObjectNode out = Json.object();
            Iterator<Map.Entry<String, JsonNode>> fields = template.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String key = field.getKey();
                if (key.endsWith(".$")) {
                    out.set(key.substring(0, key.length() - 2), resolve(key, field.getValue(), input, context));
                } else {
                    out.set(key, expand(field.getValue(), input, context));
                }
            }
            return out;
        }
        if (template.isArray()) {
            ArrayNode out = Json.NODES.arrayNode();
            template.forEach(item -> out.add(expand(item, input, context)));
            return out;
        }
        return template;
    }

    private JsonNode resolve(String key, JsonNode expression, JsonNode input, JsonNode context) {
        if (!expression.isTextual()) {
            throw new StatesError(
                    ErrorNames.PARAMETER_PATH_FAILURE, "The value of field '" + key + "' must be a string");
        }
        String text = expression.textValue();
        if (text.startsWith("States.")) {
            return intrinsics.evaluate(text, input, context);
        }
        return PathEvaluator.read(text, input, context)
                .orElseThrow(() -> new StatesError(
                        ErrorNames.PARAMETER_PATH_FAILURE,
                        "The JSONPath '" + text + "' specified for the field '" + key
                                + "' could not be found in the input "
                                + Json.write(text.startsWith("$$") ? context : input)));
    }
}
