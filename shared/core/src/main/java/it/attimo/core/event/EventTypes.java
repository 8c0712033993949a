package it.attimo.core.event;

import java.util.Set;

/** The event vocabulary Attimo accepts (documented in the README). */
public final class EventTypes {
    private EventTypes() {}

    public static final String CUSTOMER_UPSERTED = "customer.upserted";
    public static final String CUSTOMER_ERASED = "customer.erased";
    public static final String ACCOUNT_REGISTERED = "account.registered";
    public static final String PORTAL_ACCESSED = "portal.accessed";
    public static final String FORM_STARTED = "form.started";
    public static final String FORM_COMPLETED = "form.completed";
    public static final String FORM_ABANDONED = "form.abandoned";
    public static final String VIDEO_WATCHED = "video.watched";
    public static final String SUPPORT_CONTACTED = "support.contacted";
    public static final String CONTENT_DOWNLOADED = "content.downloaded";
    public static final String ORDER_PLACED = "order.placed";
    public static final String ORDER_SHIPPED = "order.shipped";
    public static final String ORDER_DELIVERED = "order.delivered";
    public static final String DELIVERY_DELAYED = "delivery.delayed";
    public static final String ORDER_RETURNED = "order.returned";
    public static final String SURVEY_ANSWERED = "survey.answered";
    /**
     * the customer asks to talk to a person (the post-purchase messages' hand-off link, a chatbot, a form); handled when
     * a {@link #TASK_CLOSED} follows
     */
    public static final String SUPPORT_REQUESTED = "support.requested";

    public static final String EMAIL_SENT = "email.sent";
    public static final String EMAIL_DELIVERED = "email.delivered";
    public static final String EMAIL_OPENED = "email.opened";
    public static final String EMAIL_CLICKED = "email.clicked";
    public static final String EMAIL_BOUNCED = "email.bounced";
    public static final String EMAIL_COMPLAINED = "email.complained";
    public static final String EMAIL_UNSUBSCRIBED = "email.unsubscribed";
    public static final String EMAIL_REJECTED = "email.rejected";
    public static final String EMAIL_DELAYED = "email.delayed";
    public static final String EMAIL_FAILED = "email.failed";
    /** An SMS the customer sent to Attimo's number (SNS two-way SMS); its text is never stored, only its keyword. */
    public static final String SMS_RECEIVED = "sms.received";

    public static final String SMS_SENT = "sms.sent";
    public static final String SMS_DELIVERED = "sms.delivered";
    /** The SMS provider could not deliver a message ({@code permanent: true}: the number will never take one). */
    public static final String SMS_FAILED = "sms.failed";

    public static final String SMS_CLICKED = "sms.clicked";
    public static final String PUSH_OPENED = "push.opened";
    /** The push provider disabled the customer's endpoint (an uninstalled app, an expired token). */
    public static final String PUSH_DISABLED = "push.disabled";

    public static final String CONSENT_CHANGED = "consent.changed";

    public static final String TASK_CLOSED = "task.closed";
    /** a QR code of a touchpoint was scanned ({@code GET /q/{code}}) */
    public static final String QR_SCANNED = "qr.scanned";

    public static final String PREFERENCES_UPDATED = "preferences.updated";

    public static final Set<String> ALL = Set.of(
            CUSTOMER_UPSERTED,
            CUSTOMER_ERASED,
            ACCOUNT_REGISTERED,
            PORTAL_ACCESSED,
            FORM_STARTED,
            FORM_COMPLETED,
            FORM_ABANDONED,
            VIDEO_WATCHED,
            SUPPORT_CONTACTED,
            CONTENT_DOWNLOADED,
            ORDER_PLACED,
            ORDER_SHIPPED,
            ORDER_DELIVERED,
            DELIVERY_DELAYED,
            ORDER_RETURNED,
            SURVEY_ANSWERED,
            SUPPORT_REQUESTED,
            EMAIL_SENT,
            EMAIL_DELIVERED,
            EMAIL_OPENED,
            EMAIL_CLICKED,
            EMAIL_BOUNCED,
            EMAIL_COMPLAINED,
            EMAIL_UNSUBSCRIBED,
            EMAIL_REJECTED,
            EMAIL_DELAYED,
            EMAIL_FAILED,
            SMS_RECEIVED,
            SMS_SENT,
            SMS_DELIVERED,
            SMS_FAILED,
            SMS_CLICKED,
            PUSH_OPENED,
            PUSH_DISABLED,
            CONSENT_CHANGED,
            TASK_CLOSED,
            QR_SCANNED,
            PREFERENCES_UPDATED);

    /** Events that show the customer paying attention (used by temporal profiles). */
    public static final Set<String> ENGAGEMENT = Set.of(
            EMAIL_OPENED,
            EMAIL_CLICKED,
            SMS_CLICKED,
            PUSH_OPENED,
            PORTAL_ACCESSED,
            SURVEY_ANSWERED,
            CONTENT_DOWNLOADED,
            VIDEO_WATCHED,
            FORM_COMPLETED,
            SUPPORT_CONTACTED,
            SUPPORT_REQUESTED);

    /**
     * Signals Attimo derives from a customer's log, never accepted from outside: a journey may be triggered by one
     * (journeys.json), the ingest refuses them. {@code churn.high}: the churn rule put the customer in the high-risk
     * segment.
     */
    public static final String CHURN_HIGH = "churn.high";

    public static final Set<String> DERIVED = Set.of(CHURN_HIGH);

    public static boolean isKnown(String type) {
        return ALL.contains(type);
    }
}
