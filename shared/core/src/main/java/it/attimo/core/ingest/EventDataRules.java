package it.attimo.core.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import it.attimo.core.event.EventTypes;
import it.attimo.core.timing.TimeBand;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Per-type checks of an event's {@code data}: required fields, types and ranges. Returns the first problem or null. */
final class EventDataRules {
    private static final Pattern ISTAT = Pattern.compile("\\d{6}");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ]{5,19}");
    private static final Pattern LOCALE = Pattern.compile("[a-z]{2}(-[A-Z]{2})?");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Set<String> CHANNELS = Set.of("email", "sms", "push");
    /** Consent topics: marketing (withdrawn by a one-click unsubscribe) and the preference centre's. */
    private static final Set<String> TOPICS = Set.of("marketing", "servizio", "offerte", "sondaggi", "novita");

    String check(String type, JsonNode data) {
        return switch (type) {
            case EventTypes.CUSTOMER_UPSERTED -> customer(data);
            case EventTypes.FORM_STARTED, EventTypes.FORM_ABANDONED -> requireText(data, "formId");
            case EventTypes.FORM_COMPLETED ->
                firstOf(
                        requireText(data, "formId"),
                        optionalNumber(data, "durationSeconds", 0, 86_400 * 30),
                        optionalInteger(data, "errors", 0, 10_000));
            case EventTypes.VIDEO_WATCHED ->
                firstOf(requireText(data, "videoId"), optionalNumber(data, "watchedSeconds", 0, 86_400));
            case EventTypes.SURVEY_ANSWERED -> survey(data);
            case EventTypes.ORDER_PLACED, EventTypes.ORDER_SHIPPED, EventTypes.ORDER_DELIVERED -> order(data);
            case EventTypes.DELIVERY_DELAYED ->
                firstOf(
                        requireText(data, "orderId"),
                        requireNumber(data, "delayHours", 0, 24 * 365),
                        optionalText(data, "reason"));
            case EventTypes.ORDER_RETURNED ->
                firstOf(requireText(data, "orderId"), optionalText(data, "reason"), items(data));
            case EventTypes.SUPPORT_REQUESTED -> firstOf(optionalText(data, "orderId"), optionalText(data, "topic"));
            case EventTypes.CONSENT_CHANGED -> consentChange(data);
            case EventTypes.PREFERENCES_UPDATED -> preferences(data);
            default -> null;
        };
    }

    private String customer(JsonNode d) {
        JsonNode seg = d.get("segment");
        if (seg != null
                && !seg.isNull()
                && !(seg.isTextual() && Set.of("b2b", "b2c").contains(seg.asText()))) {
            return "segment must be b2b or b2c";
        }
        JsonNode comune = d.get("comune");
        if (comune != null
                && !comune.isNull()
                && !(comune.isTextual() && ISTAT.matcher(comune.asText()).matches())) {
            return "comune must be a 6-digit ISTAT code as a string (e.g. \"015146\")";
        }
        JsonNode email = d.get("email");
        if (email != null
                && !email.isNull()
                && !(email.isTextual() && email.asText().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"))) {
            return "email is not a valid address";
        }
        JsonNode phone = d.get("phone");
        if (phone != null
                && !phone.isNull()
                && !(phone.isTextual() && PHONE.matcher(phone.asText()).matches())) {
            return "phone must be digits, optionally with a leading + (E.164)";
        }
        JsonNode locale = d.get("locale");
        if (locale != null
                && !locale.isNull()
                && !(locale.isTextual() && LOCALE.matcher(locale.asText()).matches())) {
            return "locale must look like it or it-IT";
        }
        JsonNode consent = d.get("consent");
        if (consent != null && !consent.isNull()) {
            if (!consent.isObject()) return "consent must be an object of channel -> boolean";
            Iterator<Map.Entry<String, JsonNode>> it = consent.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!CHANNELS.contains(e.getKey()))
                    return "consent." + e.getKey() + " is not a channel (email, sms, push)";
                JsonNode v = e.getValue();
                boolean ok = v.isBoolean()
                        || (v.isObject() && v.has("granted") && v.get("granted").isBoolean());
                if (!ok) return "consent." + e.getKey() + " must be true/false or {\"granted\": bool, \"source\": ...}";
            }
        }
        return null;
    }

    /**
     * {@code orderId} (required), {@code items} [{sku, name, category, price}], {@code total}, {@code currency}
     * (ISO 4217; EUR when absent), {@code deliveredBy} (carrier), {@code coupon} (a code to redeem). Items and amounts
     * are checked when present: an order may arrive before the shop sends its lines.
     */
    private String order(JsonNode d) {
        String problem = firstOf(
                requireText(d, "orderId"),
                items(d),
                optionalNumber(d, "total", 0, 10_000_000),
                optionalText(d, "deliveredBy"),
                optionalText(d, "coupon"));
        if (problem != null) return problem;
        JsonNode currency = d.get("currency");
        if (currency != null
                && !currency.isNull()
                && !(currency.isTextual() && CURRENCY.matcher(currency.asText()).matches()))
            return "currency must be an ISO 4217 code such as EUR";
        return null;
    }

    /** {@code items}, when present: a non-empty array of {sku, name, category, price}. */
    private static String items(JsonNode d) {
        JsonNode items = d.get("items");
        if (items == null || items.isNull()) return null;
        if (!items.isArray() || items.isEmpty())
            return "items must be a non-empty array of {sku, name, category, price}";
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (!item.isObject()) return "items[" + i + "] must be an object {sku, name, category, price}";
            for (String field : List.of("sku", "name", "category")) {
                if (requireText(item, field) != null)
                    return "items[" + i + "]." + field + " is required (non-empty string)";
            }
            JsonNode price = item.get("price");
            if (price == null || !price.isNumber() || price.asDouble() < 0 || price.asDouble() > 10_000_000)
                return "items[" + i + "].price is required (a number between 0 and 10000000)";
        }
        return null;
    }

    private String survey(JsonNode d) {
        if (!d.has("nps") && !d.has("csat")) return "nps or csat is required";
        return firstOf(optionalInteger(d, "nps", 0, 10), optionalInteger(d, "csat", 1, 5));
    }

    private String consentChange(JsonNode d) {
        JsonNode ch = d.get("channel");
        if (ch == null || !ch.isTextual() || !CHANNELS.contains(ch.asText()))
            return "channel must be email, sms or push";
        JsonNode g = d.get("granted");
        if (g == null || !g.isBoolean()) return "granted (boolean) is required";
        JsonNode topic = d.get("topic");
        if (topic != null && !topic.isNull() && !(topic.isTextual() && TOPICS.contains(topic.asText())))
            return "topic must be one of "
                    + String.join(", ", TOPICS.stream().sorted().toList());
        return null;
    }

    /**
     * {@code preferredChannel} (email, sms, push or blank: none), {@code timeBand} (mattina, pomeriggio, sera or blank),
     * {@code interests} (up to 20 strings), {@code topics} (topic -> boolean), each optional: a first-party form may
     * carry none of them.
     */
    private String preferences(JsonNode d) {
        JsonNode ch = d.get("preferredChannel");
        if (ch != null
                && !ch.isNull()
                && !(ch.isTextual() && (ch.asText().isEmpty() || CHANNELS.contains(ch.asText()))))
            return "preferredChannel must be email, sms, push or empty (no preference)";
        JsonNode band = d.get("timeBand");
        if (band != null && !band.isNull()) {
            if (!band.isTextual()) return "timeBand must be mattina, pomeriggio, sera or empty (no preference)";
            try {
                TimeBand.parse(band.asText());
            } catch (IllegalArgumentException e) {
                return "timeBand must be mattina, pomeriggio, sera or empty (no preference)";
            }
        }
        JsonNode interests = d.get("interests");
        if (interests != null && !interests.isNull()) {
            if (!interests.isArray() || interests.size() > 20)
                return "interests must be an array of at most 20 strings";
            for (JsonNode i : interests)
                if (!i.isTextual() || i.asText().isBlank() || i.asText().length() > 64)
                    return "interests must be non-empty strings of at most 64 characters";
        }
        JsonNode topics = d.get("topics");
        if (topics != null && !topics.isNull()) {
            if (!topics.isObject()) return "topics must be an object of topic -> boolean";
            Iterator<Map.Entry<String, JsonNode>> it = topics.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!TOPICS.contains(e.getKey()))
                    return "topics." + e.getKey() + " is not a topic ("
                            + String.join(", ", TOPICS.stream().sorted().toList()) + ")";
                if (!e.getValue().isBoolean()) return "topics." + e.getKey() + " must be true or false";
            }
        }
        return null;
    }

    private static String requireText(JsonNode d, String field) {
        JsonNode v = d.get(field);
        return v != null && v.isTextual() && !v.asText().isBlank() ? null : field + " is required (non-empty string)";
    }

    private static String optionalText(JsonNode d, String field) {
        JsonNode v = d.get(field);
        if (v == null || v.isNull()) return null;
        return v.isTextual() && !v.asText().isBlank() ? null : field + " must be a non-empty string";
    }

    private static String requireNumber(JsonNode d, String field, double min, double max) {
        JsonNode v = d.get(field);
        if (v == null || v.isNull()) return field + " is required (a number)";
        return optionalNumber(d, field, min, max);
    }

    private static String optionalNumber(JsonNode d, String field, double min, double max) {
        JsonNode v = d.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isNumber()) return field + " must be a number";
        double x = v.asDouble();
        return x < min || x > max ? field + " must be between " + fmt(min) + " and " + fmt(max) : null;
    }

    private static String optionalInteger(JsonNode d, String field, long min, long max) {
        JsonNode v = d.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isIntegralNumber()) return field + " must be an integer";
        long x = v.asLong();
        return x < min || x > max ? field + " must be between " + min + " and " + max : null;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static String firstOf(String... problems) {
        for (String p : problems) if (p != null) return p;
        return null;
    }
}
