package it.attimo.core.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.json.Json;
import it.attimo.core.json.Utf8;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CloudEvents HTTP binding's binary mode turned into the event's JSON format (structured mode): each
 * {@code ce-<name>} header is the attribute {@code <name>} (values percent-decoded as the binding requires),
 * {@code Content-Type} is {@code datacontenttype}, and the body is {@code data}: parsed when the type is JSON
 * ({@code application/json}, {@code *+json}, or no type at all), a string when it is text ({@code text/*},
 * {@code *xml}), {@code data_base64} otherwise. The result always holds what arrived, so that a rejected event can be
 * kept in quarantine as it was; {@link #problem()} says why the request itself cannot be an event.
 */
public record BinaryModeEvent(ObjectNode event, String problem) {
    static final String HEADER_PREFIX = "ce-";
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[a-z0-9]{1,20}");
    private static final Pattern CHARSET = Pattern.compile("(?i);\\s*charset\\s*=\\s*\"?([^\";\\s]+)\"?");

    static BinaryModeEvent of(Map<String, String> cloudEventHeaders, String contentType, byte[] body) {
        ObjectNode event = Json.object();
        String problem = null;
        for (Map.Entry<String, String> header : cloudEventHeaders.entrySet()) {
            String name = header.getKey().substring(HEADER_PREFIX.length());
            String value;
            try {
                value = percentDecoded(header.getValue());
            } catch (IllegalArgumentException e) {
                value = header.getValue();
                if (problem == null) problem = "header " + header.getKey() + ": " + e.getMessage();
            }
            event.put(name, value);
            if (problem != null) continue;
            if (!ATTRIBUTE_NAME.matcher(name).matches()) {
                problem = "header " + header.getKey()
                        + " is not a CloudEvents attribute (names are 1-20 lower-case letters or digits)";
            } else if (name.equals("data") || name.equals("datacontenttype")) {
                problem = "header " + header.getKey() + " is not allowed in binary mode: "
                        + (name.equals("data")
                                ? "the data is the request body"
                                : "the data's type is the Content-Type header");
            }
        }
        if (contentType != null && !contentType.isBlank()) event.put("datacontenttype", contentType.trim());
        if (body.length > 0) {
            String dataProblem = putData(event, contentType, body);
            if (problem == null) problem = dataProblem;
        }
        return new BinaryModeEvent(event, problem);
    }

    private static String putData(ObjectNode event, String contentType, byte[] body) {
        String mediaType = mediaType(contentType);
        if (mediaType.isEmpty() || mediaType.equals("application/json") || mediaType.endsWith("+json")) {
            try {
                event.set("data", Json.parse(body));
                return null;
            } catch (JsonProcessingException e) {
                putText(event, body);
                return "the body is not valid JSON for Content-Type " + (mediaType.isEmpty() ? "(none)" : mediaType)
                        + ": " + e.getOriginalMessage();
            }
        }
        if (mediaType.startsWith("text/") || mediaType.endsWith("/xml") || mediaType.endsWith("+xml")) {
            try {
                event.put("data", new String(body, charsetOf(contentType)));
                return null;
            } catch (IllegalArgumentException e) {
                event.put("data_base64", Base64.getEncoder().encodeToString(body));
                return e.getMessage();
            }
        }
        event.put("data_base64", Base64.getEncoder().encodeToString(body));
        return null;
    }

    /** The media type of a Content-Type without its parameters, in lower case; "" when there is none. */
    static String mediaType(String contentType) {
        return contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    }

    private static void putText(ObjectNode event, byte[] body) {
        try {
            event.put("data", Utf8.decode(body));
        } catch (JsonProcessingException notUtf8) {
            event.put("data_base64", Base64.getEncoder().encodeToString(body));
        }
    }

    private static Charset charsetOf(String contentType) {
        Matcher m = CHARSET.matcher(contentType);
        if (!m.find()) return StandardCharsets.UTF_8;
        try {
            return Charset.forName(m.group(1));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new IllegalArgumentException("Content-Type names an unknown charset: " + m.group(1));
        }
    }

    /** The binding's percent-encoding: {@code %XX} bytes are UTF-8; a {@code +} is a plus, not a space. */
    static String percentDecoded(String value) {
        if (value.indexOf('%') < 0) return value;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) != '%') {
                int next = value.indexOf('%', i);
                int end = next < 0 ? value.length() : next;
                bytes.writeBytes(value.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
                continue;
            }
            if (i + 2 >= value.length()
                    || Character.digit(value.charAt(i + 1), 16) < 0
                    || Character.digit(value.charAt(i + 2), 16) < 0) {
                throw new IllegalArgumentException("'%' must be followed by two hex digits (percent-encoding)");
            }
            bytes.write(Character.digit(value.charAt(i + 1), 16) * 16 + Character.digit(value.charAt(i + 2), 16));
            i += 2;
        }
        try {
            return Utf8.decode(bytes.toByteArray());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the percent-encoded bytes are not UTF-8");
        }
    }
}
