package it.attimo.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudFormationYamlTest {
    @Test
    void readsShortFormIntrinsicsAsTheirLongForm() {
        Map<String, Object> root = CloudFormationYaml.parse("""
                A: !Ref Table
                B: !GetAtt Queue.Arn
                C: !Sub "${AWS::StackName}-x"
                D: !Sub ["${X}", {X: !Ref Other}]
                E: !If [IsProd, !Join [",", [a, b]], !Ref AWS::NoValue]
                F: !Condition IsProd
                G: {Fn::GetAtt: [Queue, Arn]}
                """);
        assertThat(root.get("A")).isEqualTo(Map.of("Ref", "Table"));
        assertThat(root.get("B")).isEqualTo(Map.of("Fn::GetAtt", List.of("Queue", "Arn")));
        assertThat(root.get("B")).isEqualTo(root.get("G"));
        assertThat(root.get("C")).isEqualTo(Map.of("Fn::Sub", "${AWS::StackName}-x"));
        assertThat(root.get("D")).isEqualTo(Map.of("Fn::Sub", List.of("${X}", Map.of("X", Map.of("Ref", "Other")))));
        assertThat(root.get("E"))
                .isEqualTo(Map.of(
                        "Fn::If",
                        List.of(
                                "IsProd",
                                Map.of("Fn::Join", List.of(",", List.of("a", "b"))),
                                Map.of("Ref", "AWS::NoValue"))));
        assertThat(root.get("F")).isEqualTo(Map.of("Condition", "IsProd"));
    }

    @Test
    void aTemplateIsAMapping() {
        assertThatThrownBy(() -> CloudFormationYaml.parse("- just\n- a list\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a YAML mapping");
    }
}
