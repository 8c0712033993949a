package it.attimo.core.tray;

import it.attimo.core.event.CustomerEvent;
import it.attimo.core.port.EventQueue;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tray's events into the event log (through the same queue as ingest, so the score function logs them and journeys
 * and insights see them): {@code tray.created}, {@code tray.signed}, {@code tray.section.submitted},
 * {@code tray.rejected}, {@code tray.expired}, {@code tray.completed}. Subject = the tray's customer; ids only in
 * data. Event ids are derived from the tray, so a retried step publishes a duplicate the log ignores.
 */
public final class TrayEvents {
    public static final String SOURCE = "attimo/trays";
    public static final String CREATED = "tray.created";
    public static final String SIGNED = "tray.signed";
    public static final String SUBMITTED = "tray.section.submitted";
    public static final String REJECTED = "tray.rejected";
    public static final String EXPIRED = "tray.expired";
    public static final String COMPLETED = "tray.completed";

    private final EventQueue queue;

    public TrayEvents(EventQueue queue) {
        this.queue = queue;
    }

    public void publish(String type, Tray tray, String party, Instant at, Map<String, Object> extra) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("trayId", tray.trayId);
        data.put("template", tray.template);
        if (party != null) data.put("party", party);
        data.putAll(extra);
        String id = tray.trayId + "." + type + (party == null ? "" : "." + party);
        queue.publish(List.of(new CustomerEvent(id, SOURCE, type, tray.customerId, at, data)));
    }
}
