package it.attimo.local.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PathTemplateTest {
    @Test
    void literalSegmentsMatchExactlyAndVariablesTakeOneWholeDecodedSegment() {
        PathTemplate history = PathTemplate.parse("/executions/{name}/history");
        assertThat(history.match("/executions/post-purchase%2Dc-1/history"))
                .hasValue(Map.of("name", "post-purchase-c-1"));
        assertThat(history.match("/executions/a/b/history")).isEmpty();
        assertThat(history.match("/executions//history")).isEmpty();
        assertThat(history.match("/Executions/a/history")).isEmpty();
        assertThat(history.parameterCount()).isEqualTo(1);
        assertThat(PathTemplate.parse("/health").match("/health")).hasValue(Map.of());
        assertThat(PathTemplate.parse("/health").parameterCount()).isZero();
    }

    @Test
    void whatApiGatewayWouldServeDifferentlyIsRefused() {
        assertThatThrownBy(() -> PathTemplate.parse("/{proxy+}")).hasMessageContaining("greedy");
        assertThatThrownBy(() -> PathTemplate.parse("/files/{name}.json")).hasMessageContaining("whole segment");
        assertThatThrownBy(() -> PathTemplate.parse("events")).hasMessageContaining("start with /");
    }
}
