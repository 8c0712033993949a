package it.attimo.core.touchpoint;

import it.attimo.core.error.NotFound;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.event.EventTypes;
import it.attimo.core.experiment.ExperimentAssignments;
import it.attimo.core.port.EventQueue;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code GET /q/{code}}: a scan of a touchpoint's QR code becomes a {@code qr.scanned} event (source
 * {@code attimo/qr/<touchpoint>}, so the inventory counts it) and answers where to redirect: the touchpoint's target,
 * which the catalog only accepts under an allow-listed prefix (no open redirect). A personalised code may name the
 * customer ({@code ?c=<id>}); an anonymous scan is logged under {@code anonymous-qr-<touchpoint>}.
 *
 * <p>When an experiment of experiments.json tests the touchpoint's variants, the scan is the exposure: the subject (the
 * named customer, else the anonymous visitor's key {@code v-<uuid>}, kept in a first-party cookie by the edge and
 * minted here on a first scan) gets its arm once ({@link ExperimentAssignments}, SHA-256 of experiment and subject),
 * is redirected to that variant's target (allow-listed too) and the event carries {@code variant} and
 * {@code experiment {id, arm}}. An anonymous visitor's target also carries {@code attimo_v=<key>}, so the landing page
 * can go on under the same id (an embedded form's {@code data-customer}, the shop's customer id): the conversion is
 * then in the same history as the exposure.
 */
public final class QrScans {
    static final Pattern CUSTOMER = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    /** An anonymous visitor's key: {@code v-} and a random UUID. */
    public static final Pattern VISITOR =
            Pattern.compile("v-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** The query parameter that carries the visitor's key to the landing page. */
    public static final String VISITOR_PARAMETER = "attimo_v";

    private final TouchpointCatalog catalog;
    private final EventQueue queue;
    private final Clock clock;
    private final ExperimentAssignments experiments;

    public QrScans(TouchpointCatalog catalog, EventQueue queue, Clock clock) {
        this(catalog, queue, clock, ExperimentAssignments.NONE);
    }

    public QrScans(TouchpointCatalog catalog, EventQueue queue, Clock clock, ExperimentAssignments experiments) {
        this.catalog = catalog;
        this.queue = queue;
        this.clock = clock;
        this.experiments = experiments;
    }

    /**
     * Where a scan goes: the target, and the anonymous visitor's key to keep (null when the scan named a customer or
     * no experiment tests the touchpoint).
     */
    public record Scan(String target, String visitor) {}

    /** @return the target to redirect to; @throws NotFound for an unknown code */
    public String scan(String code, String customerId) {
        return scan(code, customerId, null).target();
    }

    /**
     * @param visitor the key the visitor's cookie holds, if any (ignored unless it is a well-formed key)
     * @throws NotFound for an unknown code
     */
    public Scan scan(String code, String customerId, String visitor) {
        Touchpoint t = catalog.byQrCode(code == null ? "" : code).orElseThrow(() -> new NotFound("no such code"));
        boolean known = customerId != null && CUSTOMER.matcher(customerId).matches();
        String anonymous = null;
        String subject;
        if (known) subject = customerId;
        else if (experiments.testsTouchpoint(t.id())) {
            anonymous = visitor != null && VISITOR.matcher(visitor).matches() ? visitor : "v-" + UUID.randomUUID();
            subject = anonymous;
        } else subject = "anonymous-qr-" + t.id();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("touchpointId", t.id());
        data.put("code", code);
        String target = t.qr().target();
        Optional<ExperimentAssignments.Assigned> arm = experiments.assignOnTouchpoint(t.id(), subject);
        Optional<Touchpoint.Variant> variant =
                arm.flatMap(a -> t.variant(a.arm().name()));
        if (variant.isPresent()) {
            target = variant.get().target();
            data.put("variant", variant.get().id());
            data.put("experiment", arm.get().toMap());
        }
        if (!catalog.allowed(target)) throw new NotFound("no such code");
        Instant now = clock.instant();
        queue.publish(List.of(new CustomerEvent(
                "qr-" + UUID.randomUUID(), Touchpoint.qrSource(t.id()), EventTypes.QR_SCANNED, subject, now, data)));
        return new Scan(anonymous == null ? target : withVisitor(target, anonymous), anonymous);
    }

    /** The target with {@code attimo_v=<key>} added to its query (before any fragment). */
    static String withVisitor(String target, String visitor) {
        int hash = target.indexOf('#');
        String base = hash < 0 ? target : target.substring(0, hash);
        String fragment = hash < 0 ? "" : target.substring(hash);
        return base + (base.contains("?") ? "&" : "?") + VISITOR_PARAMETER + "=" + visitor + fragment;
    }
}
