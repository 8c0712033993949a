package it.attimo.aws.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.attimo.aws.testing.LocalDynamo;
import it.attimo.core.channel.Channel;
import it.attimo.core.journey.MessageRecord;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Plan records (plan#execution#step) beside dispatch reservations in the same ledger partition, on DynamoDB Local. */
class DynamoMessageLedgerPlansIT {
    static final DynamoDbClient CLIENT = LocalDynamo.shared().client();
    static final String PREFIX = LocalDynamo.shared().freshTables("plans");
    static final Instant T = Instant.parse("2026-06-10T06:00:00Z");

    final DynamoMessageLedger ledger = new DynamoMessageLedger(CLIENT, PREFIX);

    static MessageRecord plan(String customer, String step, Instant sendAt, Instant plannedAt) {
        return new MessageRecord(
                customer,
                MessageRecord.planIdOf("exec-1", step),
                "post-purchase",
                "exec-1",
                step,
                Channel.EMAIL,
                "service",
                sendAt,
                MessageRecord.PLANNED,
                null,
                null,
                plannedAt);
    }

    static MessageRecord reservation(String customer, String step, Instant at) {
        return new MessageRecord(
                customer,
                MessageRecord.messageIdOf("exec-1", step),
                "post-purchase",
                "exec-1",
                step,
                Channel.EMAIL,
                "service",
                at,
                MessageRecord.RESERVED,
                null,
                null,
                at);
    }

    @Test
    void aPlanRecordNeverCollidesWithTheDispatchReservationOfTheSameStep() {
        MessageRecord planned = plan("c-p1", "tutorial", T.plus(Duration.ofHours(2)), T);
        ledger.recordPlan(planned);
        MessageRecord reserved = reservation("c-p1", "tutorial", T.plus(Duration.ofHours(2)));
        assertThat(ledger.reserve(reserved)).as("the reservation key is free").isTrue();
        assertThat(ledger.reserve(reserved)).isFalse();
        assertThat(ledger.forCustomer("c-p1")).containsExactlyInAnyOrder(planned, reserved);
        assertThat(planned.isPlan()).isTrue();
        assertThat(planned.dispatchId()).isEqualTo(reserved.messageId());
    }

    @Test
    void aReplanOverwritesItsOwnRecord() {
        ledger.recordPlan(plan("c-p2", "tutorial", T.plus(Duration.ofHours(2)), T));
        MessageRecord replanned = plan("c-p2", "tutorial", T.plus(Duration.ofHours(26)), T);
        ledger.recordPlan(replanned);
        MessageRecord closed = replanned.with(MessageRecord.PLAN_CLOSED, "journey ended", null, T.plusSeconds(9));
        ledger.recordPlan(closed);
        assertThat(ledger.forCustomer("c-p2")).containsExactly(closed);
        assertThatThrownBy(() -> ledger.recordPlan(reservation("c-p2", "tutorial", T)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sentSinceCountsOnlySentMessagesNotPlans() {
        ledger.recordPlan(plan("c-p3", "welcome", T, T));
        MessageRecord sent = reservation("c-p3", "welcome", T).with(MessageRecord.SENT, null, "ses-1", T);
        assertThat(ledger.sentSince("c-p3", T.minusSeconds(60))).isEmpty();
        ledger.reserve(reservation("c-p3", "welcome", T));
        ledger.update(sent);
        assertThat(ledger.sentSince("c-p3", T.minusSeconds(60))).containsExactly(sent);
    }

    @Test
    void erasureRemovesPlanRecordsWithTheRestOfTheCustomer() {
        ledger.recordPlan(plan("c-p4", "welcome", T, T));
        ledger.reserve(reservation("c-p4", "welcome", T));
        ledger.recordPlan(plan("c-p5", "welcome", T, T));
        ledger.erase("c-p4");
        assertThat(ledger.forCustomer("c-p4")).isEmpty();
        assertThat(ledger.forCustomer("c-p5")).hasSize(1);
    }
}
