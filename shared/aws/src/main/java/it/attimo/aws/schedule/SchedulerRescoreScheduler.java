package it.attimo.aws.schedule;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.digest.Sha256;
import it.attimo.core.port.RescoreScheduler;
import it.attimo.core.profile.ProcessCustomerEvents;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;

/**
 * A timed rule's deadline on AWS: one EventBridge Scheduler one-time schedule per (customer, instant) that invokes
 * the score function with an SQS-shaped event carrying {@link ProcessCustomerEvents#rescoreCommand}, so the queue's
 * own handler re-scores the customer. The schedule deletes itself once it has run. Scheduling the same customer and
 * instant again is a no-op (the name is deterministic and the service answers 409).
 */
public final class SchedulerRescoreScheduler implements RescoreScheduler {
    static final DateTimeFormatter AT_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SchedulerClient scheduler;
    private final String groupName;
    private final String targetArn;
    private final String roleArn;

    /**
     * @param groupName the schedule group (template.yaml: {@code <stack>-rescores})
     * @param targetArn the score function's alias ARN
     * @param roleArn   the role EventBridge Scheduler assumes to invoke it
     */
    public SchedulerRescoreScheduler(SchedulerClient scheduler, String groupName, String targetArn, String roleArn) {
        this.scheduler = scheduler;
        this.groupName = groupName;
        this.targetArn = targetArn;
        this.roleArn = roleArn;
    }

    @Override
    public void rescoreAt(String customerId, Instant at) {
        // at(...) has whole seconds; rounding down would re-score just before the deadline, find nothing due, and
        // ask again for the same second, whose schedule name is then already taken
        Instant fireAt =
                at.getNano() == 0 ? at : at.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        String name = scheduleName(customerId, fireAt);
        try {
            scheduler.createSchedule(b -> b.name(name)
                    .groupName(groupName)
                    .scheduleExpression(atExpression(fireAt))
                    .scheduleExpressionTimezone("UTC")
                    .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                    .actionAfterCompletion(ActionAfterCompletion.DELETE)
                    .target(t -> t.arn(targetArn).roleArn(roleArn).input(input(name, customerId, at))));
        } catch (ConflictException alreadyScheduled) {
            // the same customer and second was scheduled before (a redelivered message, a repeated fold)
        }
    }

    /** {@code rescore-<first 24 hex of sha256(customerId)>-<epoch seconds>}: at most 43 characters, no personal data. */
    public static String scheduleName(String customerId, Instant at) {
        return "rescore-" + Sha256.hex(customerId).substring(0, 24) + "-" + at.getEpochSecond();
    }

    static String atExpression(Instant at) {
        return "at(" + AT_FORMAT.format(LocalDateTime.ofInstant(at, ZoneOffset.UTC)) + ")";
    }

    /** The event Lambda would deliver from the FIFO queue, with the re-score command as the body. */
    public static String input(String messageId, String customerId, Instant at) {
        ObjectNode record = JSON.createObjectNode();
        record.put("messageId", messageId);
        record.put("body", ProcessCustomerEvents.rescoreCommand(customerId, at));
        record.putObject("attributes").put("MessageGroupId", customerId);
        record.put("eventSource", "aws:sqs");
        ObjectNode event = JSON.createObjectNode();
        event.putArray("Records").add(record);
        return event.toString();
    }
}
