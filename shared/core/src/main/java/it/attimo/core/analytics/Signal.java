package it.attimo.core.analytics;

import java.time.Instant;

/** Something a customer did or suffered, besides ordering, that the churn model and the clusters read. */
public record Signal(Instant time, Kind kind, double value) {
    public enum Kind {
        /** an e-mail opened or clicked */
        EMAIL,
        /** an SMS link clicked */
        SMS,
        /** a push notification opened */
        PUSH,
        /** any other engagement: portal, content, video, form, survey */
        OTHER_ENGAGEMENT,
        /** a delivery delayed; value = hours late (0 when not given) */
        DELAY,
        RETURN,
        SUPPORT,
        /** a survey answer with an NPS; value = the score 0-10 */
        NPS;

        public boolean engagement() {
            return this == EMAIL || this == SMS || this == PUSH || this == OTHER_ENGAGEMENT;
        }
    }
}
