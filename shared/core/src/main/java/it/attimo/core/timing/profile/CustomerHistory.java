package it.attimo.core.timing.profile;

import it.attimo.core.channel.Channel;
import it.attimo.core.event.EventTypes;
import it.attimo.core.timing.PastSend;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an events file says about one customer, as of an instant: their prediction (from a model fitted on every
 * customer in the file) and their past sends (for frequency caps). Used by {@code attimo plan --history}.
 *
 * @param prediction the customer's prediction ("popolazione" when they have no events)
 * @param sends      the customer's {@code email.sent} / {@code sms.sent} events before {@code asOf}
 * @param customers  how many customers the file held
 */
public record CustomerHistory(CustomerPrediction prediction, List<PastSend> sends, int customers) {

    public static CustomerHistory of(InputStream events, String customerId, Instant asOf) {
        Map<String, ProfileAccumulator> accumulators = new HashMap<>();
        List<PastSend> sends = new ArrayList<>();
        NdjsonEvents.read(events, (type, subject, time) -> {
            accumulators
                    .computeIfAbsent(subject, s -> new ProfileAccumulator(s, asOf, ProfileSettings.HALF_LIFE))
                    .add(type, time);
            if (subject.equals(customerId) && !time.isAfter(asOf)) {
                if (EventTypes.EMAIL_SENT.equals(type)) sends.add(new PastSend(customerId, Channel.EMAIL, time, null));
                if (EventTypes.SMS_SENT.equals(type)) sends.add(new PastSend(customerId, Channel.SMS, time, null));
            }
        });
        List<TemporalProfile> profiles = new ArrayList<>(accumulators.size());
        TemporalProfile own = TemporalProfile.empty(customerId);
        for (ProfileAccumulator a : accumulators.values()) {
            TemporalProfile p = a.finish();
            profiles.add(p);
            if (p.customerId().equals(customerId)) own = p;
        }
        if (profiles.isEmpty()) profiles.add(own);
        TemporalModel model = TemporalModel.fit(profiles, TemporalModel.Settings.defaults());
        return new CustomerHistory(model.predict(own), List.copyOf(sends), accumulators.size());
    }
}
