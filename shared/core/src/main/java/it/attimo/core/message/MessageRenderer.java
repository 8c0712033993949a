package it.attimo.core.message;

import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Contact;
import it.attimo.core.customer.Profile;
import it.attimo.core.port.EventLog;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a journey step's message: picks the register ({@link ToneRule}), fills the step's template
 * ({@link TemplateCatalog}) with the customer's first name (when consented data has it), the order's product, the
 * content of {@link MessageContent} (testimonials by category and area, accessories by category) and the step's links,
 * and adds an {@code unsubscribe} link to every marketing (and survey) e-mail and a {@code preferences} link (the
 * preference centre) to every message that has links. A tray's message (journey
 * {@code tray-<template>}) also gets {@code tray} (title, party, partyLabel, completed) and, in its {@code otp} step
 * only, the one-time code {@code otp}. Logs nothing: the text holds personal
 * data.
 */
public final class MessageRenderer {
    /** How long an unsubscribe link keeps working. */
    public static final Duration UNSUBSCRIBE_VALIDITY = Duration.ofDays(90);

    public static final String UNSUBSCRIBE = "unsubscribe";

    /** The link (and token purpose) of the preference centre, {@code /preferences/<token>}. */
    public static final String PREFERENCES = "preferences";

    /** How long a preference-centre link keeps working. */
    public static final Duration PREFERENCES_VALIDITY = Duration.ofDays(90);

    /** Where links point when nothing else is configured: {@code attimo serve} on its default port. */
    public static final String LOCAL_PUBLIC_BASE_URL = "http://127.0.0.1:8080";

