package it.attimo.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.aws.sqs.DeadLetterQueue;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code attimo dlq list|redrive}: the events queue's dead letters, of a running {@code attimo serve} (through its
 * admin routes) or, with {@code --aws}, of the deployed queues (SQS, default credentials).
 */
@Command(
        name = "dlq",
        mixinStandardHelpOptions = true,
        description = "Inspect and replay the events queue's dead-letter queue (local or AWS).",
        subcommands = {DlqCommand.ListCommand.class, DlqCommand.Redrive.class})
public final class DlqCommand implements Runnable {
    static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: list, redrive");
    }

    /** Where the queues are: a local stack's URL, or the AWS queue URLs. */
    static final class Target {
        @Option(
                names = "--url",
                defaultValue = "http://127.0.0.1:8080",
                description = "a running attimo serve (default ${DEFAULT-VALUE})")
        String url;

        @Option(names = "--aws", description = "use the deployed SQS queues instead of a local stack")
        boolean aws;

        @Option(names = "--dlq-url", description = "with --aws: the dead-letter queue's URL (stack output)")
        String dlqUrl;

        @Option(names = "--queue-url", description = "with --aws: the events queue's URL (needed by redrive)")
        String queueUrl;

        @Option(names = "--region", defaultValue = "eu-south-1", description = "with --aws (default ${DEFAULT-VALUE})")
        String region;

        DeadLetterQueue aws(boolean needsSource) {
            if (dlqUrl == null || dlqUrl.isBlank()) throw new IllegalArgumentException("--aws needs --dlq-url");
            if (needsSource && (queueUrl == null || queueUrl.isBlank()))
                throw new IllegalArgumentException("redrive --aws needs --queue-url (where the messages go back)");
            SqsClient sqs = SqsClient.builder().region(Region.of(region)).build();
            return new DeadLetterQueue(sqs, dlqUrl, queueUrl == null ? dlqUrl : queueUrl);
        }

        JsonNode local(String method, String path) throws IOException, InterruptedException {
            URI uri = URI.create(url.replaceAll("/+$", "") + path);
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).header("accept", "application/json");
            request = "POST".equals(method) ? request.POST(HttpRequest.BodyPublishers.noBody()) : request.GET();
            HttpResponse<String> response;
            try {
                response = HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(5))
                        .build()
                        .send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        "no attimo serve answers at " + url + " (start one, or pass --url / --aws): " + e.getMessage());
            }
            if (response.statusCode() != 200) {
                throw new IllegalArgumentException(
                        path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "List dead letters (ids only; left in place).")
    static final class ListCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Target target = new Target();

        @Option(
                names = "--limit",
                defaultValue = "100",
                description = "at most this many, 1-1000 (default ${DEFAULT-VALUE})")
        int limit;

        @Option(names = "--json", description = "print {approximateCount, messages: [...]}")
        boolean json;

        @Override
        public Integer call() throws Exception {
            ObjectNode out;
            try {
                if (limit < 1 || limit > 1000) throw new IllegalArgumentException("--limit must be 1-1000");
                out = target.aws ? fromAws() : (ObjectNode) target.local("GET", "/admin/dlq?limit=" + limit);
            } catch (IllegalArgumentException e) {
                return BadInput.report(spec, e);
            }
            PrintWriter w = spec.commandLine().getOut();
            if (json) {
                w.println(out.toPrettyString());
            } else {
                JsonNode messages = out.path("messages");
                w.println("dead letters: " + messages.size() + " listed, about "
                        + out.path("approximateCount").asInt() + " in the queue");
                if (!messages.isEmpty()) {
                    w.println(String.format(
                            "%-38s %-28s %-22s %-20s %8s  %s",
                            "messageId", "eventId", "type", "subject", "receives", "sentAt"));
                }
                for (JsonNode m : messages) {
                    w.println(String.format(
                            "%-38s %-28s %-22s %-20s %8d  %s",
                            m.path("messageId").asText(),
                            m.path("eventId").asText("-"),
                            m.path("type").asText("-"),
                            m.path("subject").asText("-"),
                            m.path("receiveCount").asInt(),
                            m.path("sentAt").asText("-")));
                }
            }
            w.flush();
            return 0;
        }

        private ObjectNode fromAws() {
            return target.aws(false).report(limit);
        }
    }

    @Command(
            name = "redrive",
            mixinStandardHelpOptions = true,
            description = "Move every dead letter back to the events queue (the score function dedupes by event id).")
    static final class Redrive implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Target target = new Target();

        @Override
        public Integer call() throws Exception {
            int moved;
            try {
                moved = target.aws
                        ? target.aws(true).redrive()
                        : target.local("POST", "/admin/dlq/redrive")
                                .path("redriven")
                                .asInt();
            } catch (IllegalArgumentException e) {
                return BadInput.report(spec, e);
            }
            spec.commandLine().getOut().println("redriven: " + moved + " message(s) back to the events queue");
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
