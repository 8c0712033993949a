package it.attimo.core.timing.profile;

import it.attimo.core.channel.Channel;
import it.attimo.core.event.EventTypes;
import it.attimo.core.timing.PastSend;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What an events file says about one customer, as of an instant: their prediction (from a model fitted on every
 * customer in the file) and their past sends (for frequency caps). Used by {@code attimo plan --history}.
 *
 * @param prediction the customer's prediction ("popolazione" when they have no events)
 * @param sends      the customer's {@code email.sent} / {@code sms.sent} events before {@code asOf}
 * @param customers  how many customers the file held (the customer asked for counts even without events)
 * @param halfLife   the profiles' half-life and evidence tuning, chosen as the refresh and {@code recommend} choose them
 *                   ({@link AdaptiveHalfLife})
 */
public record CustomerHistory(
        CustomerPrediction prediction, List<PastSend> sends, int customers, AdaptiveHalfLife.Decision halfLife) {

    public static CustomerHistory of(InputStream events, String customerId, Instant asOf) {
        TimingHistories histories = new TimingHistories(asOf);
        histories.register(customerId);
        List<PastSend> sends = new ArrayList<>();
        NdjsonEvents.read(events, (type, subject, time) -> {
            histories.add(subject, type, time);
            if (subject.equals(customerId) && !time.isAfter(asOf)) {
                if (EventTypes.EMAIL_SENT.equals(type)) sends.add(new PastSend(customerId, Channel.EMAIL, time, null));
                if (EventTypes.SMS_SENT.equals(type)) sends.add(new PastSend(customerId, Channel.SMS, time, null));
            }
        });
        // the same half-life and evidence tuning the daily refresh and recommend choose on the last week held out
        AdaptiveHalfLife.Decision decision =
                AdaptiveHalfLife.decide(histories, asOf, TemporalModel.Settings.defaults());
        List<TemporalProfile> profiles = histories.profiles(asOf, decision.halfLife());
        TemporalProfile own = profiles.get(0); // registered first
        TemporalModel model =
                TemporalModel.fit(profiles, TemporalModel.Settings.defaults()).tuned(decision.tuning());
        return new CustomerHistory(model.predict(own), List.copyOf(sends), histories.customers(), decision);
    }
}