    static final String NO_CATEGORY = "generale";
    static final int MAX_ACCESSORIES = 3;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");
    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"]+");
    private static final String SUBJECT = "Oggetto:";
    /** The context key of a tray's one-time code, and the only step whose text may show it. */
    private static final String TRAY_OTP = "otp";

    private final TemplateCatalog templates;
    private final MessageContent content;
    private final String publicBaseUrl;
    private final Supplier<CustomerLinkToken> tokens;

    /**
     * @param publicBaseUrl where the customer's browser reaches Attimo's public pages ({@code ATTIMO_PUBLIC_BASE_URL})
     * @param tokens        signs unsubscribe links, asked for one when a message needs it (the secret may rotate); it
     *                      gives null when no secret is configured, and a marketing e-mail then fails to render, loudly
     */
    public MessageRenderer(
            TemplateCatalog templates,
            MessageContent content,
            String publicBaseUrl,
            Supplier<CustomerLinkToken> tokens) {
        this.templates = templates;
        this.content = content;
        this.publicBaseUrl = trimSlash(publicBaseUrl);
        this.tokens = tokens == null ? () -> null : tokens;
    }

    /** The bundled templates and content files; {@code tokens} null when no secret is configured. */
    public static MessageRenderer bundled(String publicBaseUrl, CustomerLinkToken tokens) {
        return bundled(publicBaseUrl, () -> tokens);
    }

    /** The bundled templates and content files, signing with whatever {@code tokens} gives at the time. */
    public static MessageRenderer bundled(String publicBaseUrl, Supplier<CustomerLinkToken> tokens) {
        return new MessageRenderer(new TemplateCatalog(), MessageContent.bundled(), publicBaseUrl, tokens);
    }

    /** The bundled content, with the templates of {@code templatesDir} before the bundled ones (null: none). */
    public static MessageRenderer withTemplates(
            String publicBaseUrl, Supplier<CustomerLinkToken> tokens, java.nio.file.Path templatesDir) {
        return new MessageRenderer(new TemplateCatalog(templatesDir), MessageContent.bundled(), publicBaseUrl, tokens);
    }

    public TemplateCatalog templates() {
        return templates;
    }

    public MessageContent content() {
        return content;
    }

    /** The URL the support QR code encodes. */
    public String supportQrTarget() {
        return content.supportQr().replace("{base}", publicBaseUrl);
    }

    /**
     * The input of a dispatch: the profile's segment, macro-area, tone and interests, the contact's first name, and the order of
     * {@code context.orderId} from the customer's event log (read only when the context names an order).
     */
    public static MessageInput inputFor(
            String customerId,
            String journey,
            String step,
            Channel channel,
            String kind,
            String messageKey,
            Profile profile,
            Contact contact,
            Map<String, String> context,
            EventLog events) {
        String orderId = context == null ? null : context.get("orderId");
        Order order = orderId == null
                ? null
                : Order.latest(events.history(customerId), orderId).orElse(null);
        return new MessageInput(
                customerId,
                journey,
                step,
                channel,
                kind,
                messageKey,
                profile == null ? null : profile.segment(),
                profile == null || profile.location() == null
                        ? null
                        : profile.location().macroArea(),
                profile == null ? null : profile.tone(),
                contact == null ? null : contact.firstName(),
                order,
                context,
                profile == null ? List.of() : profile.preferences().interests());
    }

    /**
     * @throws MessageRenderingException when the step has no template, an e-mail template has no subject line, or a
     *                                   marketing e-mail's unsubscribe link cannot be signed
     */
    public RenderedMessage render(MessageInput in) {
        String tone = ToneRule.resolve(in.segment(), in.macroArea(), in.tone());
        AreaGroup area = AreaGroup.of(in.macroArea());
        String category = in.order() == null ? null : in.order().category();
        String coupon = blankToNull(in.context().get("coupon"));
        Map<String, String> links = links(in, category, coupon);

        Map<String, Object> scope = new LinkedHashMap<>();
        String firstName = blankToNull(in.firstName());
        if (firstName != null) scope.put("firstName", firstName.trim());
        scope.put(tone, true);
        scope.put("links", links);
        scope.put("area", area == null ? AreaGroup.NORD.label() : area.label());
        scope.put("categoryLabel", content.categoryLabel(category));
        if (coupon != null) scope.put("coupon", coupon);
        if (in.order() != null) {
            scope.put("orderId", in.order().orderId());
            in.order()
                    .mainItem()
                    .ifPresent(i -> scope.put("product", Map.of("name", i.name() == null ? "" : i.name())));
        } else if (in.context().get("orderId") != null) {
            scope.put("orderId", in.context().get("orderId"));
        }
        scope.put("testimonials", testimonials(category, area));
        List<Map<String, Object>> accessories = accessories(in.order(), category);
        if (!accessories.isEmpty()) scope.put("accessories", accessories);
        List<Map<String, Object>> picks = interestPicks(in.interests(), in.order(), category);
        if (!picks.isEmpty()) scope.put("interestPicks", Map.of("items", picks));
        TemplateCatalog.trayStep(in.journey(), in.step()).ifPresent(generic -> {
            scope.put("tray", tray(in.context()));
            String otp = blankToNull(in.context().get(TRAY_OTP));
            if (otp != null && TRAY_OTP.equals(generic)) scope.put(TRAY_OTP, otp);
        });
        RenderedMessage.ExperimentArm experiment = experiment(in.context());
        if (experiment != null) scope.put("experiment", Map.of("id", experiment.id(), "arm", experiment.arm()));

        String raw = templates.render(in.journey(), in.step(), in.channel(), tone, scope);
        String subject = null;
        String body = normalise(raw);
        if (body.startsWith(SUBJECT)) {
            int end = body.indexOf('\n');
            subject = (end < 0 ? body : body.substring(0, end))
                    .substring(SUBJECT.length())
                    .trim();
            body = end < 0 ? "" : body.substring(end + 1).strip();
        }
        if (in.channel() == Channel.EMAIL) {
            if (subject == null || subject.isBlank()) {
                throw new MessageRenderingException(
                        "the e-mail template of " + in.journey() + "." + in.step() + " has no 'Oggetto:' first line");
            }
        } else {
            subject = null;
        }
        Map<String, String> headers =
                in.channel() == Channel.EMAIL ? RenderedMessage.oneClickHeaders(links.get(UNSUBSCRIBE)) : Map.of();
        return new RenderedMessage(
                subject,
                body,
                in.channel() == Channel.EMAIL ? html(body) : null,
                links,
                tone,
                coupon,
                experiment,
                headers);
    }

    private Map<String, String> links(MessageInput in, String category, String coupon) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("base", publicBaseUrl);
        values.put("messageKey", in.messageKey());
        values.put("orderId", in.context().get("orderId"));
        values.put("category", category == null ? NO_CATEGORY : category);
        values.put("coupon", coupon);
        values.put("trayToken", in.context().get("trayToken"));
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, String> patterns = content.links();
        for (String name : content.linksOf(in.journey(), in.step())) {
            String url = fill(patterns.get(name), values);
            if (url != null) out.put(name, url);
        }
        boolean needsUnsubscribe = in.channel() == Channel.EMAIL
                && ("marketing".equalsIgnoreCase(in.kind()) || "survey".equalsIgnoreCase(in.kind()));
        if (needsUnsubscribe) {
            CustomerLinkToken signer = tokens.get();
            if (signer == null) {
                throw new MessageRenderingException("cannot sign the unsubscribe link of " + in.journey() + "."
                        + in.step() + ": no link-token secret is configured (the webhook secret)");
            }
            values.put("token", signer.sign(in.customerId(), UNSUBSCRIBE, UNSUBSCRIBE_VALIDITY));
            out.put(UNSUBSCRIBE, fill(patterns.get(UNSUBSCRIBE), values));
        }
        // every message with links also leads to the preference centre (when links can be signed at all)
        CustomerLinkToken signer = out.isEmpty() ? null : tokens.get();
        if (signer != null && patterns.containsKey(PREFERENCES)) {
            values.put("token", signer.sign(in.customerId(), PREFERENCES, PREFERENCES_VALIDITY));
            out.put(PREFERENCES, fill(patterns.get(PREFERENCES), values));
        }
        return out;
    }

    /** The pattern with its placeholders filled (URL-encoded), or null when one of them has no value. */
    static String fill(String pattern, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null || value.isBlank()) return null;
            String replacement = "base".equals(m.group(1)) ? value : URLEncoder.encode(value, StandardCharsets.UTF_8);
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private List<Map<String, Object>> testimonials(String category, AreaGroup area) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (MessageContent.Testimonial t : content.testimonials(category, area)) {
            out.add(Map.of("quote", t.quote(), "author", t.author(), "place", t.place()));
        }
        return out;
    }

    private List<Map<String, Object>> accessories(Order order, String category) {
        List<Map<String, Object>> out = new ArrayList<>();
        addAccessories(out, content.accessories(category), owned(order));
        return out;
    }

    /**
     * Suggestions from the categories the customer chose as interests, in the order chosen: not the order's own
     * category (its accessories are listed already), not what the order holds, not a category the catalogue does not
     * know (its default list would say nothing about the interest), at most {@link #MAX_ACCESSORIES}.
     */
    private List<Map<String, Object>> interestPicks(List<String> interests, Order order, String category) {
        Set<String> owned = owned(order);
        List<Map<String, Object>> out = new ArrayList<>();
        for (String interest : interests) {
            if (interest.equals(category) || !content.categories().containsKey(interest)) continue;
            addAccessories(out, content.accessories(interest), owned);
        }
        return out;
    }

    private static Set<String> owned(Order order) {
        Set<String> owned = new HashSet<>();
        if (order != null) order.items().forEach(i -> owned.add(i.sku()));
        return owned;
    }

    private void addAccessories(List<Map<String, Object>> out, List<MessageContent.Accessory> from, Set<String> skip) {
        for (MessageContent.Accessory a : from) {
            if (out.size() >= MAX_ACCESSORIES) return;
            if (skip.contains(a.sku()) || out.stream().anyMatch(i -> a.sku().equals(i.get("sku")))) continue;
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("sku", a.sku());
            item.put("name", a.name());
            item.put("price", euro(a.price()));
            item.put("url", a.url().replace("{base}", publicBaseUrl));
            out.add(item);
        }
    }

    /**
     * What a tray's templates read of the tray: its title, the party's id and label, whether it is completed, whether
     * it was sent back to this party (its creator) to correct.
     */
    private static Map<String, Object> tray(Map<String, String> context) {
        Map<String, Object> tray = new LinkedHashMap<>();
        String title = blankToNull(context.get("trayTitle"));
        tray.put("title", title == null ? "" : title);
        String party = blankToNull(context.get("party"));
        if (party != null) tray.put("party", party);
        String label = blankToNull(context.get("partyLabel"));
        if (label != null) tray.put("partyLabel", label);
        tray.put("completed", "completed".equals(context.get("trayStatus")));
        tray.put("sentBack", "true".equals(context.get("traySentBack")));
        return tray;
    }

    private static RenderedMessage.ExperimentArm experiment(Map<String, String> context) {
        String id = blankToNull(context.get("experimentId"));
        String arm = blankToNull(context.get("experimentArm"));
        return id == null || arm == null ? null : new RenderedMessage.ExperimentArm(id, arm);
    }

    /** "24,90 €", as an Italian reads a price. */
    static String euro(double amount) {
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ITALY));
        return format.format(amount) + " €";
    }

    /** Unix newlines, no trailing blanks, at most one empty line in a row. */
    static String normalise(String text) {
        String unix = text.replace("\r\n", "\n");
        StringBuilder out = new StringBuilder();
        int blank = 0;
        for (String line : unix.split("\n", -1)) {
            String l = line.stripTrailing();
            if (l.isEmpty()) {
                if (++blank > 1 || out.length() == 0) continue;
            } else {
                blank = 0;
            }
            out.append(l).append('\n');
        }
        return out.toString().strip();
    }

    /** The HTML part: the text's paragraphs, escaped, with its URLs as links. */
    static String html(String text) {
        StringBuilder out = new StringBuilder("<!DOCTYPE html><html lang=\"it\"><body>");
        for (String paragraph : text.split("\n\n")) {
            out.append("<p>");
            Matcher m = URL.matcher(paragraph);
            int at = 0;
            while (m.find()) {
                out.append(escape(paragraph.substring(at, m.start())).replace("\n", "<br>"));
                String url = escape(m.group());
                out.append("<a href=\"").append(url).append("\">").append(url).append("</a>");
                at = m.end();
            }
            out.append(escape(paragraph.substring(at)).replace("\n", "<br>"));
            out.append("</p>");
        }
        return out.append("</body></html>").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String trimSlash(String url) {
        if (url == null || url.isBlank()) throw new IllegalArgumentException("a public base URL is required");
        String u = url.strip();
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }
}
