package it.attimo.core.touchpoint;

import it.attimo.core.error.BadRequest;
import it.attimo.core.error.Forbidden;
import it.attimo.core.error.NotFound;
import it.attimo.core.error.RequestRefused;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.port.EventQueue;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * {@code POST /forms/{formId}}: a submission of an embedded form. Accepted only with the form's key, from a page origin
 * on its allow-list (the browser's {@code Origin} header), within its rate (per form, origin and client address, per
 * minute), with valid fields; it becomes the form's event ({@code form.completed} or {@code preferences.updated}) for
 * the customer the page names ({@code customerId}) or a new lead id, with the touchpoint's source.
 */
public final class FormSubmissions {
    static final Pattern CUSTOMER = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ]{6,20}");

    /** Too many submissions from one client: answered 429 by the edge. */
    public static final class TooManySubmissions extends RequestRefused {
        public TooManySubmissions(String message) {
            super("too_many_requests", message);
        }
    }

    private final TouchpointCatalog catalog;
    private final EventQueue queue;
    private final Clock clock;
    private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();

    public FormSubmissions(TouchpointCatalog catalog, EventQueue queue, Clock clock) {
        this.catalog = catalog;
        this.queue = queue;
        this.clock = clock;
    }

    public EmbeddedForm form(String formId) {
        return catalog.byFormId(formId).map(Touchpoint::form).orElseThrow(() -> new NotFound("no such form"));
    }

    /** Whether {@code origin} may use the form (for the CORS answer). */
    public boolean allowedOrigin(String formId, String origin) {
        return catalog.byFormId(formId)
                .map(t -> t.form().origins().contains(origin))
                .orElse(false);
    }

    /** @return {@code {status: accepted, customerId}} */
    public Map<String, Object> submit(String formId, String origin, String client, Map<String, String> values) {
        Touchpoint t = catalog.byFormId(formId).orElseThrow(() -> new NotFound("no such form"));
        EmbeddedForm form = t.form();
        if (origin == null || !form.origins().contains(origin)) throw new Forbidden("this page may not post this form");
        if (!form.key().equals(values.get("key"))) throw new Forbidden("wrong form key");
        Instant now = clock.instant();
        Deque<Instant> window = recent.computeIfAbsent(formId + "|" + origin + "|" + client, k -> new ArrayDeque<>());
        synchronized (window) {
            while (!window.isEmpty() && !window.peekFirst().isAfter(now.minusSeconds(60))) window.pollFirst();
            if (window.size() >= form.perMinute()) {
                throw new TooManySubmissions("at most " + form.perMinute() + " submissions a minute");
            }
            window.addLast(now);
        }
        List<String> problems = new ArrayList<>();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("formId", formId);
        for (EmbeddedForm.Field f : form.fields()) {
            String v = values.getOrDefault(f.name(), "").strip();
            if ("checkbox".equals(f.type())) {
                data.put(f.name(), v.equals("true") || v.equals("on"));
                if (f.required() && !(boolean) data.get(f.name())) problems.add(f.name() + " is required");
                continue;
            }
            if (v.isEmpty()) {
                if (f.required()) problems.add(f.name() + " is required");
                continue;
            }
            if (v.length() > 500) problems.add(f.name() + " is too long");
            else if ("email".equals(f.type()) && !EMAIL.matcher(v).matches())
                problems.add(f.name() + " is not an e-mail");
            else if ("tel".equals(f.type()) && !PHONE.matcher(v).matches()) problems.add(f.name() + " is not a phone");
            else if ("select".equals(f.type()) && !f.options().contains(v))
                problems.add(f.name() + " is not an option");
            else data.put(f.name(), v);
        }
        if (!problems.isEmpty()) throw new BadRequest(String.join("; ", problems));
        String given = values.get("customerId");
        String customer = given != null && CUSTOMER.matcher(given).matches() ? given : "lead-" + UUID.randomUUID();
        queue.publish(List.of(
                new CustomerEvent("form-" + UUID.randomUUID(), t.sources().get(0), form.event(), customer, now, data)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", "accepted");
        out.put("customerId", customer);
        return out;
    }
}
