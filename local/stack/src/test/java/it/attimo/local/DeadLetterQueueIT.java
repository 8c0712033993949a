package it.attimo.local;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.aws.sqs.FifoIds;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.port.EventLog;
import it.attimo.local.cli.AttimoCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code attimo dlq list|redrive} against a running stack's ElasticMQ dead-letter queue. */
class DeadLetterQueueIT {
    private static final Instant START = Instant.parse("2026-06-08T06:00:00Z");
    private static final String CUSTOMER = "c-dlq-1";

    LocalStack stack;

    @BeforeEach
    void start() {
        stack = LocalStack.start(StackOptions.inMemory(LocalStackIT.projectHome(), START, "dlq-secret"));
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    @Test
    void aDeadLetterIsListedByIdsLeftInPlaceAndRedrivenIntoTheEventLogOnce() {
        String body = "{\"specversion\":\"1.0\",\"id\":\"dead-1\",\"source\":\"it/dlq\",\"type\":\"portal.accessed\","
                + "\"subject\":\"" + CUSTOMER + "\",\"time\":\"" + START + "\",\"data\":{\"page\":\"/secret-page\"}}";
        stack.sqs()
                .sendMessage(b -> b.queueUrl(stack.dlqUrl())
                        .messageBody(body)
                        .messageGroupId(FifoIds.of(CUSTOMER))
                        .messageDeduplicationId("dead-1"));

        Run list = cli("dlq", "list", "--url", stack.baseUrl().toString());
        assertThat(list.exit).isZero();
        assertThat(list.out)
                .contains("dead letters: 1 listed")
                .contains("dead-1")
                .contains("portal.accessed");
        assertThat(list.out).as("ids only, never the event's data").doesNotContain("/secret-page");
        Run json = cli("dlq", "list", "--json", "--url", stack.baseUrl().toString());
        assertThat(json.out).contains("\"eventId\" : \"dead-1\"").contains("\"subject\" : \"" + CUSTOMER + "\"");
        assertThat(stack.deadLetters()).as("listing leaves it in place").isEqualTo(1);

        Run redrive = cli("dlq", "redrive", "--url", stack.baseUrl().toString());
        assertThat(redrive.exit).isZero();
        assertThat(redrive.out).contains("redriven: 1 message(s)");
        stack.advanceTo(START.plus(Duration.ofMinutes(1)));

        assertThat(stack.deadLetters()).isZero();
        assertThat(stack.context().getBean(EventLog.class).history(CUSTOMER))
                .extracting(CustomerEvent::id)
                .containsExactly("dead-1");
        assertThat(cli("dlq", "redrive", "--url", stack.baseUrl().toString()).out)
                .contains("redriven: 0");
    }

    @Test
    void withoutARunningStackTheCommandSaysSoAndExits2() {
        Run list = cli("dlq", "list", "--url", "http://127.0.0.1:9");
        assertThat(list.exit).isEqualTo(2);
        assertThat(list.err).contains("no attimo serve answers at http://127.0.0.1:9");
        Run aws = cli("dlq", "redrive", "--aws", "--dlq-url", "https://sqs.eu-south-1.amazonaws.com/1/dlq.fifo");
        assertThat(aws.exit).isEqualTo(2);
        assertThat(aws.err).contains("--queue-url");
    }

    record Run(int exit, String out, String err) {}

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = AttimoCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
