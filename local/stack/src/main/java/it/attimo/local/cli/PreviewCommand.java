package it.attimo.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Segment;
import it.attimo.core.geo.ComuneDirectory;
import it.attimo.core.json.Json;
import it.attimo.core.message.CustomerLinkToken;
import it.attimo.core.message.MessageContent;
import it.attimo.core.message.MessageInput;
import it.attimo.core.message.MessageRenderer;
import it.attimo.core.message.Order;
import it.attimo.core.message.RenderedMessage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code attimo preview --journey <name> --step <step> [--customer <file.json>] [--channel email|sms|push]}: the
 * message as the customer would read it (subject, text, links, tone), rendered from the bundled templates and content
 * without a running stack. The customer file is described in docs/messages.md; without one, a b2c customer in Milan
 * with an order of a microwave oven.
 */
@Command(
        name = "preview",
        mixinStandardHelpOptions = true,
        description = "Render one journey step's message for a sample or given customer, as a marketer checks it.")
public final class PreviewCommand implements Callable<Integer> {
    /** Placeholders shown where the dispatch would fill in a real value. */
    static final String SAMPLE_COUPON = "SCUSA-ESEMPIO";

    static final String SAMPLE_KEY = "anteprima#anteprima#";

    @Spec
    CommandSpec spec;

    @Option(names = "--journey", required = true, description = "journey name (post-purchase, delivery-delay, ...)")
    String journey;

    @Option(names = "--step", required = true, description = "step of the journey (welcome, apology, ...)")
    String step;

    @Option(names = "--customer", description = "JSON file describing the customer (see docs/messages.md)")
    Path customer;

    @Option(names = "--channel", description = "email (default), sms or push")
    String channel;

    @Option(
            names = "--public-base-url",
            description = "base of the links (default: $ATTIMO_PUBLIC_BASE_URL, else http://127.0.0.1:8080)")
    String publicBaseUrl;

    @Override
    public Integer call() {
        MessageRenderer renderer = MessageRenderer.bundled(
                baseUrl(), new CustomerLinkToken("attimo-preview-not-a-real-secret", Clock.systemUTC()));
        RenderedMessage message;
        MessageInput input;
        try {
            Channel ch = channel == null ? Channel.EMAIL : Channel.parse(channel);
            requireKnownStep(renderer.content());
            input = input(ch, renderer.content().kindOf(journey, step), customerFile());
            message = renderer.render(input);
        } catch (IllegalArgumentException e) {
            return BadInput.report(spec, e);
        }
        print(spec.commandLine().getOut(), input, message);
        return 0;
    }

    private String baseUrl() {
        if (publicBaseUrl != null && !publicBaseUrl.isBlank()) return publicBaseUrl;
        String env = System.getenv("ATTIMO_PUBLIC_BASE_URL");
        return env == null || env.isBlank() ? "http://127.0.0.1:8080" : env;
    }

    private void requireKnownStep(MessageContent content) {
        Map<String, Set<String>> steps = new LinkedHashMap<>();
        for (String s : content.steps()) {
            int dot = s.indexOf('.');
            steps.computeIfAbsent(s.substring(0, dot), k -> new LinkedHashSet<>())
                    .add(s.substring(dot + 1));
        }
        if (!steps.containsKey(journey)) {
            throw new IllegalArgumentException("unknown journey '" + journey + "'; known journeys: "
                    + String.join(", ", new TreeSet<>(steps.keySet())));
        }
        if (!steps.get(journey).contains(step)) {
            throw new IllegalArgumentException("unknown step '" + step + "' of " + journey + "; its steps: "
                    + String.join(", ", steps.get(journey)));
        }
    }

    /** The customer file, or the sample customer. */
    private JsonNode customerFile() {
        if (customer == null) return sampleCustomer();
        BadInput.requireReadable("--customer", customer);
        try {
            JsonNode node = Json.parse(Files.readString(customer));
            if (!node.isObject())
                throw new IllegalArgumentException("--customer: " + customer + " is not a JSON object");
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException("--customer: " + customer + " is not valid JSON: " + e.getMessage());
        }
    }

