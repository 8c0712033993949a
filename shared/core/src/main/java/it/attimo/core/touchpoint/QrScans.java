package it.attimo.core.touchpoint;

import it.attimo.core.error.NotFound;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.event.EventTypes;
import it.attimo.core.port.EventQueue;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code GET /q/{code}}: a scan of a touchpoint's QR code becomes a {@code qr.scanned} event (source
 * {@code attimo/qr/<touchpoint>}, so the inventory counts it) and answers where to redirect: the touchpoint's target,
 * which the catalog only accepts under an allow-listed prefix (no open redirect). A personalised code may name the
 * customer ({@code ?c=<id>}); an anonymous scan is logged under {@code anonymous-qr-<touchpoint>}.
 */
public final class QrScans {
    static final Pattern CUSTOMER = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final TouchpointCatalog catalog;
    private final EventQueue queue;
    private final Clock clock;

    public QrScans(TouchpointCatalog catalog, EventQueue queue, Clock clock) {
        this.catalog = catalog;
        this.queue = queue;
        this.clock = clock;
    }

    /** @return the target to redirect to; @throws NotFound for an unknown code */
    public String scan(String code, String customerId) {
        Touchpoint t = catalog.byQrCode(code == null ? "" : code).orElseThrow(() -> new NotFound("no such code"));
        if (!catalog.allowed(t.qr().target())) throw new NotFound("no such code");
        String subject =
                customerId != null && CUSTOMER.matcher(customerId).matches() ? customerId : "anonymous-qr-" + t.id();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("touchpointId", t.id());
        data.put("code", code);
        Instant now = clock.instant();
        queue.publish(List.of(new CustomerEvent(
                "qr-" + UUID.randomUUID(), Touchpoint.qrSource(t.id()), EventTypes.QR_SCANNED, subject, now, data)));
        return t.qr().target();
    }
}
