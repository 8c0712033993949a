package it.attimo.core.journey;

import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Profile;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

/** Chooses when a journey step's message goes out, inside the customer's allowed windows. */
public interface SendPlanner {
    PlannedSend plan(Profile profile, Channel channel, MessageKind kind, String journey, Instant earliest, Instant deadline);

    /** {@code sendAt} is null when skipped, and {@code skippedReason} says why. */
    record PlannedSend(Instant sendAt, LocalDateTime localTime, int suitability, List<String> reasons,
                       String skippedReason) {
        public boolean skipped() {
            return sendAt == null;
        }
    }
}
