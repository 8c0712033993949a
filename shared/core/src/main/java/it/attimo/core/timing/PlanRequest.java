package it.attimo.core.timing;

import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Segment;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What to plan.
 *
 * @param comuneCode    ISTAT code of the customer's comune, or null
 * @param provinceSigla province when the comune is unknown (soft hints only), or null
 * @param segment       B2B or B2C
 * @param channel       email, sms or push
 * @param kind          transactional, service or marketing (a survey is timed as service)
 * @param earliest      never send before this instant
 * @param deadline      send before this instant if possible, or null
 * @param journey       journey name (for reasons), or null
 * @param timingRules   the journey's timing rules by name, e.g. {@value SendWindows#DECEMBER_SHIFT_RULE}; empty when none
 * @param prediction    the customer's temporal-profile prediction, or null
 * @param history       this customer's past (and already planned) sends, for frequency caps; empty when unknown
 * @param neverSkip     a recommendation, not a send: when no slot reaches the kind's threshold the best allowed slot is
 *                      still planned, marked {@link SendPlan#belowThreshold()}, instead of skipping (journeys keep
 *                      their skip rule)
 * @param preferredBand the time band the customer prefers (preference centre), or null: its slots score
 *                      {@link SendWindowPlanner#PREFERRED_BAND_BONUS} more
 */
public record PlanRequest(
        String comuneCode,
        String provinceSigla,
        Segment segment,
        Channel channel,
        MessageKind kind,
        Instant earliest,
        Instant deadline,
        String journey,
        Set<String> timingRules,
        EngagementPrediction prediction,
        List<PastSend> history,
        boolean neverSkip,
        TimeBand preferredBand) {

    public PlanRequest {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(earliest, "earliest");
        segment = segment == null ? Segment.B2C : segment;
        kind = kind == null ? MessageKind.MARKETING : kind.timedAs();
        history = history == null ? List.of() : List.copyOf(history);
        timingRules = timingRules == null ? Set.of() : Set.copyOf(timingRules);
        if (deadline != null && deadline.isBefore(earliest)) {
            throw new IllegalArgumentException("deadline " + deadline + " is before earliest " + earliest);
        }
    }

    public static Builder builder(Channel channel, Instant earliest) {
        return new Builder(channel, earliest);
    }

    /** A builder pre-filled with this request, to change a field or two. */
    public Builder toBuilder() {
        return new Builder(channel, earliest)
                .comune(comuneCode)
                .province(provinceSigla)
                .segment(segment)
                .kind(kind)
                .deadline(deadline)
                .journey(journey)
                .timingRules(timingRules)
                .prediction(prediction)
                .history(history)
                .neverSkip(neverSkip)
                .preferredBand(preferredBand);
    }

    public static final class Builder {
        private final Channel channel;
        private final Instant earliest;
        private String comuneCode;
        private String provinceSigla;
        private Segment segment = Segment.B2C;
        private MessageKind kind = MessageKind.MARKETING;
        private Instant deadline;
        private String journey;
        private Set<String> timingRules = Set.of();
        private EngagementPrediction prediction;
        private List<PastSend> history = List.of();
        private boolean neverSkip;
        private TimeBand preferredBand;

        private Builder(Channel channel, Instant earliest) {
            this.channel = channel;
            this.earliest = earliest;
        }

        public Builder comune(String istatCode) {
            this.comuneCode = istatCode;
            return this;
        }

        public Builder province(String sigla) {
            this.provinceSigla = sigla;
            return this;
        }

        public Builder segment(Segment s) {
            this.segment = s;
            return this;
        }

        public Builder kind(MessageKind k) {
            this.kind = k;
            return this;
        }

        public Builder deadline(Instant d) {
            this.deadline = d;
            return this;
        }

        public Builder journey(String j) {
            this.journey = j;
            return this;
        }

        public Builder timingRules(Set<String> rules) {
            this.timingRules = rules;
            return this;
        }

        public Builder prediction(EngagementPrediction p) {
            this.prediction = p;
            return this;
        }

        public Builder history(List<PastSend> sends) {
            this.history = sends;
            return this;
        }

        public Builder neverSkip(boolean recommendation) {
            this.neverSkip = recommendation;
            return this;
        }

        public Builder preferredBand(TimeBand band) {
            this.preferredBand = band;
            return this;
        }

        public PlanRequest build() {
            return new PlanRequest(
                    comuneCode,
                    provinceSigla,
                    segment,
                    channel,
                    kind,
                    earliest,
                    deadline,
                    journey,
                    timingRules,
                    prediction,
                    history,
                    neverSkip,
                    preferredBand);
        }
    }
}
