package it.attimo.core.tray;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tray templates: {@code trays/<name>.json}, read from a directory (the local stack) or from the copy the build
 * puts in the core jar. A template is read and validated on first use and kept.
 */
public final class TrayTemplates {
    /** Where the build puts trays/*.json on the classpath. */
    public static final String BUNDLED = "/it/attimo/core/tray/templates/";

    private final Path dir;
    private final Map<String, TrayTemplate> loaded = new ConcurrentHashMap<>();

    private TrayTemplates(Path dir) {
        this.dir = dir;
    }

    public static TrayTemplates bundled() {
        return new TrayTemplates(null);
    }

    public static TrayTemplates in(Path dir) {
        return new TrayTemplates(dir);
    }

    /** The directory {@code path} names, or the bundled templates when it is null or blank. */
    public static TrayTemplates inOrBundled(String path) {
        return path == null || path.isBlank() ? bundled() : in(Path.of(path));
    }

    /** The template, or empty when there is none of that name (an invalid one throws {@link TrayTemplateException}). */
    public Optional<TrayTemplate> find(String name) {
        if (name == null || !TrayTemplateLoader.ID.matcher(name).matches()) return Optional.empty();
        TrayTemplate cached = loaded.get(name);
        if (cached != null) return Optional.of(cached);
        Optional<String> text = read(name);
        if (text.isEmpty()) return Optional.empty();
        TrayTemplate t = TrayTemplateLoader.parse(name + ".json", text.get());
        if (!t.name().equals(name)) {
            throw new TrayTemplateException(name + ".json", java.util.List.of("name " + t.name() + " must be " + name));
        }
        loaded.put(name, t);
        return Optional.of(t);
    }

    private Optional<String> read(String name) {
        try {
            if (dir != null) {
                Path file = dir.resolve(name + ".json");
                return Files.isRegularFile(file)
                        ? Optional.of(Files.readString(file, StandardCharsets.UTF_8))
                        : Optional.empty();
            }
            try (InputStream in = TrayTemplates.class.getResourceAsStream(BUNDLED + name + ".json")) {
                return in == null
                        ? Optional.empty()
                        : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tray template " + name, e);
        }
    }
}
