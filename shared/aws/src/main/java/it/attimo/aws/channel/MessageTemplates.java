package it.attimo.aws.channel;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

/**
 * The message texts, Italian only for now, in a formal ({@code lei}, "Buongiorno") and an informal ({@code tu},
 * "Ciao") register, read from {@code templates.properties} beside this class. Keys are
 * {@code <template>.<formal|informal>.<subject|text|html|sms>}; a template may be named with or without its
 * journey ({@code post-purchase.welcome} or {@code welcome}). Texts carry no personal data: nothing is merged in.
 */
public final class MessageTemplates {
    public static final String FORMAL = "formal";
    public static final String INFORMAL = "informal";

    private final Properties texts;

    private MessageTemplates(Properties texts) {
        this.texts = texts;
    }

    public static MessageTemplates italian() {
        Properties p = new Properties();
        try (InputStream in = MessageTemplates.class.getResourceAsStream("templates.properties")) {
            if (in == null) throw new IllegalStateException("templates.properties is missing from the classpath");
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new MessageTemplates(p);
    }

    /**
     * @param tone the profile's tone; "formal"/"formale"/"lei" or "informal"/"informale"/"tu"; unknown or absent
     *             means formal, the safe default with a stranger
     */
    public RenderedMessage render(String template, String locale, String tone) {
        String register = register(tone);
        String key = resolve(template, register);
        return new RenderedMessage(
                texts.getProperty(key + ".subject"),
                texts.getProperty(key + ".text"),
                texts.getProperty(key + ".html"),
                texts.getProperty(key + ".sms"));
    }

    static String register(String tone) {
        if (tone == null) return FORMAL;
        return switch (tone.trim().toLowerCase(Locale.ROOT)) {
            case "informal", "informale", "tu", "casual" -> INFORMAL;
            default -> FORMAL;
        };
    }

    private String resolve(String template, String register) {
        if (template == null || template.isBlank()) throw new UnknownTemplateException("a message has no template");
        if (texts.containsKey(template + "." + register + ".text")) return template + "." + register;
        int dot = template.lastIndexOf('.');
        String bare = dot < 0 ? template : template.substring(dot + 1);
        if (texts.containsKey(bare + "." + register + ".text")) return bare + "." + register;
        throw new UnknownTemplateException("no " + register + " text for template '" + template + "'");
    }
}
