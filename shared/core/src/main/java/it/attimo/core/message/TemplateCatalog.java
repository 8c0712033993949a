package it.attimo.core.message;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheResolver;
import it.attimo.core.channel.Channel;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The message templates: Mustache files under {@code templates/} beside this class, one per journey, step, channel
 * and register: {@code templates/<journey>/<step>.<channel>.<formale|informale>.mustache}. A step without its own SMS
 * or push text uses its e-mail one. An e-mail template starts with {@code Oggetto: <subject>} on its first line.
 * Values are written as they are (plain text: the HTML part is built from it, escaped). An optional directory laid out
 * the same way comes first. A tray's step ({@code tray-<template>} journey) without its own file uses the generic one of
 * every tray, {@code templates/tray/<turn|reminder|otp|rejected|expired>...} (see {@link #trayStep}).
 */
public final class TemplateCatalog {
    static final String ROOT = "it/attimo/core/message/templates";
    /** The journey of the templates every tray shares. */
    public static final String TRAY = "tray";

    private static final String TRAY_PREFIX = TRAY + "-";
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]*");

    private final DefaultMustacheFactory factory;
    private final ClassLoader loader;
    private final Path directory;

    /** The bundled templates only. */
    public TemplateCatalog() {
        this(null);
    }

    /**
     * @param directory a folder laid out like the bundled {@code templates/} whose files come first (the templates of
     *                  a journey declared outside the bundled set, or a marketer's edits); null for none
     */
    public TemplateCatalog(Path directory) {
        this.loader = TemplateCatalog.class.getClassLoader();
        this.directory = directory;
        MustacheResolver resolver = name -> {
            if (directory != null && Files.isRegularFile(directory.resolve(name))) {
                try {
                    return Files.newBufferedReader(directory.resolve(name), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read template " + name, e);
                }
            }
            InputStream in = loader.getResourceAsStream(ROOT + "/" + name);
            return in == null ? null : new InputStreamReader(in, StandardCharsets.UTF_8);
        };
        this.factory = new DefaultMustacheFactory(resolver) {
            @Override
            public void encode(String value, Writer writer) {
                try {
                    writer.write(value);
                } catch (IOException e) {
                    throw new MustacheException("cannot write a template value", e);
                }
            }
        };
    }

    /** The file name (relative to the templates folder) that renders this journey step on this channel and tone. */
    public Optional<String> resolve(String journey, String step, Channel channel, String tone) {
        if (!NAME.matcher(String.valueOf(journey)).matches()
                || !NAME.matcher(String.valueOf(step)).matches()) {
            return Optional.empty();
        }
        for (String candidate : candidates(journey, step, channel, tone)) {
            if (directory != null && Files.isRegularFile(directory.resolve(candidate))) return Optional.of(candidate);
            if (loader.getResource(ROOT + "/" + candidate) != null) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    /** True when the step has its e-mail template in both registers (so every channel can render it). */
    public boolean covers(String journey, String step) {
        return resolve(journey, step, Channel.EMAIL, ToneRule.FORMALE).isPresent()
                && resolve(journey, step, Channel.EMAIL, ToneRule.INFORMALE).isPresent();
    }

    /**
     * Renders the template with {@code scope}.
     *
     * @throws MessageRenderingException when no template exists for the step
     */
    public String render(String journey, String step, Channel channel, String tone, Map<String, Object> scope) {
        String name = resolve(journey, step, channel, tone)
                .orElseThrow(() -> new MessageRenderingException("no template for " + journey + "." + step + " ("
                        + channel.id() + ", " + tone + "): expected templates/" + journey + "/" + step + ".email."
                        + tone + ".mustache"));
        Mustache mustache = factory.compile(name);
        StringWriter out = new StringWriter();
        try {
            mustache.execute(out, scope).flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * The generic step of a tray message ({@code <party>-turn} → {@code turn}, {@code <party>-reminder} →
     * {@code reminder}, {@code otp}, {@code rejected}, {@code expired} as they are), or empty when {@code journey} is
     * not a tray's ({@code tray-<template>}).
     */
    public static Optional<String> trayStep(String journey, String step) {
        if (journey == null || step == null || !journey.startsWith(TRAY_PREFIX)) return Optional.empty();
        int dash = step.lastIndexOf('-');
        String generic = dash < 0 ? step : step.substring(dash + 1);
        return Optional.of(generic);
    }

    private static List<String> candidates(String journey, String step, Channel channel, String tone) {
        List<String> names = new ArrayList<>();
        add(names, journey, step, channel, tone);
        trayStep(journey, step).ifPresent(generic -> add(names, TRAY, generic, channel, tone));
        return names;
    }

    private static void add(List<String> names, String journey, String step, Channel channel, String tone) {
        names.add(journey + "/" + step + "." + channel.id() + "." + tone + ".mustache");
        if (channel != Channel.EMAIL) names.add(journey + "/" + step + ".email." + tone + ".mustache");
    }
}
