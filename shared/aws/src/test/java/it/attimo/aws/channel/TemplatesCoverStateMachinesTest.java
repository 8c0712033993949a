package it.attimo.aws.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every dispatch in every state machine has a text in both registers, so no send can fail for a missing template. */
class TemplatesCoverStateMachinesTest {
    static final Path STATE_MACHINES = Path.of("..", "..", "statemachines");

    @Test
    void everyDispatchedStepHasATemplate() throws IOException {
        List<String> templates = new ArrayList<>();
        try (Stream<Path> files = Files.list(STATE_MACHINES)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".asl.json")).toList()) {
                collect(new ObjectMapper().readTree(file.toFile()), templates);
            }
        }
        assertThat(templates).isNotEmpty();
        MessageTemplates catalogue = MessageTemplates.italian();
        for (String template : templates) {
            for (String tone : new String[] {"formale", "informale"}) {
                assertThat(catalogue.render(template, "it-IT", tone).text())
                        .as(template + " " + tone)
                        .isNotBlank();
            }
        }
    }

    /** journey + "." + step of every Task payload with action "dispatch", however deeply nested. */
    static void collect(JsonNode node, List<String> into) {
        if (node.isObject()) {
            if ("dispatch".equals(node.path("action").asText()) && node.has("journey") && node.has("step")) {
                into.add(node.get("journey").asText() + "." + node.get("step").asText());
            }
            node.forEach(child -> collect(child, into));
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, into));
        }
    }
}
