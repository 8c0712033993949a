package it.attimo.function.score;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.context.ApplicationContext;
import it.attimo.aws.lambda.AttimoHandler;
import it.attimo.aws.lambda.SnapStartPriming;
import it.attimo.core.event.CloudEventJson;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.profile.InboundMessage;
import it.attimo.core.profile.ProcessCustomerEvents;
import it.attimo.core.profile.ProfileFolder;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The event queue's consumer: SQS batch → {@link ProcessCustomerEvents} → the ids SQS must redeliver (partial batch
 * response; the event source mapping needs {@code ReportBatchItemFailures}). Re-score schedules invoke it with the
 * same event shape but no queue behind it (see {@code SchedulerRescoreScheduler}).
 */
public class ScoreHandler extends AttimoHandler<SQSEvent, SQSBatchResponse> {
    @Inject
    ProcessCustomerEvents process;

    public ScoreHandler() {}

    public ScoreHandler(ApplicationContext context) {
        super(context);
    }

    /** Before a SnapStart snapshot: the fold and the scoring plan on a sample event (pure, no store touched). */
    @Override
    protected void warmUp() {
        CustomerEvent sample = CloudEventJson.fromJson(SnapStartPriming.SAMPLE_EVENT);
        getApplicationContext()
                .getBean(ProfileFolder.class)
                .fold(sample.customerId(), List.of(sample), null, sample.time().plusSeconds(60));
        ProcessCustomerEvents.rescoreCommand(sample.customerId(), sample.time());
    }

    @Override
    public SQSBatchResponse execute(SQSEvent event) {
        List<SQSEvent.SQSMessage> records =
                event == null || event.getRecords() == null ? List.of() : event.getRecords();
        List<InboundMessage> messages = records.stream()
                .map(m -> new InboundMessage(m.getMessageId(), m.getBody()))
                .toList();
        List<String> failed = process.process(messages);
        if (!failed.isEmpty() && !records.isEmpty() && records.stream().allMatch(m -> m.getEventSourceArn() == null)) {
            // no queue delivered this batch (a re-score schedule invokes the function asynchronously), so nobody
            // would redeliver what the partial batch response lists: failing the invocation lets Lambda retry it
            throw new IllegalStateException("messages " + failed + " failed outside the queue; retry the invocation");
        }
        List<SQSBatchResponse.BatchItemFailure> failures = failed.stream()
                .map(id -> SQSBatchResponse.BatchItemFailure.builder()
                        .withItemIdentifier(id)
                        .build())
                .toList();
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }
}
