package it.attimo.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a CloudFormation / SAM template into plain maps and lists, turning each short-form intrinsic
 * ({@code !Ref X}, {@code !GetAtt A.B}, {@code !Sub ...}) into its long form ({@code {Ref: X}},
 * {@code {Fn::GetAtt: [A, B]}}, {@code {Fn::Sub: ...}}), the shape a JSON template has.
 */
public final class CloudFormationYaml {
    private static final List<String> FN_TAGS = List.of(
            "Base64",
            "Cidr",
            "FindInMap",
            "GetAtt",
            "GetAZs",
            "ImportValue",
            "Join",
            "Select",
            "Split",
            "Sub",
            "Transform",
            "Length",
            "ToJsonString",
            "If",
            "Equals",
            "Not",
            "And",
            "Or");

    private CloudFormationYaml() {}

    @SuppressWarnings("unchecked")
    public static Map<String, Object> parse(String yamlText) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(10 * 1024 * 1024);
        Object document = new Yaml(new IntrinsicsConstructor(options)).load(yamlText);
        if (!(document instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("template is not a YAML mapping");
        }
        return (Map<String, Object>) document;
    }

    public static Map<String, Object> read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static final class IntrinsicsConstructor extends SafeConstructor {
        IntrinsicsConstructor(LoaderOptions options) {
            super(options);
            yamlConstructors.put(new Tag("!Ref"), new LongForm("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new LongForm("Condition"));
            for (String fn : FN_TAGS) {
                yamlConstructors.put(new Tag("!" + fn), new LongForm("Fn::" + fn));
            }
        }

        private final class LongForm extends AbstractConstruct {
            private final String key;

            LongForm(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    String text = constructScalar(scalar);
                    // the short form `!GetAtt Resource.Attribute` is one string; the long form is a pair
                    value = key.equals("Fn::GetAtt") ? Arrays.asList(text.split("\\.", 2)) : text;
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                return Map.of(key, value);
            }
        }
    }
}