    static JsonNode sampleCustomer() {
        try {
            return Json.parse("""
                    {"segment": "b2c", "comune": "015146", "firstName": "Giulia",
                     "order": {"orderId": "ORD-1001", "items": [
                       {"sku": "MW-100", "name": "Forno a microonde Combi 25 L", "category": "elettrodomestici", "price": 189.0}]}}
                    """);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private MessageInput input(Channel ch, String kind, JsonNode c) {
        Set<String> known =
                Set.of("segment", "comune", "macroArea", "firstName", "tone", "order", "context", "interests");
        c.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                throw new IllegalArgumentException("--customer: unknown field '" + f + "' (known: "
                        + String.join(", ", new TreeSet<>(known)) + ")");
            }
        });
        Segment segment =
                c.hasNonNull("segment") ? Segment.parse(c.get("segment").asText()) : Segment.B2C;
        String macroArea = c.hasNonNull("macroArea") ? c.get("macroArea").asText() : null;
        if (c.hasNonNull("comune")) {
            macroArea = ComuneDirectory.bundled()
                    .resolve(c.get("comune").asText())
                    .macroArea()
                    .istatName();
        } else if (macroArea != null && it.attimo.core.message.AreaGroup.of(macroArea) == null) {
            throw new IllegalArgumentException("--customer: unknown macroArea '" + macroArea
                    + "' (Nord, Centro, Sud e Isole, or Nord-ovest, Nord-est, Sud, Isole)");
        }
        Order order = null;
        Map<String, String> context = new LinkedHashMap<>();
        JsonNode o = c.get("order");
        if (o != null && !o.isNull()) {
            if (!o.isObject() || !o.path("items").isArray()) {
                throw new IllegalArgumentException("--customer: order must be {\"orderId\": ..., \"items\": [...]}");
            }
            String orderId = o.path("orderId").asText("ORD-ANTEPRIMA");
            List<Object> items = new ArrayList<>();
            o.get("items").forEach(i -> items.add(Json.MAPPER.convertValue(i, Map.class)));
            order = new Order(orderId, orderItems(items));
            context.put("orderId", orderId);
        }
        JsonNode ctx = c.get("context");
        if (ctx != null && ctx.isObject())
            ctx.fields()
                    .forEachRemaining(e -> context.put(e.getKey(), e.getValue().asText()));
        if ("delivery-delay".equals(journey) && !context.containsKey("coupon")) context.put("coupon", SAMPLE_COUPON);
        return new MessageInput(
                "anteprima",
                journey,
                step,
                ch,
                kind,
                SAMPLE_KEY + step,
                segment,
                macroArea,
                c.hasNonNull("tone") ? c.get("tone").asText() : null,
                c.hasNonNull("firstName") ? c.get("firstName").asText() : null,
                order,
                context,
                interests(c.get("interests")));
    }

    private static List<String> interests(JsonNode raw) {
        if (raw == null || raw.isNull()) return List.of();
        if (!raw.isArray()) {
            throw new IllegalArgumentException("--customer: interests must be an array of catalogue categories");
        }
        List<String> out = new ArrayList<>();
        raw.forEach(i -> out.add(i.asText()));
        return out;
    }

    private static List<Order.Item> orderItems(List<Object> raw) {
        List<Order.Item> out = new ArrayList<>();
        for (Object o : raw) {
            if (!(o instanceof Map<?, ?> m)) throw new IllegalArgumentException("--customer: order items are objects");
            Object price = m.get("price");
            out.add(new Order.Item(
                    str(m.get("sku")),
                    str(m.get("name")),
                    str(m.get("category")),
                    price instanceof Number n ? n.doubleValue() : null));
        }
        return out;
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static void print(PrintWriter out, MessageInput in, RenderedMessage m) {
        out.println("journey:  " + in.journey() + " / " + in.step() + " ("
                + in.channel().id() + ", " + in.kind() + ")");
        out.println("tone:     " + m.tone());
        if (m.subject() != null) out.println("subject:  " + m.subject());
        if (m.coupon() != null) out.println("coupon:   " + m.coupon());
        if (m.experiment() != null) {
            out.println("experiment: " + m.experiment().id() + " / "
                    + m.experiment().arm());
        } else if ("post-purchase".equals(in.journey()) && "tutorial".equals(in.step())) {
            out.println("experiment: (the arm is assigned at dispatch: context experimentId / experimentArm)");
        }
        out.println();
        out.println(m.text());
        out.println();
        out.println("links:");
        if (m.links().isEmpty()) out.println("  (none)");
        m.links().forEach((name, url) -> out.println("  " + String.format(Locale.ROOT, "%-12s", name) + url));
        out.flush();
    }
}
